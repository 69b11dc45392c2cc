"""The CI/CD family's steps for the core stages (see ``families/family.py``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from mlops_compiler.families.delivery.linters import LINTERS
from mlops_compiler.families.delivery.lower import with_delivery
from mlops_compiler.families.delivery.targets import TARGETS

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
    """The workflows and Dockerfiles, after their checks (nothing is lowered if any fails)."""
    project, found = with_delivery(model, document, project)
    diagnostics += found
    return project


def check(model: MlopsSpec, project: Project, base_dir: Path) -> list[Diagnostic]:
    """Checked in ``lower``: the CI/CD lowering needs its inputs valid."""
    return []


def targets(project: Project) -> Sequence[Target]:
    """ci.yml, cd.yml, retrain.yml, the Dockerfiles, .dockerignore."""
    return TARGETS


def explain(path: str, spec: Any) -> Rule | None:
    """No line rules yet: a workflow or Dockerfile line maps to its section."""
    return None


def linters() -> Sequence[Linter]:
    """actionlint and zizmor for the workflows, hadolint for the Dockerfiles."""
    return LINTERS
