"""`deploy`: serving on Kubernetes, one kustomize overlay per environment, deployed by GitOps."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from mlops_compiler.spec.base import Port, SpecModel, empty_dict

K8S_NAME_PATTERN = r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"
K8sName = Annotated[str, StringConstraints(pattern=K8S_NAME_PATTERN, max_length=63)]
"""A Kubernetes (DNS-1123) label: lowercase letters, digits and `-`."""

QUANTITY_PATTERN = r"^[0-9]+(\.[0-9]+)?(m|k|Ki|M|Mi|G|Gi|T|Ti)?$"
Quantity = Annotated[str, StringConstraints(pattern=QUANTITY_PATTERN, max_length=20)]
"""A Kubernetes quantity: `250m` CPU, `512Mi` memory, `1` CPU."""

EnvName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", max_length=200)]
HttpPath = Annotated[str, StringConstraints(pattern=r"^/[A-Za-z0-9/._~-]*$", max_length=200)]
Image = Annotated[str, StringConstraints(pattern=r"^\S+$", min_length=1, max_length=500)]
"""An image reference, pinned by tag or digest: `ghcr.io/acme/app:1.2.0`, `...@sha256:...`."""


class Amounts(SpecModel):
    """CPU and memory."""

    cpu: Quantity = Field(examples=["250m"])
    """CPU, in cores or millicores (`250m`)."""
    memory: Quantity = Field(examples=["512Mi"])
    """Memory, in bytes with a suffix (`512Mi`)."""


class Resources(SpecModel):
    """What the serving container asks for and may use."""

    requests: Amounts
    """Reserved for the container by the scheduler."""
    limits: Amounts | None = None
    """The most the container may use; defaults to `requests`."""


class Autoscaling(SpecModel):
    """Horizontal autoscaling on CPU utilisation."""

    min_replicas: int = Field(ge=1, le=1000, examples=[2])
    """The fewest pods."""
    max_replicas: int = Field(ge=1, le=1000, examples=[10])
    """The most pods."""
    cpu_utilization: int = Field(default=70, ge=1, le=100)
    """The average CPU utilisation (% of requests) the autoscaler aims for."""


class Probes(SpecModel):
    """HTTP health checks of the serving container."""

    readiness: HttpPath = "/health"
    """The path that answers 200 when the model is loaded."""
    liveness: HttpPath = "/health"
    """The path that answers 200 while the process is healthy."""
    initial_delay_seconds: int = Field(default=5, ge=0, le=3600)
    """Seconds to wait after start before probing."""


class SecretKey(SpecModel):
    """One key of a Kubernetes Secret (the value never appears in the spec or the manifests)."""

    name: K8sName = Field(examples=["mlflow-credentials"])
    """The Secret's name, in the environment's namespace."""
    key: Annotated[str, StringConstraints(pattern=r"^[-._A-Za-z0-9]+$", max_length=253)] = Field(
        examples=["tracking-uri"]
    )
    """The key inside the Secret."""


class EnvironmentValues(SpecModel):
    """What one environment (staging, production, ...) changes."""

    namespace: K8sName | None = Field(default=None, examples=["digits-production"])
    """The namespace to deploy into; defaults to `<project>-<environment>`."""
    replicas: int | None = Field(default=None, ge=0, le=1000, examples=[3])
    """Pods without autoscaling."""
    image: Image | None = Field(default=None, examples=["ghcr.io/acme/quickstart-serve:1.1.0-rc.1"])
    """Another pinned image for this environment (a candidate on staging, say)."""
    resources: Resources | None = None
    """Other requests and limits."""
    autoscaling: Autoscaling | None = None
    """Other autoscaling bounds."""
    env: dict[EnvName, str] = Field(default_factory=empty_dict, examples=[{"LOG_LEVEL": "warning"}])
    """More environment variables (not secrets), added to the base ones."""
    auto_sync: bool = True
    """Let the GitOps controller apply changes as soon as they are merged."""


class ArgoCd(SpecModel):
    """An Argo CD `Application` per environment."""

    kind: Literal["argocd"]
    """GitOps controller."""
    repo_url: str = Field(
        pattern=r"^(https://|ssh://|git@)\S+$", examples=["https://github.com/acme/ml.git"]
    )
    """The Git repository Argo CD watches."""
    revision: str = Field(default="HEAD", min_length=1)
    """The branch, tag or commit to deploy."""
    path: str = Field(
        default="", pattern=r"^([A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*)?$", examples=["services/churn"]
    )
    """The folder holding mlops.yaml, relative to the repository root (empty: the root)."""
    project: K8sName = "default"
    """The Argo CD project."""
    namespace: K8sName = "argocd"
    """The namespace Argo CD runs in."""
    server: str = Field(default="https://kubernetes.default.svc", pattern=r"^https://\S+$")
    """The cluster's API server."""


