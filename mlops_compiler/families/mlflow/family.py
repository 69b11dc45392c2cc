"""The MLflow family's steps for the core stages (see ``families/family.py``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from mlops_compiler.errors import Diagnostic
from mlops_compiler.families.mlflow import explain as origins
from mlops_compiler.families.mlflow.checks import check_entry_points
from mlops_compiler.families.mlflow.lower import root_mlflow_project
from mlops_compiler.families.mlflow.targets import TARGETS

if TYPE_CHECKING:
    from pathlib import Path

    from mlops_compiler.families.linters import Linter
    from mlops_compiler.families.origins import Rule
    from mlops_compiler.families.target import Target
    from mlops_compiler.ir import Project
    from mlops_compiler.load.loader import LoadedDocument
    from mlops_compiler.spec import MlopsSpec


def lower(
    model: MlopsSpec, document: LoadedDocument, project: Project, diagnostics: list[Diagnostic]
) -> Project:
    """The root MLproject and its environment file."""
    return replace(project, mlflow=root_mlflow_project(model) if model.entry_points else None)


def check(model: MlopsSpec, project: Project, base_dir: Path) -> list[Diagnostic]:
    """The entry points of every MLproject; an `environment` nothing uses."""
    diagnostics = check_entry_points(model) if model.entry_points or model.mlflow_projects else []
    if not model.entry_points and model.environment is not None:
        diagnostics.append(
            Diagnostic(
                "`environment` is used only by `entry_points`",
                loc=("environment",),
                on_key=True,
                hint="add `entry_points:`, or remove `environment:`",
            )
        )
    return diagnostics


def targets(project: Project) -> Sequence[Target]:
    """MLproject, and python_env.yaml or conda.yaml."""
    return TARGETS


def explain(path: str, spec: Any) -> Rule | None:
    """MLproject, python_env.yaml, conda.yaml."""
    return origins.rule(path)


def linters() -> Sequence[Linter]:
    """None on the command line: MLflow loads its own files (``commands/probes/``)."""
    return ()
