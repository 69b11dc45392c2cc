"""Prometheus rules for `monitoring`, one set of series per environment.

Objectives get multi-window, multi-burn-rate alerts as in the Google SRE workbook (chapter
"Alerting on SLOs") and Sloth: recording rules for the error ratio over seven windows, a page
when the 30-day budget burns 14.4x (1h and 5m) or 6x (6h and 30m) too fast, a ticket at 3x (1d
and 2h) or 1x (3d and 6h). Quality signals alert when a drift-job gauge stays over a threshold.

Each environment of `deploy` is its own scope: its series are those of its namespace (the label
Prometheus' Kubernetes discovery gives every target), its recorded ratios carry `environment`
and `namespace`, so staging errors burn staging's budget and page as staging. A target that is
down or absent alerts on its own (the ratios of a target nobody scrapes are empty, never high),
and Alertmanager inhibits the burn alerts of that environment meanwhile.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal

from mlops_compiler.dataclass import dataclass
from mlops_compiler.families.monitoring.ir import Rule, RuleGroup
from mlops_compiler.families.pairs import Pairs
from mlops_compiler.spec import MlopsSpec
from mlops_compiler.spec.monitoring import Monitoring, QualitySignal

WINDOWS = ("5m", "30m", "1h", "2h", "6h", "1d", "3d")
FAST = ((Decimal("14.4"), "1h", "5m"), (Decimal(6), "6h", "30m"))
SLOW = ((Decimal(3), "1d", "2h"), (Decimal(1), "3d", "6h"))
RECORD = "slo:sli_error:ratio_rate"
DOWN = "ServingDown"
ABSENT = "ServingAbsent"
DOWN_FOR = "5m"
ABSENT_FOR = "10m"

DRIFT_METRICS = {
    "feature_drift": "mlops_feature_drift_score",
    "prediction_shift": "mlops_prediction_shift_score",
    "missing_values": "mlops_missing_value_ratio",
}
"""The gauges monitoring/drift.py exports, labelled `model` (and `feature` per feature)."""

PER_FEATURE = {"feature_drift", "missing_values"}
TITLES = {
    "availability": "Availability",
    "error_rate": "ErrorRate",
    "latency": "Latency",
    "feature_drift": "FeatureDrift",
    "prediction_shift": "PredictionShift",
    "missing_values": "MissingValues",
}


def promql_string(value: str) -> str:
    """A PromQL string literal (Go escapes; a JSON string is one)."""
    return json.dumps(value, ensure_ascii=False)


def selector(**labels: str) -> str:
    """``{a="x",b="y"}``, values escaped."""
    return "{" + ",".join(f"{k}={promql_string(v)}" for k, v in labels.items()) + "}"


def le_label(seconds: float) -> str:
    """A histogram bucket boundary as the Prometheus Python client writes it (`0.25`, `1.0`)."""
    return repr(float(seconds))


@dataclass(frozen=True)
class Scope:
    """One environment's series: the job's targets in its namespace."""

    job: str
    environment: str | None = None
    """None: the project is not deployed by `deploy`; one unnamed scope."""
    namespace: str | None = None

    def matchers(self, **more: str) -> dict[str, str]:
        """The label matchers of this scope's raw series."""
        found = {"job": self.job}
        if self.namespace is not None:
            found["namespace"] = self.namespace
        return {**found, **more}

    def labels(self) -> Pairs:
        """The labels every recorded series and alert of this scope carries."""
        if self.environment is None or self.namespace is None:
            return ()
        return (("environment", self.environment), ("namespace", self.namespace))


def scopes(model: MlopsSpec, job: str) -> tuple[Scope, ...]:
    """One scope per `deploy` environment, or a single one without `deploy`."""
    deploy = model.deploy
    if deploy is None:
        return (Scope(job),)
    from mlops_compiler.families.deploy.lower import namespace_of

    name = model.project.name
    return tuple(
        Scope(job, env, namespace_of(name, env, values))
        for env, values in deploy.environments.items()
    )


@dataclass(frozen=True)
class Slo:
    """One objective: its error budget and what it means."""

    name: str
    budget: Decimal
    meaning: str


