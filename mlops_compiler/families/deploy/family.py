"""The deploy family's steps for the core stages (see ``families/family.py``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from mlops_compiler.families.deploy.checks import check_deploy
from mlops_compiler.families.deploy.linters import LINTERS
from mlops_compiler.families.deploy.lower import lower_deploy
from mlops_compiler.families.deploy.targets import deploy_targets

if TYPE_CHECKING:
    from pathlib import Path

    from mlops_compiler.errors import Diagnostic
    from mlops_compiler.families.linters import Linter
    from mlops_compiler.families.origins import Rule
    from mlops_compiler.families.target import Target
    from mlops_compiler.ir import Project
    from mlops_compiler.load.loader import LoadedDocument
    from mlops_compiler.spec import MlopsSpec


def lower(
    model: MlopsSpec, document: LoadedDocument, project: Project, diagnostics: list[Diagnostic]
) -> Project:
    """The serving workload, its overlays and Argo CD applications, the training backend.

    The section is cross-checked here, before it lowers: the checks need only the spec.
    """
    if model.deploy is None:
        return project
    diagnostics += check_deploy(model, model.deploy)
    return replace(project, deploy=lower_deploy(model, model.deploy))


def check(model: MlopsSpec, project: Project, base_dir: Path) -> list[Diagnostic]:
    """Checked in ``lower``, which needs the section valid."""
    return []


def targets(project: Project) -> Sequence[Target]:
    """deploy/k8s/ (base and one overlay per environment), deploy/argocd/, deploy/mlflow/."""
    return deploy_targets(project.deploy) if project.deploy is not None else ()


def explain(path: str, spec: Any) -> Rule | None:
    """No line rules yet: each line maps to its section."""
    return None


def linters() -> Sequence[Linter]:
    """kubernetes-validate."""
    return LINTERS
