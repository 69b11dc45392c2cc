"""The checks of the spec as a whole; each family checks its own sections (its ``check``).

Each check returns diagnostics with a data location; ``lower`` turns locations into spans.
"""

from __future__ import annotations

from pathlib import Path

from mlops_compiler.errors import Diagnostic, Loc
from mlops_compiler.families.names import check_names
from mlops_compiler.families.owners import shadowed_fields
from mlops_compiler.families.secrets import find_secrets
from mlops_compiler.load.loader import LoadedDocument
from mlops_compiler.spec import MlopsSpec


def check_spec_wide(model: MlopsSpec, document: LoadedDocument, base_dir: Path) -> list[Diagnostic]:
    """What no one family owns: the `project` section, secrets anywhere, colliding names."""
    diagnostics = _check_project_section(model, base_dir)
    diagnostics += find_secrets(document)
    diagnostics += check_names(model)
    diagnostics += shadowed_fields(document)
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
