"""The repository's layout beyond the root: more dvc.yaml files, params files and MLprojects.

Real repositories keep a dvc.yaml per data source and an MLproject per pipeline step. Each one
is a ``Pipeline`` or ``MlflowProject`` carrying the path it is written to.
"""

from __future__ import annotations

from typing import Any

from mlops_compiler.dataclass import dataclass
from mlops_compiler.families.dvc.ir import Pipeline
from mlops_compiler.families.mlflow.ir import MlflowProject


@dataclass(frozen=True)
class ParamsFile:
    """A YAML params file other than the root params.yaml, written verbatim."""

    path: str
    data: dict[str, Any]


@dataclass(frozen=True)
class VerbatimFile:
    """A workflow or Dockerfile written as it is (`files`)."""

    path: str
    directives: str
    """A Dockerfile's parser directives (`# syntax=...` lines): they stay before the header."""
    text: str
    """The rest of the file, without its last line end."""
    end: str = "\n"
    """Its last line end: empty when the text has none (a last block scalar's value would
    change with one)."""
    key: str = ""
    """Its key under `files:` as written (the path before normalising), for positions."""


@dataclass(frozen=True)
class Layout:
    """`pipelines`, `params_files`, `mlflow_projects` and `files`, in the spec's order."""

    pipelines: tuple[Pipeline, ...] = ()
    params_files: tuple[ParamsFile, ...] = ()
    mlflow_projects: tuple[MlflowProject, ...] = ()
    files: tuple[VerbatimFile, ...] = ()
