"""The intermediate model of the operations sections: `monitoring` and `deploy`.

Everything is resolved here: PromQL expressions, rule tests, namespaces, patches. Templates
only write these values through serializing filters.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mlops_compiler.families.delivery.ir import Workflow

Pairs = tuple[tuple[str, Any], ...]
"""An ordered mapping that stays hashable (labels, annotations, options)."""


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
class Alertmanager:
    """alertmanager.yml: one route tree and its receivers."""

    default: str
    group_by: tuple[str, ...]
    repeat_interval: str
    routes: tuple[tuple[str, str], ...]
    """(matcher, receiver): `severity="critical"` goes to the pager."""
    receivers: tuple[Receiver, ...]


@dataclass(frozen=True)
class Panel:
    """A Grafana time-series panel."""

    title: str
    unit: str
    queries: tuple[tuple[str, str], ...]
    """(legend, PromQL expression)."""
    thresholds: tuple[float, ...] = ()


@dataclass(frozen=True)
class Dashboard:
    """A Grafana dashboard of the service and drift metrics."""

    uid: str
    title: str
    panels: tuple[Panel, ...]


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


@dataclass(frozen=True)
class Amounts:
    """``{cpu, memory}``."""

    cpu: str
    memory: str


@dataclass(frozen=True)
class Resources:
    """Container requests and limits."""

    requests: Amounts
    limits: Amounts

    def document(self) -> dict[str, Any]:
        """As a Kubernetes container's `resources`."""
        return {
            "requests": {"cpu": self.requests.cpu, "memory": self.requests.memory},
            "limits": {"cpu": self.limits.cpu, "memory": self.limits.memory},
        }


@dataclass(frozen=True)
class Autoscaling:
    """HPA (or KServe predictor) bounds."""

    min_replicas: int
    max_replicas: int
    cpu_utilization: int


@dataclass(frozen=True)
class Container:
    """The serving container."""

    name: str
    image: str
    port: int
    metrics_path: str
    env: Pairs
    resources: Resources
    readiness: str
    liveness: str
    initial_delay_seconds: int


@dataclass(frozen=True)
class ImageOverride:
    """A kustomize ``images:`` entry."""

    name: str
    new_name: str | None
    new_tag: str | None
    digest: str | None


@dataclass(frozen=True)
class Overlay:
    """deploy/k8s/overlays/<environment>/kustomization.yaml."""

    environment: str
    namespace: str
    image: ImageOverride | None
    replicas: int | None
    patches: tuple[tuple[Pairs, str], ...]
    """(target, JSON6902 patch as JSON text)."""


@dataclass(frozen=True)
class Application:
    """An Argo CD Application deploying one overlay."""

    name: str
    namespace: str
    project: str
    repo_url: str
    revision: str
    path: str
    server: str
    destination_namespace: str
    auto_sync: bool


@dataclass(frozen=True)
class TrainingBackend:
    """MLflow's Kubernetes backend: kubernetes_config.json and the job template."""

    kube_context: str
    repository: str
    template_path: str
    namespace: str
    resources: Resources
    ttl_seconds: int


@dataclass(frozen=True)
class Deploy:
    """Everything under deploy/."""

    kind: str
    name: str
    labels: Pairs
    uid: int
    """The non-root user and group the pods run as."""
    container: Container
    replicas: int
    autoscaling: Autoscaling | None
    overlays: tuple[Overlay, ...]
    applications: tuple[Application, ...]
    training: TrainingBackend | None
