"""The declarative table of generated files: what to render, from which section, and when.

The types are in ``families/target.py``; this table lists the root files of each family.
"""

from __future__ import annotations

from typing import Any

from mlops_compiler import ir
from mlops_compiler.families.delivery import documents as documents_delivery
from mlops_compiler.families.dvc import documents as dvc_documents
from mlops_compiler.families.mlflow import documents as mlflow_documents
from mlops_compiler.families.target import Target


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
        document=lambda p: dvc_documents.dvc_yaml(_pipeline(p)),
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
        document=lambda p: dvc_documents.dvc_config(_dvc_config(p)),
    ),
    Target(
        path="MLproject",
        template="mlflow/MLproject.jinja",
        section="entry_points",
        format="yaml",
        applies=lambda p: p.mlflow is not None,
        context=lambda p: {"project": _mlflow(p)},
        document=lambda p: mlflow_documents.mlproject(_mlflow(p)),
    ),
    Target(
        path="python_env.yaml",
        template="mlflow/python_env.yaml.jinja",
        section="environment",
        format="yaml",
        applies=lambda p: _built_env(p) and _mlflow(p).python_env is not None,
        context=lambda p: {"env": _mlflow(p).python_env},
        document=lambda p: mlflow_documents.python_env(_env(_mlflow(p).python_env)),
        path_of=lambda p: _env(_mlflow(p).env_path),
    ),
    Target(
        path="conda.yaml",
        template="mlflow/conda.yaml.jinja",
        section="environment",
        format="yaml",
        applies=lambda p: _built_env(p) and _mlflow(p).conda is not None,
        context=lambda p: {"env": _mlflow(p).conda},
        document=lambda p: mlflow_documents.conda(_env(_mlflow(p).conda)),
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


def _built_env(project: ir.Project) -> bool:
    """The root environment file is built from the spec (not given as `content`)."""
    return project.mlflow is not None and project.mlflow.env_content is None


def _env(value: Any) -> Any:
    assert value is not None
    return value


# -- CI/CD: workflows, Dockerfiles, .dockerignore ----------------------------------------------


def _workflow(project: ir.Project, path: str) -> Any:
    flows = [w for w in project.delivery.workflows if w.path == path] if project.delivery else []
    return flows[0] if flows else None


def _dockerfile(project: ir.Project, name: str) -> Any:
    files = [d for d in project.delivery.dockerfiles if d.name == name] if project.delivery else []
    return files[0] if files else None


def _workflow_target(file: str, section: str) -> Target:
    path = f".github/workflows/{file}"
    return Target(
        path=path,
        template=f"github/{file}.jinja",
        section=section,
        format="yaml",
        applies=lambda p: _workflow(p, path) is not None,
        context=lambda p: {"workflow": _workflow(p, path)},
        document=lambda p: documents_delivery.workflow(_workflow(p, path)),
    )


def _dockerfile_target(name: str) -> Target:
    return Target(
        path=f"docker/{name}.Dockerfile",
        template=f"docker/{name}.Dockerfile.jinja",
        section="images",
        format="dockerfile",
        applies=lambda p: _dockerfile(p, name) is not None,
        context=lambda p: {"dockerfile": _dockerfile(p, name)},
        document=lambda p: documents_delivery.dockerfile(_dockerfile(p, name)),
        path_of=lambda p: str(_dockerfile(p, name).path),
    )


TARGETS = (
    *TARGETS,
    _workflow_target("ci.yml", "ci"),
    _workflow_target("cd.yml", "cd"),
    _workflow_target("retrain.yml", "retraining"),
    _dockerfile_target("train"),
    _dockerfile_target("serve"),
    Target(
        path=".dockerignore",
        template="docker/dockerignore.jinja",
        section="images",
        format="lines",
        applies=lambda p: p.delivery is not None and bool(p.delivery.dockerignore),
        context=lambda p: {"patterns": p.delivery.dockerignore if p.delivery else ()},
        document=lambda p: list(p.delivery.dockerignore) if p.delivery else [],
    ),
)
