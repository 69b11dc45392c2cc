"""The DVC family's steps for the core stages (see ``families/family.py``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from mlops_compiler.families.dvc import explain as origins
from mlops_compiler.families.dvc.checks import check_pipelines
from mlops_compiler.families.dvc.config import dvc_config
from mlops_compiler.families.dvc.interpolation import check_interpolation
from mlops_compiler.families.dvc.lower import PARAMS_FILE, lower_pipeline, params_document
from mlops_compiler.families.dvc.targets import TARGETS

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
    """params.yaml's data, the root dvc.yaml and .dvc/config."""
    return replace(
        project,
        params=params_document(model, diagnostics),
        pipeline=lower_pipeline(model.pipeline) if model.pipeline else None,
        dvc_config=dvc_config(model.data, diagnostics) if model.data else None,
    )


def check(model: MlopsSpec, project: Project, base_dir: Path) -> list[Diagnostic]:
    """Every dvc.yaml's stages, the layout's included, against the params files they read."""
    if model.pipeline is None and not model.pipelines:
        return []
    params = {PARAMS_FILE: project.params}
    params.update((file.path, file.data) for file in project.layout.params_files)
    return check_pipelines(model, params, base_dir) + check_interpolation(model)


def targets(project: Project) -> Sequence[Target]:
    """dvc.yaml, params.yaml, .dvc/config."""
    return TARGETS


def explain(path: str, spec: Any) -> Rule | None:
    """dvc.yaml, params.yaml, .dvc/config."""
    return origins.rule(path)


def linters() -> Sequence[Linter]:
    """None on the command line: DVC loads its own files (``commands/probes/``)."""
    return ()
