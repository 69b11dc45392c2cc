"""Lower `deploy` to its IR: the serving workload, one overlay and Argo CD application per
environment, the MLflow Kubernetes training backend.
"""

from __future__ import annotations

import json
import posixpath
import re
from typing import Any

from mlops_compiler.families.deploy.ir import (
    Amounts,
    Application,
    Autoscaling,
    Container,
    Deploy,
    ImageOverride,
    Overlay,
    Release,
    Resources,
    TrainingBackend,
)
from mlops_compiler.families.deploy.release import (
    ReleaseSettings,
    comment_lines,
    release_path,
    released_environments,
)
from mlops_compiler.families.pairs import Pairs
from mlops_compiler.spec import MlopsSpec
from mlops_compiler.spec import deploy as d

JOB_TEMPLATE = "deploy/mlflow/kubernetes_job_template.yaml"
DEFAULT_UID = 10001


def kubernetes_name(name: str) -> str:
    """The project name as a DNS-1123 label (`My_Model` -> `my-model`)."""
    return re.sub(r"[^a-z0-9-]", "-", name.lower()).strip("-")[:63] or "model"


def _resources(resources: d.Resources) -> Resources:
    limits = resources.limits or resources.requests
    return Resources(
        requests=Amounts(resources.requests.cpu, resources.requests.memory),
        limits=Amounts(limits.cpu, limits.memory),
    )


def _autoscaling(autoscaling: d.Autoscaling | None) -> Autoscaling | None:
    if autoscaling is None:
        return None
    return Autoscaling(
        autoscaling.min_replicas, autoscaling.max_replicas, autoscaling.cpu_utilization
    )


def lower_deploy(model: MlopsSpec, spec: d.DeploymentServing | d.KServeServing) -> Deploy:
    """The workload, its overlays and applications, and the training backend."""
    name = kubernetes_name(model.project.name)
    container = Container(
        name="kserve-container" if spec.kind == "kserve" else name,
        image=spec.image,
        port=spec.port,
        metrics_path=spec.metrics_path,
        env=tuple(spec.env.items()),
        resources=_resources(spec.resources),
        readiness=spec.probes.readiness,
        liveness=spec.probes.liveness,
        initial_delay_seconds=spec.probes.initial_delay_seconds,
        secret_env=tuple((var, ref.name, ref.key) for var, ref in spec.secret_env.items()),
        env_from=tuple(spec.env_from),
    )
    return Deploy(
        kind=spec.kind,
        name=name,
        labels=(
            ("app.kubernetes.io/name", name),
            ("app.kubernetes.io/managed-by", "mlops-compiler"),
        ),
        uid=run_as_user(model),
        container=container,
        replicas=spec.replicas,
        autoscaling=_autoscaling(spec.autoscaling),
        overlays=tuple(
            _overlay(spec, name, env, values, released=env in released_environments(model))
            for env, values in spec.environments.items()
        ),
        applications=tuple(
            _application(spec, name, env, values) for env, values in spec.environments.items()
        ),
        training=_training(spec.training) if spec.training else None,
    )


def namespace_of(name: str, env: str, values: d.EnvironmentValues) -> str:
    """The environment's namespace: given, or `<name>-<environment>`."""
    return values.namespace or kubernetes_name(f"{name}-{env}")


def split_image(reference: str) -> tuple[str, str | None, str | None]:
    """(repository, tag, digest) of an image reference."""
    rest, _, digest = reference.partition("@")
    slash = rest.rfind("/")
    colon = rest.rfind(":")
    if colon > slash:
        return rest[:colon], rest[colon + 1 :], digest or None
    return rest, None, digest or None


def _overlay(
    spec: d.DeploymentServing | d.KServeServing,
    name: str,
    env: str,
    values: d.EnvironmentValues,
    *,
    released: bool,
) -> Overlay:
    image = None
    if values.image is not None:
        base_repo = split_image(spec.image)[0]
        repo, tag, digest = split_image(values.image)
        image = ImageOverride(
            name=base_repo,
            new_name=repo if repo != base_repo else None,
            new_tag=tag if digest is None else None,
            digest=digest,
        )
    replicas = values.replicas if spec.kind == "deployment" and not spec.autoscaling else None
    release = None
    if released:  # the image is cd.yml's to set: it lives in the release Component
        if image is None:  # until the first release, the base's image, said explicitly
            repo, tag, digest = split_image(spec.image)
            image = ImageOverride(repo, None, tag if digest is None else None, digest)
        release = Release(path=release_path(env), image=image, comment=comment_lines(env))
        image = None
    return Overlay(
        environment=env,
        namespace=namespace_of(name, env, values),
        image=image,
        replicas=replicas,
        patches=_patches(spec, name, values),
        release=release,
    )


