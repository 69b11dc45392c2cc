"""What a family of generated files is to the core stages: the sections it reads, its steps.

Each family folder has a ``family.py`` module with five functions, ``lower``, ``check``,
``targets``, ``explain`` and ``linters`` (the ``Steps`` protocol below).
``families/table.py`` lists the families in the order they lower. The drivers
(``lower.lower_spec``, ``render.engine.render_project``, ``mlops explain`` and ``verify``) loop
over that table and import a family's steps only for a spec that has one of its sections: a
spec without `monitoring` never loads the monitoring code. Adding a generated format is adding
a folder with a ``family.py`` and one line in the table.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol, cast

from mlops_compiler.dataclass import dataclass

if TYPE_CHECKING:  # annotations only: the project IR and the spec sit elsewhere
    from pathlib import Path

    from mlops_compiler.errors import Diagnostic
    from mlops_compiler.families.linters import Linter
    from mlops_compiler.families.origins import Rule
    from mlops_compiler.families.target import Target
    from mlops_compiler.ir import Project
    from mlops_compiler.load.loader import LoadedDocument
    from mlops_compiler.spec import MlopsSpec


class Steps(Protocol):
    """What a family does for a compile, in the order the stages call it, and for `explain`."""

    def lower(
        self,
        model: MlopsSpec,
        document: LoadedDocument,
        project: Project,
        diagnostics: list[Diagnostic],
    ) -> Project:
        """``project`` with this family's part filled in; problems go to ``diagnostics``."""
        ...

    def check(self, model: MlopsSpec, project: Project, base_dir: Path) -> list[Diagnostic]:
        """What the owning tool would only find at run time, once every family has lowered."""
        ...

    def targets(self, project: Project) -> Sequence[Target]:
        """The files this family generates for ``project`` (each may still not apply)."""
        ...

    def explain(self, path: str, spec: Any) -> Rule | None:
        """For `mlops explain`: how a line of ``path`` maps back to the spec, if it is ours."""
        ...

    def linters(self) -> Sequence[Linter]:
        """For `mlops verify`: the command-line tools that own this family's formats."""
        ...


@dataclass(frozen=True)
class Family:
    """One family of generated files, as the core stages see it."""

    name: str
    sections: tuple[str, ...]
    """The top-level keys of mlops.yaml it reads; any of them given makes it take part."""
    generates: str
    """What it writes, in words (docs and messages)."""
    steps_module: str
    """The module with its ``Steps``, imported only when it takes part."""

    def reads(self, model: MlopsSpec) -> bool:
        """Whether the spec gives any of this family's sections."""
        return any(_given(getattr(model, section)) for section in self.sections)

    def steps(self) -> Steps:
        """The family's steps (importing them now, if nothing did yet)."""
        return cast(Steps, importlib.import_module(self.steps_module))


def _given(value: Any) -> bool:
    """A section is given when it is set and not empty (`params: {}` says nothing)."""
    return value is not None and value != {} and value != []
