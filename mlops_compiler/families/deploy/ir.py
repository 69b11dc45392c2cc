"""The intermediate model of `deploy`: containers, overlays, Argo CD applications, training.

Everything is resolved here (namespaces, patches, image references); templates only write
these values through serializing filters.
"""

from __future__ import annotations

from typing import Any

from mlops_compiler.dataclass import dataclass
from mlops_compiler.families.pairs import Pairs


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
    secret_env: tuple[tuple[str, str, str], ...] = ()
    """(variable, Secret, key): env by `secretKeyRef`, never a value."""
    env_from: tuple[str, ...] = ()
    """Secrets loaded whole (`envFrom`)."""


@dataclass(frozen=True)
class ImageOverride:
    """A kustomize ``images:`` entry."""

    name: str
    new_name: str | None
    new_tag: str | None
    digest: str | None


@dataclass(frozen=True)
class Release:
    """overlays/<environment>/release/kustomization.yaml: the Component cd.yml rewrites on every
    release (compile writes it once, see ``release.py``)."""

    path: str
    image: ImageOverride
    """The spec's image for the environment until the first release."""
    comment: tuple[str, ...]


@dataclass(frozen=True)
class Overlay:
    """deploy/k8s/overlays/<environment>/kustomization.yaml."""

    environment: str
    namespace: str
    image: ImageOverride | None
    replicas: int | None
    patches: tuple[tuple[Pairs, str], ...]
    """(target, JSON6902 patch as JSON text)."""
    release: Release | None = None
    """cd.yml releases to this environment: the image lives in the release Component."""


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