def _patches(
    spec: d.DeploymentServing | d.KServeServing, name: str, values: d.EnvironmentValues
) -> tuple[tuple[Pairs, str], ...]:
    """JSON6902 patches (kustomize applies them to custom resources too)."""
    kserve = spec.kind == "kserve"
    workload: Pairs = (
        (("group", "serving.kserve.io"), ("version", "v1beta1"), ("kind", "InferenceService"))
        if kserve
        else (("group", "apps"), ("version", "v1"), ("kind", "Deployment"))
    )
    workload = (*workload, ("name", name))
    container = "/spec/predictor/containers/0" if kserve else "/spec/template/spec/containers/0"
    operations: list[dict[str, Any]] = []
    if values.resources is not None:
        value = _resources(values.resources).document()
        operations.append({"op": "replace", "path": f"{container}/resources", "value": value})
    for key, item in values.env.items():
        operations.append(
            {"op": "add", "path": f"{container}/env/-", "value": {"name": key, "value": item}}
        )
    scaling = values.autoscaling
    if kserve and (scaling is not None or values.replicas is not None):
        low, high = (
            (scaling.min_replicas, scaling.max_replicas)
            if scaling
            else (values.replicas, values.replicas)
        )
        operations.append({"op": "replace", "path": "/spec/predictor/minReplicas", "value": low})
        operations.append({"op": "replace", "path": "/spec/predictor/maxReplicas", "value": high})
    patches: list[tuple[Pairs, str]] = []
    if operations:
        patches.append((workload, json.dumps(operations, indent=2)))
    if not kserve and scaling is not None and spec.autoscaling is not None:
        hpa: Pairs = (
            ("group", "autoscaling"),
            ("version", "v2"),
            ("kind", "HorizontalPodAutoscaler"),
            ("name", name),
        )
        hpa_ops = [
            {"op": "replace", "path": "/spec/minReplicas", "value": scaling.min_replicas},
            {"op": "replace", "path": "/spec/maxReplicas", "value": scaling.max_replicas},
            {
                "op": "replace",
                "path": "/spec/metrics/0/resource/target/averageUtilization",
                "value": scaling.cpu_utilization,
            },
        ]
        patches.append((hpa, json.dumps(hpa_ops, indent=2)))
    return tuple(patches)


def _application(
    spec: d.DeploymentServing | d.KServeServing, name: str, env: str, values: d.EnvironmentValues
) -> Application:
    gitops = spec.gitops
    return Application(
        name=kubernetes_name(f"{name}-{env}"),
        namespace=gitops.namespace,
        project=gitops.project,
        repo_url=gitops.repo_url,
        revision=gitops.revision,
        path=posixpath.join(gitops.path, "deploy/k8s/overlays", env),
        server=gitops.server,
        destination_namespace=namespace_of(name, env, values),
        auto_sync=values.auto_sync,
    )


def _training(training: d.Training) -> TrainingBackend:
    return TrainingBackend(
        kube_context=training.kube_context,
        repository=training.repository,
        template_path=JOB_TEMPLATE,
        namespace=training.namespace,
        resources=_resources(training.resources),
        ttl_seconds=training.ttl_seconds,
    )


def run_as_user(model: MlopsSpec) -> int:
    """The non-root uid pods run as: the images' own (`images.uid`), else 10001."""
    images = getattr(model, "images", None)
    return int(getattr(images, "uid", DEFAULT_UID))


def release_settings(model: MlopsSpec) -> ReleaseSettings | None:
    """What .github/scripts/release.py writes for this project, or None: nothing is released."""
    environments = released_environments(model)
    spec = model.deploy
    if not environments or spec is None:
        return None
    kserve = spec.kind == "kserve"
    target = (
        (("group", "serving.kserve.io"), ("version", "v1beta1"), ("kind", "InferenceService"))
        if kserve
        else (("group", "apps"), ("version", "v1"), ("kind", "Deployment"))
    )
    return ReleaseSettings(
        image_name=split_image(spec.image)[0],
        target=(*target, ("name", kubernetes_name(model.project.name))),
        container="/spec/predictor/containers/0" if kserve else "/spec/template/spec/containers/0",
        environments=environments,
    )
