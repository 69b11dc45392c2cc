"""The families of generated files, in the order they lower (a later one may read an earlier
one's part of the IR: CI/CD reads the pipeline and the DVC remotes)."""

from __future__ import annotations

from mlops_compiler.families.family import Family

FAMILIES: tuple[Family, ...] = (
    Family(
        "dvc",
        sections=("pipeline", "pipelines", "params", "data", "tracking", "platform"),
        generates="dvc.yaml, params.yaml, .dvc/config",
        steps_module="mlops_compiler.families.dvc.family",
    ),
    Family(
        "mlflow",
        sections=("entry_points", "environment", "mlflow_projects"),
        generates="MLproject and python_env.yaml or conda.yaml",
        steps_module="mlops_compiler.families.mlflow.family",
    ),
    Family(
        "layout",
        sections=("pipelines", "params_files", "mlflow_projects", "files"),
        generates="dvc.yaml files, params files and MLprojects in folders; files kept verbatim",
        steps_module="mlops_compiler.families.layout.family",
    ),
    Family(
        "monitoring",
        sections=("monitoring",),
        generates="monitoring/ (Prometheus rules and tests, Alertmanager, dashboard, drift job)",
        steps_module="mlops_compiler.families.monitoring.family",
    ),
    Family(
        "deploy",
        sections=("deploy",),
        generates="deploy/ (Kubernetes base and overlays, Argo CD applications, MLflow backend)",
        steps_module="mlops_compiler.families.deploy.family",
    ),
    Family(
        "delivery",
        sections=("platform", "images", "ci", "cd", "retraining", "tracking"),
        generates=".github/workflows/{ci,cd,retrain}.yml, docker/*.Dockerfile, .dockerignore",
        steps_module="mlops_compiler.families.delivery.family",
    ),
)
"""Every family; ``lower.lower_spec`` and ``render.engine.render_project`` loop over it."""
