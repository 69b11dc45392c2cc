"""The file format of mlops.yaml, version 1: one module per top-level section."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Literal

from pydantic import Field, JsonValue

from mlops_compiler.spec.base import Name, RelativePath, SpecModel, empty_dict, empty_list
from mlops_compiler.spec.project import Project

if TYPE_CHECKING:  # imported by ``whole_model``, or by a section's compiled schema when used
    from mlops_compiler.spec.cd import Cd
    from mlops_compiler.spec.ci import Ci
    from mlops_compiler.spec.data import Data
    from mlops_compiler.spec.deploy import Deploy
    from mlops_compiler.spec.files import VerbatimFile
    from mlops_compiler.spec.images import Images
    from mlops_compiler.spec.mlproject import EntryPoint, Environment, MlflowProject
    from mlops_compiler.spec.monitoring import Monitoring
    from mlops_compiler.spec.overrides import FileOverride
    from mlops_compiler.spec.pipeline import Pipeline, PipelineFile
    from mlops_compiler.spec.platform import Platform
    from mlops_compiler.spec.retraining import Retraining
    from mlops_compiler.spec.tracking import Tracking

SECTION_TYPES = {
    "Cd": "cd",
    "Ci": "ci",
    "Data": "data",
    "Deploy": "deploy",
    "VerbatimFile": "files",
    "Images": "images",
    "EntryPoint": "mlproject",
    "Environment": "mlproject",
    "MlflowProject": "mlproject",
    "Monitoring": "monitoring",
    "FileOverride": "overrides",
    "Pipeline": "pipeline",
    "PipelineFile": "pipeline",
    "Platform": "platform",
    "Retraining": "retraining",
    "Tracking": "tracking",
}
"""The names MlopsSpec's fields name, by the module that defines them.

They are not imported with the package: a spec's sections are validated by their compiled
schemas (``validate.precompiled``), which import only the modules of the sections the spec
has; a spec without `monitoring` never defines the monitoring models (~70 classes in all).
"""

PolicyRule = Literal[
    "pull_request_target",
    "workflow_run",
    "write_all",
    "expressions_in_run",
    "unpinned_actions",
    "unpinned_images",
    "root_user",
]
"""The rules of the security policy on generated files (see the README, "Security")."""


class MlopsSpec(SpecModel):
    """An ML project, declared once: every generated file follows from this."""

    version: Literal[1] = Field(examples=[1])
    """The spec format version."""
    project: Project
    """The project as a whole."""
    data: Data | None = None
    """DVC remotes (written to .dvc/config)."""
    params: dict[str, JsonValue] = Field(
        default_factory=empty_dict, examples=[{"train": {"lr": 0.01, "epochs": 10}}]
    )
    """The parameter tree, written to params.yaml in this order."""
    pipeline: Pipeline | None = None
    """DVC stages (written to dvc.yaml)."""
    tracking: Tracking | None = None
    """MLflow tracking and registry."""
    environment: Environment | None = None
    """The MLflow Project environment; defaults to `python_env` when there are entry points."""
    entry_points: dict[Name, EntryPoint] | None = Field(
        default=None, examples=[{"main": {"command": "python src/train.py"}}]
    )
    """MLflow Project entry points (written to MLproject)."""
    pipelines: dict[RelativePath, PipelineFile] | None = Field(
        default=None, examples=[{"data/dvc.yaml": {"stages": {"fetch": {"cmd": "make fetch"}}}}]
    )
    """More dvc.yaml files, by path (`data/dvc.yaml`); their paths are relative to their folder."""
    params_files: dict[RelativePath, dict[str, JsonValue]] | None = Field(
        default=None, examples=[{"configs/train.yaml": {"lr": 0.01}}]
    )
    """More YAML params files the pipelines read, by path, written verbatim in this order."""
    mlflow_projects: dict[RelativePath, MlflowProject] | None = Field(
        default=None,
        examples=[{"steps/get/MLproject": {"entry_points": {"main": {"command": "python a.py"}}}}],
    )
    """More MLflow Projects, by the path of their MLproject (`steps/download/MLproject`)."""
    files: dict[RelativePath, VerbatimFile] | None = Field(
        default=None, examples=[{".github/workflows/cml.yml": {"text": "name: CML\n"}}]
    )
    """Workflows and Dockerfiles carried as they are, by path (what `mlops import` finds)."""
    monitoring: Monitoring | None = Field(
        default=None, examples=[{"objectives": {"error_rate": {"target": 99.9}}}]
    )
    """Prometheus rules, Alertmanager, a Grafana dashboard and the scheduled drift job."""
    deploy: Deploy | None = Field(
        default=None,
        examples=[
            {
                "kind": "deployment",
                "image": "ghcr.io/acme/churn-serve:1.0.0",
                "environments": {"production": {}},
                "gitops": {"kind": "argocd", "repo_url": "https://github.com/acme/churn.git"},
            }
        ],
    )
    """Serving on Kubernetes: kustomize base and overlays, deployed by a GitOps controller."""
    platform: Platform | None = None
    """Where code, data, runs and images live: `github` (the default) or `dagshub`."""
    images: Images | None = None
    """Training and serving images (Dockerfiles under docker/, `mlops build`)."""
    ci: Ci | None = None
    """The pull-request workflow (.github/workflows/ci.yml)."""
    cd: Cd | None = Field(
        default=None,
        examples=[
            {
                "branch": "main",
                "images": ["serve"],
                "deploy": [
                    {"environment": "staging", "command": './deploy/rollout.sh "$ENVIRONMENT"'}
                ],
            }
        ],
    )
    """The delivery workflow (.github/workflows/cd.yml)."""
    retraining: Retraining | None = None
    """The retraining workflow (.github/workflows/retrain.yml)."""
    overrides: dict[str, FileOverride] = Field(
        default_factory=empty_dict, examples=[{"dvc.yaml": {}}]
    )
    """Per generated file (by path): its ownership mode and patches to its data."""
    allow: list[PolicyRule] = Field(default_factory=empty_list, examples=[["workflow_run"]])
    """Security rules this spec relaxes, by name; `mlops compile --strict` reports each."""


def whole_model() -> type[MlopsSpec]:
    """``MlopsSpec`` with every section's models defined and resolved.

    For what needs the whole model: validating without the compiled schemas, the JSON Schema,
    walking the models to explain an error. Cheap once done.
    """
    namespace = globals()
    if any(name not in namespace for name in SECTION_TYPES):
        for name, module in SECTION_TYPES.items():
            namespace[name] = getattr(importlib.import_module(f"{__name__}.{module}"), name)
        MlopsSpec.model_rebuild(force=True)
    return MlopsSpec


__all__ = ["MlopsSpec", "whole_model"]
