"""The monitoring family's steps for the core stages (see ``families/family.py``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from mlops_compiler.families.monitoring.checks import check_data, check_monitoring
from mlops_compiler.families.monitoring.linters import LINTERS
from mlops_compiler.families.monitoring.lower import lower_monitoring
from mlops_compiler.families.monitoring.targets import monitoring_targets

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
    """Rules and their tests, Alertmanager, the dashboard and the drift workflow.

    The section is cross-checked here, before it lowers: the checks need only the section.
    """
    if model.monitoring is None:
        return project
    diagnostics += check_monitoring(model, model.monitoring)
    return replace(
        project, monitoring=lower_monitoring(model, model.monitoring, project.dvc_config)
    )


def check(model: MlopsSpec, project: Project, base_dir: Path) -> list[Diagnostic]:
    """The section is checked in ``lower``; here, what needs the files beside the spec: can
    monitor.yml bring the drift job's data to the runner."""
    if model.monitoring is None:
        return []
    return check_data(model, project.dvc_config, base_dir)


def targets(project: Project) -> Sequence[Target]:
    """monitoring/prometheus/, the dashboard, Alertmanager, monitor.yml."""
    if project.monitoring is None:
        return ()
    return monitoring_targets(project.monitoring, project.spec_name)


def explain(path: str, spec: Any) -> Rule | None:
    """No line rules yet: each line maps to its section."""
    return None


def linters() -> Sequence[Linter]:
    """promtool and amtool."""
    return LINTERS
