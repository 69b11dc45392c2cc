"""Lower a validated spec to the frozen intermediate model: the driver over the families.

Each family (``families/table.py``) lowers its sections and checks them; the checks of the spec
as a whole are in ``crosscheck.py``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from mlops_compiler import ir
from mlops_compiler.crosscheck import check_spec_wide
from mlops_compiler.errors import Diagnostic, Severity, SpecError
from mlops_compiler.families.delivery.ir import Workflow
from mlops_compiler.families.delivery.relocate import relocate
from mlops_compiler.families.table import FAMILIES
from mlops_compiler.load.loader import LoadedDocument
from mlops_compiler.load.repository import git_root, placement
from mlops_compiler.spec import MlopsSpec
from mlops_compiler.spec.overrides import AppendPatch, DeletePatch, SetPatch


def lower_spec(
    model: MlopsSpec, document: LoadedDocument, warnings: list[Diagnostic] | None = None
) -> ir.Project:
    """Build the IR for ``model``; raise ``SpecError`` if a check fails.

    Each family of the table that the spec uses lowers its part, in the table's order, then
    each checks its sections. Checks report problems as diagnostics: errors stop the compile
    (every diagnostic found, the warnings included, is in the ``SpecError``); warnings alone
    are appended, positioned, to ``warnings`` when given.
    """
    diagnostics: list[Diagnostic] = []
    project = ir.Project(
        spec_name=document.path.name,
        name=model.project.name,
        description=model.project.description,
        python=model.project.python,
        params={},
        pipeline=None,
        dvc_config=None,
        mlflow=None,
        overrides=_overrides(model),
        allow=tuple(dict.fromkeys(model.allow)),
    )
    used = [family for family in FAMILIES if family.reads(model)]
    for family in used:
        project = family.steps().lower(model, document, project, diagnostics)
    project = replace(project, families=tuple(family.name for family in used))
    project = _placed(project, model, document, diagnostics)
    base_dir = document.path.parent
    for family in used:
        diagnostics += family.steps().check(model, project, base_dir)
    diagnostics += check_spec_wide(model, document, base_dir)
    positioned = [document.position(diagnostic) for diagnostic in diagnostics]
    if any(diagnostic.severity is Severity.ERROR for diagnostic in positioned):
        raise SpecError(document.path, document.lines, positioned)
    if warnings is not None:
        warnings += positioned
    return project


FOLDER_CHARACTERS = re.compile(r"^[A-Za-z0-9._/-]+$")
"""What a monorepo folder's name may hold: it becomes a `paths:` glob and a working directory."""


def _placed(
    project: ir.Project, model: MlopsSpec, document: LoadedDocument, diagnostics: list[Diagnostic]
) -> ir.Project:
    """A spec below its repository's root: its workflows move to the root (relocate.py)."""
    declared = model.project.repository_root
    placed = placement(document.path, declared)
    if not placed.prefix:
        return project
    found = placement(document.path, None) if declared is not None else placed
    if git_root(document.path.absolute().parent.resolve()) and len(placed.up) > len(found.up):
        # A spec is untrusted: it must not aim its workflows above the repository it is in.
        diagnostics.append(
            Diagnostic(
                f"`{declared}` is above the git repository's root"
                f" (`{found.up.rstrip('/') or '.'}` from mlops.yaml): compile writes nothing"
                " outside the repository",
                loc=("project", "repository_root"),
                hint="leave `repository_root` out: the git root is found by its `.git`",
            )
        )
        return project
    if not FOLDER_CHARACTERS.match(placed.prefix):
        diagnostics.append(
            Diagnostic(
                f"the folder `{placed.prefix}` (from the repository's root to mlops.yaml) holds"
                " characters a workflow's `paths:` filter would read as a pattern",
                loc=("project",),
                hint="rename the folder (letters, digits, `.`, `_`, `-`), or set"
                " `project.repository_root: .` to keep the workflows in mlops.yaml's folder",
            )
        )
        return project

    def move(flow: Workflow) -> Workflow:
        return relocate(flow, prefix=placed.prefix, up=placed.up, project=project.name)

    project = replace(project, placement=placed)
    retraining = model.retraining
    if retraining is not None and retraining.dispatch_type == "retrain":
        written = "dispatch_type" in retraining.model_fields_set
        diagnostics.append(
            Diagnostic(
                "below the repository's root, every project's retraining workflow that listens"
                " for the `repository_dispatch` type `retrain` runs on each such event",
                loc=("retraining", "dispatch_type") if written else ("retraining",),
                severity=Severity.WARNING,
                hint=f"name it after the project: `dispatch_type: {project.name}-retrain`",
            )
        )
    if project.delivery is not None:
        workflows = tuple(move(flow) for flow in project.delivery.workflows)
        project = replace(project, delivery=replace(project.delivery, workflows=workflows))
    monitoring = project.monitoring
    if monitoring is not None and monitoring.workflow is not None:
        monitoring = replace(monitoring, workflow=move(monitoring.workflow))
        project = replace(project, monitoring=monitoring)
    return project


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
