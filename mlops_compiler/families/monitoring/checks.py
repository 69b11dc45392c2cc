"""Cross-checks of `monitoring`: what Prometheus or Alertmanager would only reveal later (or
never: an alert that cannot fire), found now.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from mlops_compiler.errors import Diagnostic, Loc, Severity
from mlops_compiler.families.cron import cron_problem
from mlops_compiler.families.monitoring.exporters import exporter
from mlops_compiler.spec import MlopsSpec
from mlops_compiler.spec import monitoring as m

if TYPE_CHECKING:
    from pathlib import Path

    from mlops_compiler.families.dvc.ir import DvcConfig

PAGE_FACTOR = Decimal("14.4")
_SECRET_FIELDS = {
    "slack": ("api_url",),
    "pagerduty": ("routing_key",),
    "webhook": ("bearer_token",),
    "email": ("auth_password",),
}


def check_monitoring(model: MlopsSpec, spec: m.Monitoring) -> list[Diagnostic]:
    """Every problem of `monitoring`, in no particular order."""
    diagnostics = _objectives(spec) + _exports(model, spec) + _quality(spec) + _drift(model, spec)
    if spec.alerting is not None:
        diagnostics += _alerting(spec.alerting)
    return diagnostics


def _objectives(spec: m.Monitoring) -> list[Diagnostic]:
    found = []
    o = spec.objectives
    targets: list[tuple[str, str, float | None]] = [
        ("availability", "target", o.availability.target if o.availability else None),
        ("error_rate", "target", o.error_rate.target if o.error_rate else None),
        ("latency", "percentile", o.latency.percentile if o.latency else None),
    ]
    for name, field, target in targets:
        if target is None:
            continue
        budget = (Decimal(100) - Decimal(repr(target))) / 100
        if budget * PAGE_FACTOR >= 1:
            lowest = (1 - 1 / PAGE_FACTOR) * 100
            found.append(
                Diagnostic(
                    f"an objective of {target:g}% leaves an error budget of"
                    f" {float(budget * 100):g}%: the page alert (a {PAGE_FACTOR}x burn, an error"
                    f" ratio of {float(budget * PAGE_FACTOR * 100):g}%) could never fire",
                    loc=("monitoring", "objectives", name, field),
                    hint=f"use a {field} of at least {lowest:.2f}",
                )
            )
    return found


_SERVED_BY = {
    "mlflow": "the MLflow server's metrics wrapper",
    "command": "the serving command",
}


def _exports(model: MlopsSpec, spec: m.Monitoring) -> list[Diagnostic]:
    """Rules over metrics the served process does not export would never fire."""
    o = spec.objectives
    explicit = "metrics" in spec.model_fields_set
    reads: list[tuple[str, str, str]] = []
    if o.error_rate is not None:
        reads.append(("error_rate", "requests", spec.metrics.requests))
    if o.latency is not None:
        reads.append(("latency", "latency", spec.metrics.latency))
    if not reads:
        return []
    served = exporter(model)
    if served.names is None:
        if explicit:
            return []
        names = ", ".join(f"`{name}`" for _, _, name in reads)
        return [
            Diagnostic(
                f"nothing in the spec says the serving app exports {names}, which the"
                " objectives read (a rule over a metric nobody exports never fires)",
                loc=("monitoring", "objectives"),
                on_key=True,
                severity=Severity.WARNING,
                hint="build the serving image with `images.serve`, or write the names the"
                " app exports at /metrics under `monitoring.metrics`",
            )
        ]
    found = []
    for objective, field, name in reads:
        if name in served.names:
            continue
        declared = ", ".join(f"`{n}`" for n in sorted(served.names)) or "nothing"
        hint = (
            f"add `{name}` to `images.serve.server.metrics` if the command exports it"
            if served.kind == "command"
            else f"remove `monitoring.metrics.{field}`: the wrapper exports {declared}"
        )
        found.append(
            Diagnostic(
                f"the {objective.replace('_', ' ')} objective reads `{name}`, which"
                f" {_SERVED_BY[served.kind]} does not export (it exports {declared})",
                loc=("monitoring", "metrics", field)
                if explicit
                else ("monitoring", "objectives", objective),
                on_key=not explicit,
                hint=hint,
            )
        )
    buckets = served.buckets
    if o.latency is not None and buckets is not None and o.latency.threshold not in buckets:
        found.append(
            Diagnostic(
                f"{o.latency.threshold:g}s is not a bucket of the latency histogram"
                f" {_SERVED_BY[served.kind]} exports: the objective cannot be measured",
                loc=("monitoring", "objectives", "latency", "threshold"),
                hint="use one of " + ", ".join(f"{b:g}" for b in buckets),
            )
        )
    return found


def _quality(spec: m.Monitoring) -> list[Diagnostic]:
    found = []
    q = spec.quality
    statistic = spec.drift.statistic if spec.drift else "psi"
    bounded = {"missing_values": "a share of values (0 to 1)"}
    if statistic == "ks":
        bounded["feature_drift"] = bounded["prediction_shift"] = "a KS statistic (0 to 1)"
    signals = {
        "feature_drift": q.feature_drift,
        "prediction_shift": q.prediction_shift,
        "missing_values": q.missing_values,
    }
    for name, signal in signals.items():
        if signal is not None and name in bounded and signal.threshold >= 1:
            found.append(
                Diagnostic(
                    f"threshold {signal.threshold:g} can never be crossed: the signal is"
                    f" {bounded[name]}",
                    loc=("monitoring", "quality", name, "threshold"),
                    hint="use a value between 0 and 1",
                )
            )
    has_signal = any(signal is not None for signal in signals.values())
    if has_signal and spec.drift is None:
        found.append(
            Diagnostic(
                "quality signals come from the drift job, and there is none",
                loc=("monitoring", "quality"),
                on_key=True,
                hint="add `drift:` under `monitoring:` (schedule, reference, current)",
            )
        )
    if spec.drift is not None and not has_signal:
        found.append(
            Diagnostic(
                "the drift job has no signal to publish or to trigger retraining on",
                loc=("monitoring", "drift"),
                on_key=True,
                hint="add `quality: {feature_drift: {threshold: 0.2}}` under `monitoring:`",
            )
        )
    if spec.drift is not None and spec.drift.prediction is None and q.prediction_shift:
        found.append(
            Diagnostic(
                "`prediction_shift` needs the column that holds the predictions",
                loc=("monitoring", "quality", "prediction_shift"),
                on_key=True,
                hint="add `prediction: <column>` under `monitoring.drift`",
            )
        )
    return found


def _drift(model: MlopsSpec, spec: m.Monitoring) -> list[Diagnostic]:
    drift = spec.drift
    if drift is None:
        return []
    found = []
    problem = cron_problem(drift.schedule)
    if problem is not None:
        message, needle = problem
        found.append(
            Diagnostic(
                message,
                loc=("monitoring", "drift", "schedule"),
                needle=needle,
                hint="minute hour day-of-month month day-of-week, in UTC: `17 6 * * *`",
            )
        )
    if drift.fetch is not None and "${{" in drift.fetch:
        found.append(
            Diagnostic(
                "`${{` in a workflow command is expanded by GitHub before the shell runs it",
                loc=("monitoring", "drift", "fetch"),
                needle="${{",
                hint="read secrets and inputs from environment variables instead",
            )
        )
    retraining: Any = getattr(model, "retraining", None)
    if retraining is None:
        found.append(
            Diagnostic(
                "the drift job triggers retrain.yml, which `retraining:` generates",
                loc=("monitoring", "drift"),
                on_key=True,
                hint="add a `retraining:` section (schedule, ...)",
            )
        )
    elif drift.retrain_event is not None and drift.retrain_event != retraining.dispatch_type:
        found.append(
            Diagnostic(
                f"retrain.yml listens for `{retraining.dispatch_type}`,"
                f" not `{drift.retrain_event}`",
                loc=("monitoring", "drift", "retrain_event"),
                hint="remove `retrain_event` (it defaults to `retraining.dispatch_type`)",
            )
        )
    return found


def _alerting(alerting: m.Alerting) -> list[Diagnostic]:
    found = []
    names = list(alerting.receivers)
    known = ", ".join(f"`{name}`" for name in names)
    base: Loc = ("monitoring", "alerting")
    if alerting.default is None and len(names) > 1:
        found.append(
            Diagnostic(
                "several receivers and no default",
                loc=(*base, "receivers"),
                on_key=True,
                hint=f"add `default: {names[0]}` under `alerting:`",
            )
        )
    references = [((*base, "default"), alerting.default)]
    references += [((*base, "routes", sev), name) for sev, name in alerting.routes.items()]
    for loc, name in references:
        if name is not None and name not in alerting.receivers:
            found.append(
                Diagnostic(f"receiver `{name}` is not declared", loc=loc, hint=f"declared: {known}")
            )
    for name, receiver in alerting.receivers.items():
        for field in _SECRET_FIELDS[receiver.kind]:
            if isinstance(getattr(receiver, field), str):
                found.append(
                    Diagnostic(
                        f"`{field}` is a secret: it must not be written in mlops.yaml",
                        loc=(*base, "receivers", name, field),
                        on_key=True,
                        redact=True,
                        hint=f"mount it as a file and write `{field}: {{file:"
                        f" /etc/alertmanager/secrets/{name}-{field.replace('_', '-')}}}`",
                    )
                )
    return found


def check_data(model: MlopsSpec, dvc_config: DvcConfig | None, base_dir: Path) -> list[Diagnostic]:
    """monitor.yml must be able to bring `reference` and `current` to the runner: a stage's
    out it can pull (a remote) or fetch, a file DVC tracks that `fetch` pulls, a file in the
    repository, or a `fetch` that makes it."""
    spec = model.monitoring
    drift = spec.drift if spec is not None else None
    if drift is None:
        return []
    from mlops_compiler.families.delivery.lower import remote_access
    from mlops_compiler.families.monitoring.workflow import produced

    remote, _env = remote_access(model, dvc_config)
    outs = produced(model)
    fetch = drift.fetch
    found = []
    for field, path in (("reference", drift.reference), ("current", drift.current)):
        loc: Loc = ("monitoring", "drift", field)
        stage = outs.get(path)
        if stage is not None:
            if remote is None and fetch is None:
                found.append(
                    Diagnostic(
                        f"`{path}` is written by stage `{stage}`, and monitor.yml can neither"
                        " pull it (no DVC remote) nor fetch it",
                        loc=loc,
                        hint=f"add a remote under `data.remotes`, or `fetch: dvc repro {stage}`",
                    )
                )
        elif (base_dir / f"{path}.dvc").is_file():
            if fetch is None or path not in fetch:
                found.append(
                    Diagnostic(
                        f"`{path}` is tracked by DVC (`{path}.dvc`), and nothing in monitor.yml"
                        " pulls it",
                        loc=loc,
                        hint=f"add `fetch: dvc pull {drift.reference} {drift.current}` under"
                        " `monitoring.drift`",
                    )
                )
        elif not (base_dir / path).exists() and fetch is None:
            found.append(
                Diagnostic(
                    f"`{path}` is neither written by a stage, tracked by DVC nor in the"
                    " repository, and no `fetch` brings it: the drift job would have nothing"
                    " to compare",
                    loc=loc,
                    hint="add the stage that writes it, or a `fetch:` command under"
                    " `monitoring.drift`",
                )
            )
    return found
