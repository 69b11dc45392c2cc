"""Prometheus rules for `monitoring`, the promtool tests proving them, and the dashboard.

Objectives get multi-window, multi-burn-rate alerts as in the Google SRE workbook (chapter
"Alerting on SLOs") and Sloth: recording rules for the error ratio over seven windows, a page
when the 30-day budget burns 14.4x (1h and 5m) or 6x (6h and 30m) too fast, a ticket at 3x (1d
and 2h) or 1x (3d and 6h). Quality signals alert when a drift-job gauge stays over a threshold.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal

from mlops_compiler.families.monitoring.ir import (
    Dashboard,
    Panel,
    Rule,
    RuleGroup,
    RuleTest,
    Series,
)
from mlops_compiler.spec.monitoring import Monitoring, QualitySignal

WINDOWS = ("5m", "30m", "1h", "2h", "6h", "1d", "3d")
FAST = ((Decimal("14.4"), "1h", "5m"), (Decimal(6), "6h", "30m"))
SLOW = ((Decimal(3), "1d", "2h"), (Decimal(1), "3d", "6h"))
RECORD = "slo:sli_error:ratio_rate"

DRIFT_METRICS = {
    "feature_drift": "mlops_feature_drift_score",
    "prediction_shift": "mlops_prediction_shift_score",
    "missing_values": "mlops_missing_value_ratio",
}
"""The gauges monitoring/drift.py exports, labelled `model` (and `feature` per feature)."""

_PER_FEATURE = {"feature_drift", "missing_values"}
_TITLES = {
    "availability": "Availability",
    "error_rate": "ErrorRate",
    "latency": "Latency",
    "feature_drift": "FeatureDrift",
    "prediction_shift": "PredictionShift",
    "missing_values": "MissingValues",
}
_RATE = 1_000_000
"""Requests per minute in the synthetic test series: exact ratios down to 0.0001%."""


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
class Slo:
    """One objective: the PromQL of its error ratio over a window, and its error budget."""

    name: str
    budget: Decimal
    error_ratio: str
    """A format string with ``{w}`` for the window."""
    meaning: str


def objectives(spec: Monitoring, job: str) -> list[Slo]:
    """The configured objectives, in a fixed order."""
    sel = selector(job=job)
    found: list[Slo] = []
    o = spec.objectives
    if o.availability is not None:
        found.append(
            Slo(
                "availability",
                _budget(o.availability.target),
                f"1 - avg(avg_over_time(up{sel}[{{w}}]))",
                f"{_pct(o.availability.target)}% of scrapes find the serving app up",
            )
        )
    if o.error_rate is not None:
        requests = spec.metrics.requests
        errors = selector(job=job, code="5..").replace('code="5.."', 'code=~"5.."')
        found.append(
            Slo(
                "error_rate",
                _budget(o.error_rate.target),
                f"sum(rate({requests}{errors}[{{w}}])) / sum(rate({requests}{sel}[{{w}}]))",
                f"{_pct(o.error_rate.target)}% of requests are answered without a 5xx",
            )
        )
    if o.latency is not None:
        latency = spec.metrics.latency
        bucket = selector(job=job, le=le_label(o.latency.threshold))
        found.append(
            Slo(
                "latency",
                _budget(o.latency.percentile),
                f"1 - (sum(rate({latency}_bucket{bucket}[{{w}}]))"
                f" / sum(rate({latency}_count{sel}[{{w}}])))",
                f"{_pct(o.latency.percentile)}% of requests are answered within"
                f" {le_label(o.latency.threshold)}s",
            )
        )
    return found


def _budget(target: float) -> Decimal:
    return (Decimal(100) - Decimal(repr(target))) / 100


def _pct(value: float) -> str:
    return f"{value:g}"


def _num(value: Decimal) -> str:
    return format(value.normalize(), "f")


def rule_groups(spec: Monitoring, model: str, job: str) -> tuple[RuleGroup, ...]:
    """Recording rules, SLO alerts and quality alerts, one group each (empty ones left out)."""
    slos = objectives(spec, job)
    records = [
        Rule(
            record=f"{RECORD}{window}",
            expr=slo.error_ratio.replace("{w}", window),
            labels=(("model", model), ("slo", slo.name)),
        )
        for slo in slos
        for window in WINDOWS
    ]
    alerts = [rule for slo in slos for rule in _burn_alerts(slo, model)]
    quality = [_quality_alert(name, signal, model) for name, signal in _signals(spec)]
    groups = (
        RuleGroup(f"{model}-slo-recording", tuple(records)),
        RuleGroup(f"{model}-slo-alerts", tuple(alerts)),
        RuleGroup(f"{model}-model-quality", tuple(quality)),
    )
    return tuple(group for group in groups if group.rules)


def _signals(spec: Monitoring) -> list[tuple[str, QualitySignal]]:
    q = spec.quality
    pairs = [
        ("feature_drift", q.feature_drift),
        ("prediction_shift", q.prediction_shift),
        ("missing_values", q.missing_values),
    ]
    return [(name, signal) for name, signal in pairs if signal is not None]


def _recorded(window: str, slo: Slo, model: str) -> str:
    return f"{RECORD}{window}{selector(model=model, slo=slo.name)}"


def _burn_expr(slo: Slo, model: str, pairs: tuple[tuple[Decimal, str, str], ...]) -> str:
    clauses = [
        f"({_recorded(short, slo, model)} > ({_num(factor)} * {_num(slo.budget)})"
        f" and {_recorded(long, slo, model)} > ({_num(factor)} * {_num(slo.budget)}))"
        for factor, long, short in pairs
    ]
    return "\nor\n".join(clauses)


def burn_alert_name(slo: str, speed: str) -> str:
    """`ErrorRateBudgetBurnFast`."""
    return f"{_TITLES[slo]}BudgetBurn{speed}"


def _burn_alerts(slo: Slo, model: str) -> list[Rule]:
    rules = []
    for speed, pairs, severity in (("Fast", FAST, "critical"), ("Slow", SLOW, "warning")):
        rules.append(
            Rule(
                alert=burn_alert_name(slo.name, speed),
                expr=_burn_expr(slo, model, pairs),
                labels=(("severity", severity),),
                annotations=_burn_annotations(slo, model, _reading(speed)),
            )
        )
    return rules


def _burn_annotations(slo: Slo, model: str, reading: str) -> tuple[tuple[str, str], ...]:
    return (
        ("summary", f"{model}: the {slo.name.replace('_', ' ')} error budget is burning too fast"),
        ("description", f"Objective: {slo.meaning} over 30 days; {reading}."),
    )


def _quality_alert(name: str, signal: QualitySignal, model: str) -> Rule:
    metric = DRIFT_METRICS[name]
    where = " of feature {{ $labels.feature }}" if name in _PER_FEATURE else ""
    return Rule(
        alert=f"{_TITLES[name]}High",
        expr=f"{metric}{selector(model=model)} > {signal.threshold!r}",
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


# -- promtool tests -------------------------------------------------------------------------


def rule_tests(spec: Monitoring, model: str, job: str) -> tuple[RuleTest, ...]:
    """For every alert: a synthetic series it fires on, and a healthy one it ignores."""
    tests: list[RuleTest] = []
    for slo in objectives(spec, job):
        for speed in ("Fast", "Slow"):
            tests += _burn_tests(spec, slo, speed, model, job)
    for name, signal in _signals(spec):
        tests += _quality_tests(name, signal, model)
    return tuple(tests)


def _burn_tests(spec: Monitoring, slo: Slo, speed: str, model: str, job: str) -> list[RuleTest]:
    alert = burn_alert_name(slo.name, speed)
    # Fast: everything fails for 70 minutes. Slow: 5x the budget fails for a day and a bit,
    # which is over the 3x ticket threshold and under the 14.4x page threshold.
    bad = Decimal(1) if speed == "Fast" else 5 * slo.budget
    minutes = 70 if speed == "Fast" else 1450
    severity = "critical" if speed == "Fast" else "warning"
    labels = (("model", model), ("severity", severity), ("slo", slo.name))
    fired = ((tuple(sorted(labels)), _burn_annotations(slo, model, _reading(speed))),)
    cases = []
    for ratio, expected, story in (
        (bad, fired, f"fires when {_num(bad * 100)}% of events are bad"),
        (Decimal(0), (), "stays silent when every event is good"),
    ):
        cases.append(
            RuleTest(
                name=f"{alert} {story}",
                series=_slo_series(spec, slo.name, job, ratio, minutes + 10),
                eval_time=f"{minutes}m",
                alertname=alert,
                expected=expected,
            )
        )
    return cases


def _reading(speed: str) -> str:
    if speed == "Fast":
        return "at this rate the 30-day budget is gone in about 2 days"
    return "at this rate the 30-day budget runs out within the window"


def _slo_series(
    spec: Monitoring, name: str, job: str, bad: Decimal, steps: int
) -> tuple[Series, ...]:
    """Series whose error ratio is ``bad`` at every step (one step a minute)."""
    sel = {"job": job}
    good_count = _num(_RATE * (1 - bad))
    bad_count = _num(_RATE * bad)
    if name == "availability":
        return (Series(f"up{selector(**sel, instance='serving-0')}", f"{_num(1 - bad)}x{steps}"),)
    if name == "error_rate":
        metric = spec.metrics.requests
        return (
            Series(f"{metric}{selector(**sel, code='200')}", f"0+{good_count}x{steps}"),
            Series(f"{metric}{selector(**sel, code='500')}", f"0+{bad_count}x{steps}"),
        )
    assert spec.objectives.latency is not None
    metric = spec.metrics.latency
    le = le_label(spec.objectives.latency.threshold)
    return (
        Series(f"{metric}_bucket{selector(**sel, le=le)}", f"0+{good_count}x{steps}"),
        Series(f"{metric}_bucket{selector(**sel, le='+Inf')}", f"0+{_RATE}x{steps}"),
        Series(f"{metric}_count{selector(**sel)}", f"0+{_RATE}x{steps}"),
    )


def _quality_tests(name: str, signal: QualitySignal, model: str) -> list[RuleTest]:
    rule = _quality_alert(name, signal, model)
    assert rule.alert is not None
    minutes = duration_minutes(signal.duration) + 10
    labels: dict[str, str] = {"model": model}
    if name in _PER_FEATURE:
        labels["feature"] = "feature_1"
    series_name = f"{DRIFT_METRICS[name]}{selector(**labels)}"
    annotations = tuple(
        (key, value.replace("{{ $labels.feature }}", labels.get("feature", "")))
        for key, value in rule.annotations
    )
    fired_labels = tuple(sorted({**labels, "severity": signal.severity}.items()))
    high = repr(signal.threshold * 2)
    low = repr(signal.threshold / 2)
    return [
        RuleTest(
            name=f"{rule.alert} fires when the value stays at {high} for {signal.duration}",
            series=(Series(series_name, f"{high}x{minutes + 10}"),),
            eval_time=f"{minutes}m",
            alertname=rule.alert,
            expected=((fired_labels, annotations),),
        ),
        RuleTest(
            name=f"{rule.alert} stays silent at {low}",
            series=(Series(series_name, f"{low}x{minutes + 10}"),),
            eval_time=f"{minutes}m",
            alertname=rule.alert,
            expected=(),
        ),
    ]


_UNITS = {"ms": 1 / 60_000, "s": 1 / 60, "m": 1, "h": 60, "d": 1440, "w": 10080, "y": 525600}


def duration_minutes(text: str) -> int:
    """Whole minutes (rounded up) of a Prometheus duration."""
    total = sum(
        float(n) * _UNITS[unit] for n, unit in re.findall(r"([0-9]+)(ms|s|m|h|d|w|y)", text)
    )
    return max(1, -int(-total // 1))


# -- dashboard -------------------------------------------------------------------------------


def dashboard(spec: Monitoring, model: str, job: str) -> Dashboard:
    """Panels for every objective and signal, querying the names the rules use."""
    sel = selector(job=job)
    panels: list[Panel] = []
    for slo in objectives(spec, job):
        panels.append(
            Panel(
                title=f"{slo.name.replace('_', ' ').capitalize()}: error ratio (budget"
                f" {_num(slo.budget * 100)}%)",
                unit="percentunit",
                queries=(
                    ("5m", _recorded("5m", slo, model)),
                    ("1h", _recorded("1h", slo, model)),
                    ("1d", _recorded("1d", slo, model)),
                ),
                thresholds=(float(slo.budget),),
            )
        )
        panels.append(_raw_panel(spec, slo.name, sel))
    for name, signal in _signals(spec):
        legend = "{{feature}}" if name in _PER_FEATURE else model
        panels.append(
            Panel(
                title=name.replace("_", " ").capitalize(),
                unit="percentunit" if name == "missing_values" else "none",
                queries=((legend, f"{DRIFT_METRICS[name]}{selector(model=model)}"),),
                thresholds=(signal.threshold,),
            )
        )
    return Dashboard(
        uid=f"mlops-{model}"[:40],
        title=f"{model}: serving and model quality",
        panels=tuple(panels),
    )


def _raw_panel(spec: Monitoring, name: str, sel: str) -> Panel:
    if name == "availability":
        return Panel("Serving targets up", "percentunit", (("up", f"avg(up{sel})"),))
    if name == "error_rate":
        metric = spec.metrics.requests
        return Panel(
            "Requests per second by status",
            "reqps",
            (("{{code}}", f"sum by (code) (rate({metric}{sel}[5m]))"),),
        )
    assert spec.objectives.latency is not None
    metric = spec.metrics.latency
    quantile = _num(Decimal(repr(spec.objectives.latency.percentile)) / 100)
    return Panel(
        f"Latency p{_pct(spec.objectives.latency.percentile)} and request rate",
        "s",
        (
            (
                f"p{_pct(spec.objectives.latency.percentile)}",
                f"histogram_quantile({quantile}, sum by (le) (rate({metric}_bucket{sel}[5m])))",
            ),
            ("requests/s", f"sum(rate({metric}_count{sel}[5m]))"),
        ),
        thresholds=(spec.objectives.latency.threshold,),
    )
