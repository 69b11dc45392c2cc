"""Lower `monitoring` to its IR: Prometheus rules and tests, Alertmanager, the dashboard,
the drift workflow. Called after the section's cross-checks (``checks.check_monitoring``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mlops_compiler.families.monitoring import rules as slo_rules
from mlops_compiler.families.monitoring.dashboard import dashboard
from mlops_compiler.families.monitoring.exporters import wraps_mlflow
from mlops_compiler.families.monitoring.ir import (
    Alertmanager,
    Inhibit,
    Monitoring,
    Receiver,
)
from mlops_compiler.families.monitoring.ruletests import rule_tests
from mlops_compiler.families.monitoring.workflow import monitor_workflow
from mlops_compiler.families.pairs import Pairs
from mlops_compiler.spec import MlopsSpec
from mlops_compiler.spec import monitoring as m

if TYPE_CHECKING:
    from mlops_compiler.families.dvc.ir import DvcConfig


def lower_monitoring(
    model: MlopsSpec, spec: m.Monitoring, dvc_config: DvcConfig | None = None
) -> Monitoring:
    """Rules and tests, Alertmanager, the dashboard and the drift workflow of one project."""
    name = model.project.name
    job = spec.job or name
    scopes = slo_rules.scopes(model, job)
    watched = bool(slo_rules.objectives(spec))
    return Monitoring(
        model=name,
        groups=slo_rules.rule_groups(spec, name, scopes),
        tests=rule_tests(spec, name, scopes),
        alertmanager=_alertmanager(spec.alerting, watched) if spec.alerting else None,
        dashboard=dashboard(spec, name, scopes),
        workflow=monitor_workflow(model, spec, dvc_config) if spec.drift else None,
        wrapper=wraps_mlflow(model),
    )


TARGET_ALERTS = f'alertname=~"{slo_rules.DOWN}|{slo_rules.ABSENT}"'
BURN_ALERTS = 'alertname=~".+BudgetBurn(Fast|Slow)"'


def _alertmanager(alerting: m.Alerting, watched: bool) -> Alertmanager:
    inhibit = (Inhibit((TARGET_ALERTS,), (BURN_ALERTS,), ("model", "environment")),)
    return Alertmanager(
        inhibit=inhibit if watched else (),
        default=alerting.default or next(iter(alerting.receivers)),
        group_by=tuple(alerting.group_by),
        repeat_interval=alerting.repeat_interval,
        routes=tuple((f'severity="{sev}"', name) for sev, name in alerting.routes.items()),
        receivers=tuple(
            Receiver(name, receiver.kind, _receiver_options(receiver))
            for name, receiver in alerting.receivers.items()
        ),
    )


def _file(secret: m.Secret | None) -> str:
    return secret.file if isinstance(secret, m.SecretFile) else ""


def _receiver_options(receiver: Any) -> Pairs:
    options: list[tuple[str, Any]]
    if isinstance(receiver, m.SlackReceiver):
        options = [("channel", receiver.channel), ("api_url_file", _file(receiver.api_url))]
    elif isinstance(receiver, m.PagerDutyReceiver):
        options = [("routing_key_file", _file(receiver.routing_key))]
    elif isinstance(receiver, m.WebhookReceiver):
        options = [("url", receiver.url)]
        if receiver.bearer_token is not None:
            auth = {"type": "Bearer", "credentials_file": _file(receiver.bearer_token)}
            options.append(("http_config", {"authorization": auth}))
    else:
        assert isinstance(receiver, m.EmailReceiver)
        options = [
            ("to", receiver.to),
            ("from", receiver.sender),
            ("smarthost", receiver.smarthost),
        ]
        if receiver.auth_username is not None:
            options.append(("auth_username", receiver.auth_username))
        if receiver.auth_password is not None:
            options.append(("auth_password_file", _file(receiver.auth_password)))
    return (*options, ("send_resolved", True))
