"""The data each Kubernetes manifest must parse back to (see ``render/readback``)."""

from __future__ import annotations

from typing import Any

from mlops_compiler.families.deploy.ir import (
    Application,
    Container,
    Deploy,
    ImageOverride,
    Overlay,
    Release,
    TrainingBackend,
)
from mlops_compiler.families.deploy.release import RELEASE_COMPONENT


def _metadata(deploy: Deploy) -> dict[str, Any]:
    return {"name": deploy.name, "labels": dict(deploy.labels)}


def _container(c: Container) -> dict[str, Any]:
    def probe(path: str, period: int) -> dict[str, Any]:
        return {
            "httpGet": {"path": path, "port": c.port},
            "initialDelaySeconds": c.initial_delay_seconds,
            "periodSeconds": period,
        }

    return {
        "name": c.name,
        "image": c.image,
        "imagePullPolicy": "IfNotPresent",
        "ports": [{"name": "http", "containerPort": c.port, "protocol": "TCP"}],
        "env": [{"name": key, "value": value} for key, value in c.env]
        + [
            {"name": var, "valueFrom": {"secretKeyRef": {"name": secret, "key": key}}}
            for var, secret, key in c.secret_env
        ],
        **({"envFrom": [{"secretRef": {"name": s}} for s in c.env_from]} if c.env_from else {}),
        "resources": c.resources.document(),
        "readinessProbe": probe(c.readiness, 10),
        "livenessProbe": probe(c.liveness, 20),
        "securityContext": {
            "allowPrivilegeEscalation": False,
            "readOnlyRootFilesystem": True,
            "runAsNonRoot": True,
            "capabilities": {"drop": ["ALL"]},
        },
        "volumeMounts": [{"name": "tmp", "mountPath": "/tmp"}],
    }


def _pod(deploy: Deploy) -> dict[str, Any]:
    uid = deploy.uid
    return {
        "automountServiceAccountToken": False,
        "securityContext": {
            "runAsNonRoot": True,
            "runAsUser": uid,
            "runAsGroup": uid,
            "fsGroup": uid,
            "seccompProfile": {"type": "RuntimeDefault"},
        },
        "volumes": [{"name": "tmp", "emptyDir": {}}],
        "containers": [_container(deploy.container)],
    }


def _scrape_annotations(c: Container) -> dict[str, str]:
    return {"prometheus.io/port": str(c.port), "prometheus.io/path": c.metrics_path}


def deployment(deploy: Deploy) -> dict[str, Any]:
    """base/deployment.yaml."""
    spec: dict[str, Any] = {}
    if deploy.autoscaling is None:
        spec["replicas"] = deploy.replicas
    spec["selector"] = {"matchLabels": {"app.kubernetes.io/name": deploy.name}}
    annotations = {"prometheus.io/scrape": "true", **_scrape_annotations(deploy.container)}
    spec["template"] = {
        "metadata": {"labels": dict(deploy.labels), "annotations": annotations},
        "spec": _pod(deploy),
    }
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": _metadata(deploy),
        "spec": spec,
    }


def service(deploy: Deploy) -> dict[str, Any]:
    """base/service.yaml."""
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": _metadata(deploy),
        "spec": {
            "type": "ClusterIP",
            "selector": {"app.kubernetes.io/name": deploy.name},
            "ports": [{"name": "http", "port": 80, "targetPort": "http", "protocol": "TCP"}],
        },
    }


def hpa(deploy: Deploy) -> dict[str, Any]:
    """base/hpa.yaml."""
    scaling = deploy.autoscaling
    assert scaling is not None
    target = {"type": "Utilization", "averageUtilization": scaling.cpu_utilization}
    return {
        "apiVersion": "autoscaling/v2",
        "kind": "HorizontalPodAutoscaler",
        "metadata": _metadata(deploy),
        "spec": {
            "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": deploy.name},
            "minReplicas": scaling.min_replicas,
            "maxReplicas": scaling.max_replicas,
            "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": target}}],
        },
    }


