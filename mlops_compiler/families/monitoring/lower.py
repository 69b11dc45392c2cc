"""Lower `monitoring` to its IR: Prometheus rules and tests, Alertmanager, the dashboard,
the drift workflow. Called after the section's cross-checks (``checks.check_monitoring``).
"""

from __future__ import annotations

from typing import Any

from mlops_compiler.families.monitoring import rules as slo_rules
from mlops_compiler.families.monitoring.ir import (
    Alertmanager,
    Monitoring,
    Receiver,
)
from mlops_compiler.families.monitoring.workflow import monitor_workflow
from mlops_compiler.families.pairs import Pairs
from mlops_compiler.spec import MlopsSpec
from mlops_compiler.spec import monitoring as m


def lower_monitoring(model: MlopsSpec, spec: m.Monitoring) -> Monitoring:
    """Rules and tests, Alertmanager, the dashboard and the drift workflow of one project."""
    name = model.project.name
    job = spec.job or name
    return Monitoring(
        model=name,
        groups=slo_rules.rule_groups(spec, name, job),
        tests=slo_rules.rule_tests(spec, name, job),
        alertmanager=_alertmanager(spec.alerting) if spec.alerting else None,
        dashboard=slo_rules.dashboard(spec, name, job),
        workflow=monitor_workflow(model, spec) if spec.drift else None,
    )


def _alertmanager(alerting: m.Alerting) -> Alertmanager:
    return Alertmanager(
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