def objectives(spec: Monitoring) -> list[Slo]:
    """The configured objectives, in a fixed order."""
    found: list[Slo] = []
    o = spec.objectives
    if o.availability is not None:
        found.append(
            Slo(
                "availability",
                _budget(o.availability.target),
                f"{_pct(o.availability.target)}% of scrapes find the serving app up",
            )
        )
    if o.error_rate is not None:
        found.append(
            Slo(
                "error_rate",
                _budget(o.error_rate.target),
                f"{_pct(o.error_rate.target)}% of requests are answered without a 5xx",
            )
        )
    if o.latency is not None:
        found.append(
            Slo(
                "latency",
                _budget(o.latency.percentile),
                f"{_pct(o.latency.percentile)}% of requests are answered within"
                f" {le_label(o.latency.threshold)}s",
            )
        )
    return found


def error_ratio(spec: Monitoring, slo: str, window: str, scope: Scope) -> str:
    """The PromQL of one objective's error ratio over ``window`` in ``scope``."""
    sel = selector(**scope.matchers())
    if slo == "availability":
        return f"1 - avg(avg_over_time(up{sel}[{window}]))"
    if slo == "error_rate":
        requests = spec.metrics.requests
        errors = selector(**scope.matchers(code="5..")).replace('code="5.."', 'code=~"5.."')
        # No 5xx yet means no 5xx series at all: `or vector(0)` keeps the ratio a number.
        return (
            f"(sum(rate({requests}{errors}[{window}])) or vector(0))"
            f" / sum(rate({requests}{sel}[{window}]))"
        )
    assert spec.objectives.latency is not None
    latency = spec.metrics.latency
    bucket = selector(**scope.matchers(le=le_label(spec.objectives.latency.threshold)))
    return (
        f"1 - (sum(rate({latency}_bucket{bucket}[{window}]))"
        f" / sum(rate({latency}_count{sel}[{window}])))"
    )


def _budget(target: float) -> Decimal:
    return (Decimal(100) - Decimal(repr(target))) / 100


def _pct(value: float) -> str:
    return f"{value:g}"


