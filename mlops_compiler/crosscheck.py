"""Checks that span sections: what DVC or MLflow would only discover at run time, found now.

Each check returns diagnostics with a data location; ``lower`` turns locations into spans.
"""

from __future__ import annotations

from pathlib import Path

from mlops_compiler import ir
from mlops_compiler.errors import Diagnostic, Loc
from mlops_compiler.families.dvc.checks import check_pipelines
from mlops_compiler.families.dvc.lower import PARAMS_FILE
from mlops_compiler.families.mlflow.checks import check_entry_points
from mlops_compiler.spec import MlopsSpec


def check_project(project: ir.Project, model: MlopsSpec, base_dir: Path) -> list[Diagnostic]:
    """Every cross-section problem in the spec, in no particular order."""
    diagnostics: list[Diagnostic] = _check_project_section(model, base_dir)
    if model.pipeline is not None or model.pipelines:
        params = {PARAMS_FILE: project.params}
        params.update((file.path, file.data) for file in project.layout.params_files)
        diagnostics += check_pipelines(model, params, base_dir)
    if model.entry_points or model.mlflow_projects:
        diagnostics += check_entry_points(model)
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


def _check_project_section(model: MlopsSpec, base_dir: Path) -> list[Diagnostic]:
    project = model.project
    loc: Loc = ("project", "requirements")
    if project.requirements is None:
        return []
    if project.dependencies is not None:
        return [
            Diagnostic(
                "give either `dependencies` or `requirements`, not both",
                loc=loc,
                on_key=True,
                hint="remove one of them",
            )
        ]
    if not (base_dir / project.requirements).is_file():
        return [
            Diagnostic(
                f"requirements file `{project.requirements}` does not exist",
                loc=loc,
                hint="create it next to mlops.yaml, or list the packages under `dependencies:`",
            )
        ]
    return []


# -- params ---------------------------------------------------------------------------------


# -- outputs and the graph --------------------------------------------------------------------


# -- MLflow -------------------------------------------------------------------------------------