def inference_service(deploy: Deploy) -> dict[str, Any]:
    """base/inferenceservice.yaml."""
    scaling = deploy.autoscaling
    predictor: dict[str, Any]
    if scaling is None:
        predictor = {"minReplicas": deploy.replicas, "maxReplicas": deploy.replicas}
    else:
        predictor = {
            "minReplicas": scaling.min_replicas,
            "maxReplicas": scaling.max_replicas,
            "scaleMetric": "cpu",
            "scaleTarget": scaling.cpu_utilization,
        }
    pod = _pod(deploy)
    metadata = _metadata(deploy)
    metadata["annotations"] = {
        "serving.kserve.io/enable-prometheus-scraping": "true",
        **_scrape_annotations(deploy.container),
    }
    return {
        "apiVersion": "serving.kserve.io/v1beta1",
        "kind": "InferenceService",
        "metadata": metadata,
        "spec": {"predictor": {**predictor, **pod}},
    }


def base_resources(deploy: Deploy) -> list[str]:
    """The files base/kustomization.yaml lists."""
    if deploy.kind == "kserve":
        return ["inferenceservice.yaml"]
    return ["deployment.yaml", "service.yaml"] + (["hpa.yaml"] if deploy.autoscaling else [])


def kustomization(resources: list[str]) -> dict[str, Any]:
    """base/kustomization.yaml."""
    return {
        "apiVersion": "kustomize.config.k8s.io/v1beta1",
        "kind": "Kustomization",
        "resources": resources,
    }


def _images(image: ImageOverride | None) -> dict[str, Any]:
    if image is None:
        return {}
    entry = {"name": image.name}
    for key, value in (("newName", image.new_name), ("newTag", image.new_tag)):
        if value is not None:
            entry[key] = value
    if image.digest is not None:
        entry["digest"] = image.digest
    return {"images": [entry]}


def release(release: Release) -> dict[str, Any]:
    """overlays/<environment>/release/kustomization.yaml as compile seeds it."""
    return {
        "apiVersion": RELEASE_COMPONENT,
        "kind": "Component",
        **_images(release.image),
    }


def overlay(overlay: Overlay, name: str) -> dict[str, Any]:
    """overlays/<environment>/kustomization.yaml."""
    document: dict[str, Any] = {
        "apiVersion": "kustomize.config.k8s.io/v1beta1",
        "kind": "Kustomization",
        "namespace": overlay.namespace,
        "resources": ["../../base"],
        **_images(overlay.image),
    }
    if overlay.release is not None:
        document["components"] = ["release"]
    if overlay.replicas is not None:
        document["replicas"] = [{"name": name, "count": overlay.replicas}]
    if overlay.patches:
        document["patches"] = [
            {"target": dict(target), "patch": patch} for target, patch in overlay.patches
        ]
    return document


def application(app: Application) -> dict[str, Any]:
    """An Argo CD Application."""
    sync: dict[str, Any] = {}
    if app.auto_sync:
        sync["automated"] = {"prune": True, "selfHeal": True}
    sync["syncOptions"] = ["CreateNamespace=true"]
    return {
        "apiVersion": "argoproj.io/v1alpha1",
        "kind": "Application",
        "metadata": {
            "name": app.name,
            "namespace": app.namespace,
            "finalizers": ["resources-finalizer.argocd.argoproj.io"],
        },
        "spec": {
            "project": app.project,
            "source": {"repoURL": app.repo_url, "targetRevision": app.revision, "path": app.path},
            "destination": {"server": app.server, "namespace": app.destination_namespace},
            "syncPolicy": sync,
        },
    }


def kubernetes_config(training: TrainingBackend) -> dict[str, Any]:
    """MLflow's kubernetes_config.json."""
    return {
        "kube-context": training.kube_context,
        "repository-uri": training.repository,
        "kube-job-template-path": training.template_path,
    }


def job_template(training: TrainingBackend) -> dict[str, Any]:
    """The Job MLflow fills in and submits."""
    container = {
        "name": "{replaced with MLflow Project name}",
        "image": "{replaced with URI of Docker image created during Project execution}",
        "command": ["{replaced with MLflow Project entry point command}"],
        "env": [],
        "resources": training.resources.document(),
        "securityContext": {"allowPrivilegeEscalation": False, "capabilities": {"drop": ["ALL"]}},
    }
    return {
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": {
            "name": "{replaced with MLflow Project name}",
            "namespace": training.namespace,
        },
        "spec": {
            "ttlSecondsAfterFinished": training.ttl_seconds,
            "backoffLimit": 0,
            "template": {
                "spec": {
                    "restartPolicy": "Never",
                    "automountServiceAccountToken": False,
                    "securityContext": {"seccompProfile": {"type": "RuntimeDefault"}},
                    "containers": [container],
                }
            },
        },
    }