def num(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros."""
    return format(value.normalize(), "f")


def rule_groups(
    spec: Monitoring, model: str, all_scopes: tuple[Scope, ...]
) -> tuple[RuleGroup, ...]:
    """Recording rules, SLO and target alerts, quality alerts, one group each (empty ones
    left out)."""
    slos = objectives(spec)
    records = [
        Rule(
            record=f"{RECORD}{window}",
            expr=error_ratio(spec, slo.name, window, scope),
            labels=(("model", model), ("slo", slo.name), *scope.labels()),
        )
        for slo in slos
        for scope in all_scopes
        for window in WINDOWS
    ]
    alerts = [rule for slo in slos for rule in _burn_alerts(slo, model, all_scopes)]
    if slos:
        alerts += [rule for scope in all_scopes for rule in target_alerts(model, scope)]
    quality = [quality_rule(name, signal, model) for name, signal in signals(spec)]
    groups = (
        RuleGroup(f"{model}-slo-recording", tuple(records)),
        RuleGroup(f"{model}-slo-alerts", tuple(alerts)),
        RuleGroup(f"{model}-model-quality", tuple(quality)),
    )
    return tuple(group for group in groups if group.rules)


def signals(spec: Monitoring) -> list[tuple[str, QualitySignal]]:
    """The configured quality signals, in a fixed order."""
    q = spec.quality
    pairs = [
        ("feature_drift", q.feature_drift),
        ("prediction_shift", q.prediction_shift),
        ("missing_values", q.missing_values),
    ]
    return [(name, signal) for name, signal in pairs if signal is not None]


def recorded(window: str, slo: Slo, model: str, **more: str) -> str:
    """The recorded error ratio of an objective (every environment, or those of ``more``)."""
    return f"{RECORD}{window}{selector(model=model, slo=slo.name, **more)}"


def _burn_expr(slo: Slo, model: str, pairs: tuple[tuple[Decimal, str, str], ...]) -> str:
    # `and` matches on every label, environment included: each environment burns alone.
    clauses = [
        f"({recorded(short, slo, model)} > ({num(factor)} * {num(slo.budget)})"
        f" and {recorded(long, slo, model)} > ({num(factor)} * {num(slo.budget)}))"
        for factor, long, short in pairs
    ]
    return "\nor\n".join(clauses)


def burn_alert_name(slo: str, speed: str) -> str:
    """`ErrorRateBudgetBurnFast`."""
    return f"{TITLES[slo]}BudgetBurn{speed}"


def _burn_alerts(slo: Slo, model: str, all_scopes: tuple[Scope, ...]) -> list[Rule]:
    deployed = all_scopes[0].environment is not None
    rules = []
    for speed, pairs, severity in (("Fast", FAST, "critical"), ("Slow", SLOW, "warning")):
        rules.append(
            Rule(
                alert=burn_alert_name(slo.name, speed),
                expr=_burn_expr(slo, model, pairs),
                labels=(("severity", severity),),
                annotations=burn_annotations(
                    slo, model, reading(speed), "{{ $labels.environment }}" if deployed else None
                ),
            )
        )
    return rules


def burn_annotations(slo: Slo, model: str, reading: str, environment: str | None) -> Pairs:
    """The summary and description of a burn alert."""
    where = f" in {environment}" if environment is not None else ""
    return (
        (
            "summary",
            f"{model}: the {slo.name.replace('_', ' ')} error budget{where} is burning too fast",
        ),
        ("description", f"Objective: {slo.meaning} over 30 days; {reading}."),
    )


def reading(speed: str) -> str:
    """How fast the budget goes, in words."""
    if speed == "Fast":
        return "at this rate the 30-day budget is gone in about 2 days"
    return "at this rate the 30-day budget runs out within the window"


def target_alerts(model: str, scope: Scope) -> list[Rule]:
    """Every target of the scope down, or none scraped at all: the objectives go blind then."""
    sel = selector(**scope.matchers())
    where = f" in {scope.environment}" if scope.environment is not None else ""
    labels = (("severity", "critical"), ("model", model), *scope.labels())
    return [
        Rule(
            alert=DOWN,
            expr=f"max(up{sel}) == 0",
            duration=DOWN_FOR,
            labels=labels,
            annotations=(
                ("summary", f"{model}: every serving target{where} is down"),
                (
                    "description",
                    f"Prometheus has failed to scrape every target of {sel} for {DOWN_FOR};"
                    " the request objectives cannot be measured meanwhile.",
                ),
            ),
        ),
        Rule(
            alert=ABSENT,
            expr=f"absent(up{sel})",
            duration=ABSENT_FOR,
            labels=labels,
            annotations=(
                ("summary", f"{model}: no serving target{where} is scraped"),
                (
                    "description",
                    f"No target matches {sel} (is the scrape configured, the app deployed?);"
                    " the objectives watch nothing meanwhile.",
                ),
            ),
        ),
    ]


def quality_alert_name(name: str) -> str:
    """`FeatureDriftHigh`."""
    return f"{TITLES[name]}High"


NOISE = "mlops_drift_noise_level"
"""The drift job's gauge of the score same-distribution samples stay under, per signal."""
SCORED = {"feature_drift", "prediction_shift"}


def quality_rule(name: str, signal: QualitySignal, model: str) -> Rule:
    """The alert of one quality signal. A score counts only over the noise level the drift job
    measured for these sample sizes (as its retraining trigger does)."""
    metric = DRIFT_METRICS[name]
    where = " of feature {{ $labels.feature }}" if name in PER_FEATURE else ""
    expr = f"{metric}{selector(model=model)} > {signal.threshold!r}"
    if name in SCORED:
        expr += f" > on (model) group_left () {NOISE}{selector(model=model, signal=name)}"
    return Rule(
        alert=quality_alert_name(name),
        expr=expr,
        duration=signal.duration,
        labels=(("severity", signal.severity),),
        annotations=(
            ("summary", f"{model}: {name.replace('_', ' ')}{where} is above {signal.threshold!r}"),
            (
                "description",
                f"{metric} has stayed above {signal.threshold!r} for {signal.duration};"
                " the drift job triggers a retraining.",
            ),
        ),
    )


_UNITS = {"ms": 1 / 60_000, "s": 1 / 60, "m": 1, "h": 60, "d": 1440, "w": 10080, "y": 525600}


def duration_minutes(text: str) -> int:
    """Whole minutes (rounded up) of a Prometheus duration."""
    total = sum(
        float(n) * _UNITS[unit] for n, unit in re.findall(r"([0-9]+)(ms|s|m|h|d|w|y)", text)
    )
    return max(1, -int(-total // 1))
