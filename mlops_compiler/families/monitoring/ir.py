"""The intermediate model of `monitoring`: rules and their tests, Alertmanager, the dashboard.

Everything is resolved here (PromQL expressions, rule tests); templates only write these
values through serializing filters.
"""

from __future__ import annotations

from mlops_compiler.dataclass import dataclass
from mlops_compiler.families.delivery.ir import Workflow
from mlops_compiler.families.pairs import Pairs


@dataclass(frozen=True)
class Rule:
    """A Prometheus recording rule (``record``) or alerting rule (``alert``)."""

    expr: str
    record: str | None = None
    alert: str | None = None
    duration: str | None = None
    labels: Pairs = ()
    annotations: Pairs = ()


@dataclass(frozen=True)
class RuleGroup:
    """A group of rules evaluated together."""

    name: str
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class Series:
    """An input series of a rule test, in promtool's expanding notation."""

    series: str
    values: str


@dataclass(frozen=True)
class RuleTest:
    """One `promtool test rules` case: series in, the alerts expected at one instant."""

    name: str
    series: tuple[Series, ...]
    eval_time: str
    alertname: str
    expected: tuple[tuple[Pairs, Pairs], ...]
    """(labels, annotations) of each alert expected to fire; empty: stays silent."""


@dataclass(frozen=True)
class Receiver:
    """An Alertmanager receiver: ``<kind>_configs`` with one entry of options."""

    name: str
    kind: str
    options: Pairs


@dataclass(frozen=True)
class Inhibit:
    """An inhibit rule: while a source alert fires, matching targets with equal labels are muted."""

    source: tuple[str, ...]
    target: tuple[str, ...]
    equal: tuple[str, ...]


@dataclass(frozen=True)
class Alertmanager:
    """alertmanager.yml: one route tree and its receivers."""

    default: str
    group_by: tuple[str, ...]
    repeat_interval: str
    routes: tuple[tuple[str, str], ...]
    """(matcher, receiver): `severity="critical"` goes to the pager."""
    receivers: tuple[Receiver, ...]
    inhibit: tuple[Inhibit, ...] = ()


@dataclass(frozen=True)
class Panel:
    """A Grafana time-series panel."""

    title: str
    unit: str
    queries: tuple[tuple[str, str], ...]
    """(legend, PromQL expression)."""
    thresholds: tuple[float, ...] = ()


@dataclass(frozen=True)
class Variable:
    """A Grafana template variable (after the data source)."""

    name: str
    label: str
    kind: str
    """`custom` (comma-separated values in ``query``) or `query` (PromQL `label_values`)."""
    query: str
    hidden: bool


@dataclass(frozen=True)
class Dashboard:
    """A Grafana dashboard of the service and drift metrics."""

    uid: str
    title: str
    panels: tuple[Panel, ...]
    variables: tuple[Variable, ...] = ()


@dataclass(frozen=True)
class Monitoring:
    """Everything under monitoring/ and .github/workflows/monitor.yml."""

    model: str
    groups: tuple[RuleGroup, ...]
    tests: tuple[RuleTest, ...]
    alertmanager: Alertmanager | None
    dashboard: Dashboard
    workflow: Workflow | None
    """.github/workflows/monitor.yml: the drift job and the retraining trigger."""
    wrapper: bool = False
    """Write monitoring/serve_mlflow.py: the serving image's MLflow app with /metrics."""
