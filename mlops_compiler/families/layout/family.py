"""The layout family's steps for the core stages (see ``families/family.py``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from mlops_compiler.families.layout import explain as origins
from mlops_compiler.families.layout.lower import lower_layout
from mlops_compiler.families.layout.targets import layout_targets

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
    """The dvc.yaml files, params files and MLprojects in folders, and the verbatim files."""
    return replace(project, layout=lower_layout(model, diagnostics))


def check(model: MlopsSpec, project: Project, base_dir: Path) -> list[Diagnostic]:
    """Nothing of its own: the DVC and MLflow checks see the layout's files too."""
    return []


def targets(project: Project) -> Sequence[Target]:
    """One target per file, with the DVC and MLflow templates."""
    return layout_targets(project)


def explain(path: str, spec: Any) -> Rule | None:
    """An entry of `pipelines`, `params_files` or `mlflow_projects`, by its path."""
    return origins.rule(path, spec)


def linters() -> Sequence[Linter]:
    """None of its own: DVC and MLflow load the layout's files with the root ones."""
    return ()
