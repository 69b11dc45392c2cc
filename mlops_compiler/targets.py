"""The declarative table of generated files: what to render, from which section, and when."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from mlops_compiler import documents, ir

Format = Literal["yaml", "ini"]


@dataclass(frozen=True)
class Target:
    """One generated file."""

    path: str
    """Where it goes, relative to the folder holding mlops.yaml (POSIX separators)."""
    template: str
    """The Jinja template that renders it, relative to templates/."""
    section: str
    """The spec section it comes from (for messages and the manifest)."""
    format: Format
    """How it is parsed back after rendering."""
    applies: Callable[[ir.Project], bool]
    """Whether the spec asks for this file."""
    context: Callable[[ir.Project], dict[str, Any]]
    """The template's variables (IR objects only)."""
    document: Callable[[ir.Project], Any]
    """The data the rendered file must parse back to."""


def _mlflow(project: ir.Project) -> ir.MlflowProject:
    assert project.mlflow is not None
    return project.mlflow


def _pipeline(project: ir.Project) -> ir.Pipeline:
    assert project.pipeline is not None
    return project.pipeline


def _dvc_config(project: ir.Project) -> ir.DvcConfig:
    assert project.dvc_config is not None
    return project.dvc_config


TARGETS: tuple[Target, ...] = (
    Target(
        path="dvc.yaml",
        template="dvc/dvc.yaml.jinja",
        section="pipeline",
        format="yaml",
        applies=lambda p: p.pipeline is not None,
        context=lambda p: {"pipeline": _pipeline(p)},
        document=lambda p: documents.dvc_yaml(_pipeline(p)),
    ),
    Target(
        path="params.yaml",
        template="dvc/params.yaml.jinja",
        section="params",
        format="yaml",
        applies=lambda p: bool(p.params) or p.pipeline is not None,
        context=lambda p: {"params": p.params},
        document=lambda p: p.params,
    ),
    Target(
        path=".dvc/config",
        template="dvc/config.jinja",
        section="data",
        format="ini",
        applies=lambda p: p.dvc_config is not None,
        context=lambda p: {"config": _dvc_config(p)},
        document=lambda p: documents.dvc_config(_dvc_config(p)),
    ),
    Target(
        path="MLproject",
        template="mlflow/MLproject.jinja",
        section="entry_points",
        format="yaml",
        applies=lambda p: p.mlflow is not None,
        context=lambda p: {"project": _mlflow(p)},
        document=lambda p: documents.mlproject(_mlflow(p)),
    ),
    Target(
        path="python_env.yaml",
        template="mlflow/python_env.yaml.jinja",
        section="environment",
        format="yaml",
        applies=lambda p: p.mlflow is not None and p.mlflow.python_env is not None,
        context=lambda p: {"env": _mlflow(p).python_env},
        document=lambda p: documents.python_env(_env(_mlflow(p).python_env)),
    ),
    Target(
        path="conda.yaml",
        template="mlflow/conda.yaml.jinja",
        section="environment",
        format="yaml",
        applies=lambda p: p.mlflow is not None and p.mlflow.conda is not None,
        context=lambda p: {"env": _mlflow(p).conda},
        document=lambda p: documents.conda(_env(_mlflow(p).conda)),
    ),
)


def _env(value: Any) -> Any:
    assert value is not None
    return value
