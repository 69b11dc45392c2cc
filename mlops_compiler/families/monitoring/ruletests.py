"""The promtool tests of the rules: every alert fires on a synthetic series and stays silent on a
healthy one. With several environments, the firing case breaks the first environment only and
expects the alert there and nowhere else (staging errors never page as production).
"""

from __future__ import annotations

from decimal import Decimal

from mlops_compiler.families.monitoring import rules as r
from mlops_compiler.families.monitoring.ir import RuleTest, Series
from mlops_compiler.families.pairs import Pairs
from mlops_compiler.spec.monitoring import Monitoring, QualitySignal

RATE = 1_000_000
"""Requests per minute in the synthetic test series: exact ratios down to 0.0001%."""
SLOW_MINUTES = 130
"""How long the slow-burn tests burn: past the slow alert's shorter window (2h)."""


def rule_tests(spec: Monitoring, model: str, scopes: tuple[r.Scope, ...]) -> tuple[RuleTest, ...]:
    """For every alert: a synthetic series it fires on, and a healthy one it ignores."""
    tests: list[RuleTest] = []
    slos = r.objectives(spec)
    for slo in slos:
        for speed in ("Fast", "Slow"):
            tests += _burn_tests(spec, slo, speed, model, scopes)
    if slos:
        tests += _target_tests(model, scopes)
    for name, signal in r.signals(spec):
        tests += _quality_tests(name, signal, model)
    return tuple(tests)


def _where(scope: r.Scope) -> str:
    return f" in {scope.environment}" if scope.environment is not None else ""


def _burn_tests(
    spec: Monitoring, slo: r.Slo, speed: str, model: str, scopes: tuple[r.Scope, ...]
) -> list[RuleTest]:
    alert = r.burn_alert_name(slo.name, speed)
    # Fast: everything fails for 70 minutes. Slow: 5x the budget fails, over the 3x ticket
    # threshold and under the 6x and 14.4x page thresholds, for two hours and a bit. A ratio of
    # two rates over one window is exact as soon as the window holds two samples of a constant
    # ratio, so the 1d and 3d windows need not be full: a day of samples (1450 evaluations,
    # 26 s of promtool per run) proved nothing more than 130 minutes do.
    bad = Decimal(1) if speed == "Fast" else 5 * slo.budget
    minutes = 70 if speed == "Fast" else SLOW_MINUTES
    severity = "critical" if speed == "Fast" else "warning"
    first = scopes[0]
    labels = (("model", model), ("severity", severity), ("slo", slo.name), *first.labels())
    notes = r.burn_annotations(slo, model, r.reading(speed), first.environment)
    fired = ((tuple(sorted(labels)), notes),)
    steps = minutes + 10
    broken = tuple(
        series
        for index, scope in enumerate(scopes)
        for series in _slo_series(spec, slo.name, scope, bad if index == 0 else Decimal(0), steps)
    )
    healthy = tuple(
        series
        for scope in scopes
        for series in _slo_series(spec, slo.name, scope, Decimal(0), steps)
    )
    others = " only" if len(scopes) > 1 else ""
    return [
        RuleTest(
            name=f"{alert} fires{_where(first)}{others} when {r.num(bad * 100)}% of its events"
            " are bad",
            series=broken,
            eval_time=f"{minutes}m",
            alertname=alert,
            expected=fired,
        ),
        RuleTest(
            name=f"{alert} stays silent when every event is good",
            series=healthy,
            eval_time=f"{minutes}m",
            alertname=alert,
            expected=(),
        ),
    ]


def _slo_series(
    spec: Monitoring, name: str, scope: r.Scope, bad: Decimal, steps: int
) -> tuple[Series, ...]:
    """Series whose error ratio is ``bad`` at every step (one step a minute)."""
    good_count = r.num(RATE * (1 - bad))
    bad_count = r.num(RATE * bad)
    sel = scope.matchers
    if name == "availability":
        return (
            Series(f"up{r.selector(**sel(instance='serving-0'))}", f"{r.num(1 - bad)}x{steps}"),
        )
    if name == "error_rate":
        metric = spec.metrics.requests
        return (
            Series(f"{metric}{r.selector(**sel(code='200'))}", f"0+{good_count}x{steps}"),
            Series(f"{metric}{r.selector(**sel(code='500'))}", f"0+{bad_count}x{steps}"),
        )
    assert spec.objectives.latency is not None
    metric = spec.metrics.latency
    le = r.le_label(spec.objectives.latency.threshold)
    return (
        Series(f"{metric}_bucket{r.selector(**sel(le=le))}", f"0+{good_count}x{steps}"),
        Series(f"{metric}_bucket{r.selector(**sel(le='+Inf'))}", f"0+{RATE}x{steps}"),
        Series(f"{metric}_count{r.selector(**sel())}", f"0+{RATE}x{steps}"),
    )