GitOps = Annotated[ArgoCd, Field(discriminator="kind")]


def _resources(cpu: str, memory: str) -> Resources:
    """A default of literal values, built without running (and so building) a validator."""
    return Resources.model_construct(requests=Amounts.model_construct(cpu=cpu, memory=memory))


class Training(SpecModel):
    """Training on the cluster: `mlflow run --backend kubernetes`."""

    kube_context: str = Field(min_length=1, examples=["prod-cluster"])
    """The kubectl context of the cluster."""
    repository: Image = Field(examples=["ghcr.io/acme/quickstart-train"])
    """Where MLflow pushes the training image it builds."""
    namespace: K8sName = "mlflow"
    """The namespace training jobs run in."""
    resources: Resources = Field(default_factory=lambda: _resources(cpu="1", memory="2Gi"))
    """Requests and limits of a training job."""
    ttl_seconds: int = Field(default=3600, ge=0)
    """Seconds a finished job is kept before Kubernetes deletes it."""


class ServingBase(SpecModel):
    """What every kind of serving needs."""

    image: Image = Field(examples=["ghcr.io/acme/quickstart-serve:1.0.0"])
    """The serving image the CD workflow pushed, pinned by tag or digest (never `latest`)."""
    port: Port = 8080
    """The port the serving app listens on (and serves /metrics on)."""
    metrics_path: HttpPath = "/metrics"
    """Where Prometheus scrapes the serving app."""
    resources: Resources = Field(default_factory=lambda: _resources(cpu="250m", memory="512Mi"))
    """Requests and limits of each serving pod."""
    autoscaling: Autoscaling | None = None
    """Scale between bounds; without it, `replicas` pods run."""
    replicas: int = Field(default=2, ge=0, le=1000)
    """Pods without autoscaling."""
    probes: Probes = Field(
        default_factory=Probes.model_construct,
        examples=[{"readiness": "/ready", "liveness": "/health"}],
    )
    """Health checks."""
    env: dict[EnvName, str] = Field(
        default_factory=empty_dict, examples=[{"MODEL_PATH": "/app/models/model.pkl"}]
    )
    """Environment variables of the serving container (not secrets)."""
    secret_env: dict[EnvName, SecretKey] = Field(
        default_factory=empty_dict,
        examples=[{"MLFLOW_TRACKING_URI": {"name": "mlflow", "key": "tracking-uri"}}],
    )
    """Environment variables from Kubernetes Secrets, by reference (`secretKeyRef`)."""
    env_from: list[K8sName] = Field(default_factory=list, examples=[["mlflow-credentials"]])
    """Secrets whose every key becomes an environment variable (`envFrom`)."""
    environments: dict[K8sName, EnvironmentValues] = Field(
        min_length=1, examples=[{"staging": {"replicas": 1}, "production": {"replicas": 3}}]
    )
    """One kustomize overlay and one GitOps application per environment."""
    gitops: GitOps
    """The controller that applies the overlays."""
    training: Training | None = None
    """Train on the cluster through MLflow's Kubernetes backend (needs a docker environment)."""


class DeploymentServing(ServingBase):
    """A Deployment, a Service and a HorizontalPodAutoscaler."""

    kind: Literal["deployment"]
    """Serving type."""


class KServeServing(ServingBase):
    """A KServe `InferenceService` with a custom predictor container."""

    kind: Literal["kserve"]
    """Serving type."""


Deploy = Annotated[DeploymentServing | KServeServing, Field(discriminator="kind")]
