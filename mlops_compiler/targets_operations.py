"""The generated files of `monitoring` and `deploy`, some of them one per environment.

``operations_targets(project)`` returns concrete targets (paths resolved, one per overlay and
per Argo CD application); ``render`` appends them to the static table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlops_compiler import documents_operations as docs
from mlops_compiler.families.delivery import documents as documents_delivery
from mlops_compiler.families.target import Target, fixed_target
from mlops_compiler.ir_operations import Deploy, Monitoring

if TYPE_CHECKING:  # annotations only: the project IR sits above the families
    from mlops_compiler.ir import Project

PROMETHEUS_DIR = "monitoring/prometheus"
K8S_DIR = "deploy/k8s"


def operations_targets(project: Project) -> tuple[Target, ...]:
    """Every monitoring and deploy output this project asks for."""
    operations = project.operations
    targets: list[Target] = []
    if operations.monitoring is not None:
        targets += _monitoring_targets(operations.monitoring, project.spec_name)
    if operations.deploy is not None:
        targets += _deploy_targets(operations.deploy)
    return tuple(targets)


def _monitoring_targets(m: Monitoring, spec_name: str) -> list[Target]:
    section = "monitoring"
    targets = [
        fixed_target(
            f"{PROMETHEUS_DIR}/rules.yml",
            "monitoring/rules.yml.jinja",
            section,
            "yaml",
            {"monitoring": m},
            docs.rules(m),
        ),
        fixed_target(
            f"{PROMETHEUS_DIR}/rules.test.yml",
            "monitoring/rules.test.yml.jinja",
            section,
            "yaml",
            {"monitoring": m},
            docs.rule_tests(m),
        ),
    ]
    board = docs.dashboard(m.dashboard, spec_name)
    targets.append(
        fixed_target(
            f"monitoring/grafana/{m.model}-dashboard.json",
            "monitoring/dashboard.json.jinja",
            section,
            "json",
            {"dashboard": board},
            board,
        )
    )
    if m.alertmanager is not None:
        targets.append(
            fixed_target(
                "monitoring/alertmanager.yml",
                "monitoring/alertmanager.yml.jinja",
                section,
                "yaml",
                {"alertmanager": m.alertmanager},
                docs.alertmanager(m.alertmanager),
            )
        )
    if m.workflow is not None:
        targets += [
            fixed_target(
                m.workflow.path,
                "github/monitor.yml.jinja",
                section,
                "yaml",
                {"workflow": m.workflow},
                documents_delivery.workflow(m.workflow),
            ),
            fixed_target(
                "monitoring/drift.py", "monitoring/drift.py.jinja", section, "python", {}, None
            ),
        ]
    return targets


def _deploy_targets(d: Deploy) -> list[Target]:
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
