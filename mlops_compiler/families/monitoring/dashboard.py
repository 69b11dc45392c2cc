"""The Grafana dashboard: panels for every objective and signal, querying the names the rules
use. With environments, an `environment` variable selects which; a hidden `namespace` variable
follows it (read from the recorded ratios, which carry both labels) for the raw panels.
"""

from __future__ import annotations

from decimal import Decimal

from mlops_compiler.families.monitoring import rules as r
from mlops_compiler.families.monitoring.ir import Dashboard, Panel, Variable
from mlops_compiler.spec.monitoring import Monitoring

ENVIRONMENT = '=~"$environment"'
NAMESPACE = '=~"$namespace"'


def dashboard(spec: Monitoring, model: str, scopes: tuple[r.Scope, ...]) -> Dashboard:
    """Panels for every objective and signal, and the environment variables."""
    deployed = scopes[0].environment is not None
    panels: list[Panel] = []
    slos = r.objectives(spec)
    for slo in slos:
        panels.append(
            Panel(
                title=f"{slo.name.replace('_', ' ').capitalize()}: error ratio (budget"
                f" {r.num(slo.budget * 100)}%)",
                unit="percentunit",
                queries=tuple(
                    (
                        f"{{{{environment}}}} {window}" if deployed else window,
                        _recorded(window, slo, model, deployed),
                    )
                    for window in ("5m", "1h", "1d")
                ),
                thresholds=(float(slo.budget),),
            )
        )
        panels.append(_raw_panel(spec, slo.name, _raw_selector(scopes[0].job, deployed), deployed))
    for name, signal in r.signals(spec):
        legend = "{{feature}}" if name in r.PER_FEATURE else model
        queries: tuple[tuple[str, str], ...] = (
            (legend, f"{r.DRIFT_METRICS[name]}{r.selector(model=model)}"),
        )
        if name in r.SCORED:  # a score counts only over the noise level of its sample sizes
            queries += (("noise level", f"{r.NOISE}{r.selector(model=model, signal=name)}"),)
        panels.append(
            Panel(
                title=name.replace("_", " ").capitalize(),
                unit="percentunit" if name == "missing_values" else "none",
                queries=queries,
                thresholds=(signal.threshold,),
            )
        )
    variables: tuple[Variable, ...] = ()
    if deployed and slos:
        first = slos[0]
        variables = (
            Variable(
                name="environment",
                label="Environment",
                kind="custom",
                query=",".join(scope.environment or "" for scope in scopes),
                hidden=False,
            ),
            Variable(
                name="namespace",
                label="Namespace",
                kind="query",
                query=f"label_values({_recorded('5m', first, model, True)}, namespace)",
                hidden=True,
            ),
        )
    return Dashboard(
        uid=f"mlops-{model}"[:40],
        title=f"{model}: serving and model quality",
        panels=tuple(panels),
        variables=variables,
    )


def _recorded(window: str, slo: r.Slo, model: str, deployed: bool) -> str:
    plain = r.recorded(window, slo, model)
    if not deployed:
        return plain
    return plain[:-1] + f",environment{ENVIRONMENT}}}"


def _raw_selector(job: str, deployed: bool) -> str:
    sel = r.selector(job=job)
    return sel[:-1] + f",namespace{NAMESPACE}}}" if deployed else sel


def _raw_panel(spec: Monitoring, name: str, sel: str, deployed: bool) -> Panel:
    by = "namespace, " if deployed else ""
    if name == "availability":
        legend = "{{namespace}}" if deployed else "up"
        query = f"avg by (namespace) (up{sel})" if deployed else f"avg(up{sel})"
        return Panel("Serving targets up", "percentunit", ((legend, query),))
    if name == "error_rate":
        metric = spec.metrics.requests
        legend = "{{namespace}} {{code}}" if deployed else "{{code}}"
        return Panel(
            "Requests per second by status",
            "reqps",
            ((legend, f"sum by ({by}code) (rate({metric}{sel}[5m]))"),),
        )
    assert spec.objectives.latency is not None
    metric = spec.metrics.latency
    percentile = spec.objectives.latency.percentile
    quantile = r.num(Decimal(repr(percentile)) / 100)
    prefix = "{{namespace}} " if deployed else ""
    return Panel(
        f"Latency p{percentile:g} and request rate",
        "s",
        (
            (
                f"{prefix}p{percentile:g}",
                f"histogram_quantile({quantile}, sum by ({by}le) (rate({metric}_bucket{sel}[5m])))",
            ),
            (
                f"{prefix}requests/s",
                f"sum{' by (namespace)' if deployed else ''}(rate({metric}_count{sel}[5m]))",
            ),
        ),
        thresholds=(spec.objectives.latency.threshold,),
    )
