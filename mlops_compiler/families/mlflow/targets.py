"""The root files of the MLflow family: the MLproject and its environment file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mlops_compiler.families.mlflow import documents, ir
from mlops_compiler.families.target import Target

if TYPE_CHECKING:  # annotations only: the project IR sits above the families
    from mlops_compiler.ir import Project


def _mlflow(project: Project) -> ir.MlflowProject:
    assert project.mlflow is not None
    return project.mlflow


def _built_env(project: Project) -> bool:
    """The root environment file is built from the spec (not given as `content`)."""
    return project.mlflow is not None and project.mlflow.env_content is None


def _env(value: Any) -> Any:
    assert value is not None
    return value


TARGETS: tuple[Target, ...] = (
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
        applies=lambda p: _built_env(p) and _mlflow(p).python_env is not None,
        context=lambda p: {"env": _mlflow(p).python_env},
        document=lambda p: documents.python_env(_env(_mlflow(p).python_env)),
        path_of=lambda p: _env(_mlflow(p).env_path),
    ),
    Target(
        path="conda.yaml",
        template="mlflow/conda.yaml.jinja",
        section="environment",
        format="yaml",
        applies=lambda p: _built_env(p) and _mlflow(p).conda is not None,
        context=lambda p: {"env": _mlflow(p).conda},
        document=lambda p: documents.conda(_env(_mlflow(p).conda)),
        path_of=lambda p: _env(_mlflow(p).env_path),
    ),
    Target(
        path="conda.yaml",
        template="mlflow/environment.yaml.jinja",
        section="environment",
        format="yaml",
        applies=lambda p: p.mlflow is not None and p.mlflow.env_content is not None,
        context=lambda p: {"content": _mlflow(p).env_content},
        document=lambda p: _mlflow(p).env_content,
        path_of=lambda p: _env(_mlflow(p).env_path),
    ),
)