def _up(scope: r.Scope, value: int, steps: int) -> Series:
    return Series(f"up{r.selector(**scope.matchers(instance='serving-0'))}", f"{value}x{steps}")


def _target_tests(model: str, scopes: tuple[r.Scope, ...]) -> list[RuleTest]:
    first, rest = scopes[0], scopes[1:]
    down, absent = r.target_alerts(model, first)
    steps = 30
    healthy = tuple(_up(scope, 1, steps) for scope in scopes)
    others = " only" if rest else ""

    def expected(rule_labels: Pairs, extra: Pairs, notes: Pairs) -> tuple[tuple[Pairs, Pairs], ...]:
        return ((tuple(sorted({**dict(rule_labels), **dict(extra)}.items())), notes),)

    matchers = tuple(first.matchers().items())
    return [
        RuleTest(
            name=f"{r.DOWN} fires{_where(first)}{others} when its targets stay down",
            series=(_up(first, 0, steps), *(_up(scope, 1, steps) for scope in rest)),
            eval_time="20m",
            alertname=r.DOWN,
            expected=expected(down.labels, (), down.annotations),
        ),
        RuleTest(
            name=f"{r.DOWN} stays silent while the targets are up",
            series=healthy,
            eval_time="20m",
            alertname=r.DOWN,
            expected=(),
        ),
        RuleTest(
            name=f"{r.ABSENT} fires{_where(first)}{others} when nothing is scraped there",
            series=tuple(_up(scope, 1, steps) for scope in rest),
            eval_time="20m",
            alertname=r.ABSENT,
            # absent() keeps the selector's equality matchers as labels.
            expected=expected(absent.labels, matchers, absent.annotations),
        ),
        RuleTest(
            name=f"{r.ABSENT} stays silent while the targets are scraped",
            series=healthy,
            eval_time="20m",
            alertname=r.ABSENT,
            expected=(),
        ),
    ]


def _quality_tests(name: str, signal: QualitySignal, model: str) -> list[RuleTest]:
    rule = r.quality_rule(name, signal, model)
    assert rule.alert is not None
    minutes = r.duration_minutes(signal.duration) + 10
    labels: dict[str, str] = {"model": model}
    if name in r.PER_FEATURE:
        labels["feature"] = "feature_1"
    series_name = f"{r.DRIFT_METRICS[name]}{r.selector(**labels)}"
    annotations = tuple(
        (key, value.replace("{{ $labels.feature }}", labels.get("feature", "")))
        for key, value in rule.annotations
    )
    fired_labels = tuple(sorted({**labels, "severity": signal.severity}.items()))
    high = repr(signal.threshold * 2)
    low = repr(signal.threshold / 2)
    steps = minutes + 10
    noise = r.NOISE + r.selector(model=model, signal=name, statistic="psi")

    def series(value: str, level: float | None) -> tuple[Series, ...]:
        found: tuple[Series, ...] = (Series(series_name, f"{value}x{steps}"),)
        if level is not None:
            found += (Series(noise, f"{level!r}x{steps}"),)
        return found

    scored = name in r.SCORED
    quiet = signal.threshold / 4 if scored else None
    tests = [
        RuleTest(
            name=f"{rule.alert} fires when the value stays at {high} for {signal.duration}",
            series=series(high, quiet),
            eval_time=f"{minutes}m",
            alertname=rule.alert,
            expected=((fired_labels, annotations),),
        ),
        RuleTest(
            name=f"{rule.alert} stays silent at {low}",
            series=series(low, quiet),
            eval_time=f"{minutes}m",
            alertname=rule.alert,
            expected=(),
        ),
    ]
    if scored:
        loud = signal.threshold * 4
        tests.append(
            RuleTest(
                name=f"{rule.alert} stays silent at {high} when the noise level is {loud!r}",
                series=series(high, loud),
                eval_time=f"{minutes}m",
                alertname=rule.alert,
                expected=(),
            )
        )
    return tests
