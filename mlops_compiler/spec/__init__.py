"""The file format of mlops.yaml, version 1: one module per top-level section."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, JsonValue

from mlops_compiler.spec.base import Name, SpecModel
from mlops_compiler.spec.data import Data
from mlops_compiler.spec.mlproject import EntryPoint, Environment
from mlops_compiler.spec.pipeline import Pipeline
from mlops_compiler.spec.project import Project
from mlops_compiler.spec.tracking import Tracking


class MlopsSpec(SpecModel):
    """An ML project, declared once: every generated file follows from this."""

    version: Literal[1] = Field(examples=[1])
    """The spec format version."""
    project: Project
    """The project as a whole."""
    data: Data | None = None
    """DVC remotes (written to .dvc/config)."""
    params: dict[str, JsonValue] = Field(default_factory=dict)
    """The parameter tree, written to params.yaml in this order."""
    pipeline: Pipeline | None = None
    """DVC stages (written to dvc.yaml)."""
    tracking: Tracking | None = None
    """MLflow tracking and registry."""
    environment: Environment | None = None
    """The MLflow Project environment; defaults to `python_env` when there are entry points."""
    entry_points: dict[Name, EntryPoint] | None = None
    """MLflow Project entry points (written to MLproject)."""


__all__ = ["MlopsSpec"]
