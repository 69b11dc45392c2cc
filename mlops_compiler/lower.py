"""Lower a validated spec to the frozen intermediate model, resolving defaults and references.

Cross-checks that span sections (params keys, unique outputs, cycles, placeholders) live in
``crosscheck.py``; this module only builds, and reports what it cannot resolve.
"""

from __future__ import annotations

from typing import Any

from mlops_compiler import ir
from mlops_compiler.crosscheck import check_project
from mlops_compiler.errors import Diagnostic, Severity, SpecError
from mlops_compiler.families.delivery.lower import with_delivery
from mlops_compiler.families.dvc.config import dvc_config
from mlops_compiler.families.dvc.lower import lower_pipeline, params_document
from mlops_compiler.families.layout.lower import lower_layout
from mlops_compiler.families.mlflow.lower import root_mlflow_project
from mlops_compiler.families.names import check_names
from mlops_compiler.load.loader import LoadedDocument
from mlops_compiler.spec import MlopsSpec
from mlops_compiler.spec.overrides import AppendPatch, DeletePatch, SetPatch


def lower_spec(
    model: MlopsSpec, document: LoadedDocument, warnings: list[Diagnostic] | None = None
) -> ir.Project:
    """Build the IR for ``model``; raise ``SpecError`` if a cross-section check fails.

    Checks report problems as diagnostics: errors stop lowering (every diagnostic found, the
    warnings included, is in the ``SpecError``); warnings alone are appended, positioned, to
    ``warnings`` when given.
    """
    diagnostics: list[Diagnostic] = []
    params = params_document(model, diagnostics)
    project = ir.Project(
        spec_name=document.path.name,
        name=model.project.name,
        description=model.project.description,
        python=model.project.python,
        params=params,
        pipeline=lower_pipeline(model.pipeline) if model.pipeline else None,
        dvc_config=dvc_config(model.data, diagnostics) if model.data else None,
        mlflow=root_mlflow_project(model) if model.entry_points else None,
        overrides=_overrides(model),
        layout=lower_layout(model, diagnostics),
        operations=_operations(model, diagnostics),
    )
    diagnostics += check_project(project, model, document.path.parent)
    diagnostics += check_names(model)
    project, found = with_delivery(model, document, project)
    diagnostics += found
    positioned = [document.position(diagnostic) for diagnostic in diagnostics]
    if any(diagnostic.severity is Severity.ERROR for diagnostic in positioned):
        raise SpecError(document.path, document.lines, positioned)
    if warnings is not None:
        warnings += positioned
    return project


def _operations(model: MlopsSpec, diagnostics: list[Diagnostic]) -> ir.Operations:
    """`monitoring` and `deploy`; their modules load only for a spec that has either."""
    if model.monitoring is None and model.deploy is None:
        return ir.Operations()
    from mlops_compiler.lower_operations import lower_operations

    monitoring, deploy = lower_operations(model, diagnostics)
    return ir.Operations(monitoring=monitoring, deploy=deploy)


def _overrides(model: MlopsSpec) -> tuple[ir.FileOverride, ...]:
    return tuple(
        ir.FileOverride(
            path=path,
            mode=override.mode,
            patches=tuple(
                ir.Patch(
                    op=_op(patch), path=_patch_path(patch), value=getattr(patch, "value", None)
                )
                for patch in override.patches
            ),
        )
        for path, override in model.overrides.items()
    )


def _op(patch: Any) -> ir.PatchOp:
    return (
        "set"
        if isinstance(patch, SetPatch)
        else "delete"
        if isinstance(patch, DeletePatch)
        else "append"
    )


def _patch_path(patch: SetPatch | DeletePatch | AppendPatch) -> str:
    if isinstance(patch, SetPatch):
        return patch.set
    return patch.delete if isinstance(patch, DeletePatch) else patch.append
