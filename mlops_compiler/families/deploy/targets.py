"""The generated files of `deploy`, some of them one per environment (an overlay and an
Argo CD application each).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlops_compiler.families.deploy import documents as docs
from mlops_compiler.families.deploy.ir import (
    Deploy,
)
from mlops_compiler.families.target import Target, fixed_target

if TYPE_CHECKING:  # annotations only: the project IR sits above the families
    pass


K8S_DIR = "deploy/k8s"


def deploy_targets(d: Deploy) -> list[Target]:
    """The base, one overlay and application per environment, the training job template."""
    section = "deploy"
    base = f"{K8S_DIR}/base"
    context = {"deploy": d}
    files = {
        "deployment.yaml": docs.deployment,
        "service.yaml": docs.service,
        "hpa.yaml": docs.hpa,
        "inferenceservice.yaml": docs.inference_service,
    }
    resources = docs.base_resources(d)
    targets = [
        fixed_target(
            f"{base}/{name}", f"deploy/{name}.jinja", section, "yaml", context, files[name](d)
        )
        for name in resources
    ]
    targets.append(
        fixed_target(
            f"{base}/kustomization.yaml",
            "deploy/kustomization.yaml.jinja",
            section,
            "yaml",
            {"resources": resources},
            docs.kustomization(resources),
        )
    )
    for overlay in d.overlays:
        targets.append(
            fixed_target(
                f"{K8S_DIR}/overlays/{overlay.environment}/kustomization.yaml",
                "deploy/overlay.yaml.jinja",
                section,
                "yaml",
                {"overlay": overlay, "name": d.name},
                docs.overlay(overlay, d.name),
            )
        )
        if overlay.release is not None:
            targets.append(
                fixed_target(
                    overlay.release.path,
                    "deploy/release.yaml.jinja",
                    section,
                    "yaml",
                    {"release": overlay.release},
                    docs.release(overlay.release),
                    mode="seed",
                )
            )
    for overlay, app in zip(d.overlays, d.applications, strict=True):
        targets.append(
            fixed_target(
                f"deploy/argocd/{overlay.environment}.yaml",
                "deploy/application.yaml.jinja",
                section,
                "yaml",
                {"app": app},
                docs.application(app),
            )
        )
    if d.training is not None:
        config = docs.kubernetes_config(d.training)
        targets += [
            fixed_target(
                "deploy/mlflow/kubernetes_config.json",
                "deploy/kubernetes_config.json.jinja",
                section,
                "json",
                {"config": config},
                config,
            ),
            fixed_target(
                d.training.template_path,
                "deploy/kubernetes_job_template.yaml.jinja",
                section,
                "yaml",
                {"training": d.training},
                docs.job_template(d.training),
            ),
        ]
    return targets
