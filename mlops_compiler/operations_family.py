"""The monitoring and deploy family's steps for the core stages (see ``families/family.py``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from mlops_compiler.ir import Operations
from mlops_compiler.lower_operations import lower_operations
from mlops_compiler.operations_linters import LINTERS
from mlops_compiler.targets_operations import operations_targets

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
    """Rules, Alertmanager, the dashboard and the drift job; the Kubernetes manifests."""
    monitoring, deploy = lower_operations(model, diagnostics)
    return replace(project, operations=Operations(monitoring=monitoring, deploy=deploy))


def check(model: MlopsSpec, project: Project, base_dir: Path) -> list[Diagnostic]:
    """Checked in ``lower`` (``crosscheck_operations``), which needs the sections valid."""
    return []


def targets(project: Project) -> Sequence[Target]:
    """Some of them one per environment."""
    return operations_targets(project)


def explain(path: str, spec: Any) -> Rule | None:
    """No line rules yet: each line maps to its section."""
    return None


def linters() -> Sequence[Linter]:
    """promtool, amtool and kubernetes-validate."""
    return LINTERS
