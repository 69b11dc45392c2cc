"""Targets for the repository's layout: one per extra dvc.yaml, params file and MLproject.

The table in ``targets.py`` has one row per kind of file at the root; these rows are made per
entry of `pipelines`, `params_files` and `mlflow_projects`, with the same templates.
"""

from __future__ import annotations

from typing import Any

from mlops_compiler import documents, ir
from mlops_compiler.documents_delivery import read_lines
from mlops_compiler.ir_layout import ParamsFile, VerbatimFile
from mlops_compiler.targets import Target


def layout_targets(project: ir.Project) -> list[Target]:
    """Every extra file the spec's layout sections generate, in the spec's order."""
    layout = project.layout
    targets = [_pipeline(pipeline) for pipeline in layout.pipelines]
    targets += [_params(params) for params in layout.params_files]
    for mlflow in layout.mlflow_projects:
        targets += _mlflow(mlflow)
    targets += [_verbatim(verbatim) for verbatim in layout.files]
    return targets


def _always(_project: ir.Project) -> bool:
    return True


def _pipeline(pipeline: ir.Pipeline) -> Target:
    return Target(
        path=pipeline.path,
        template="dvc/dvc.yaml.jinja",
        section="pipelines",
        format="yaml",
        applies=_always,
        context=lambda _p: {"pipeline": pipeline},
        document=lambda _p: documents.dvc_yaml(pipeline),
    )


def _params(params: ParamsFile) -> Target:
    return Target(
        path=params.path,
        template="dvc/params.yaml.jinja",
        section="params_files",
        format="yaml",
        applies=_always,
        context=lambda _p: {"params": params.data},
        document=lambda _p: params.data,
    )


def _mlflow(mlflow: ir.MlflowProject) -> list[Target]:
    targets = [
        Target(
            path=mlflow.path,
            template="mlflow/MLproject.jinja",
            section="mlflow_projects",
            format="yaml",
            applies=_always,
            context=lambda _p: {"project": mlflow},
            document=lambda _p: documents.mlproject(mlflow),
        )
    ]
    if mlflow.env_path is None:
        return targets
    template, context, document = _environment(mlflow)
    targets.append(
        Target(
            path=mlflow.env_path,
            template=template,
            section="mlflow_projects",
            format="yaml",
            applies=_always,
            context=lambda _p: context,
            document=lambda _p: document,
        )
    )
    return targets


def _environment(mlflow: ir.MlflowProject) -> tuple[str, dict[str, Any], Any]:
    if mlflow.env_content is not None:
        return "mlflow/environment.yaml.jinja", {"content": mlflow.env_content}, mlflow.env_content
    if mlflow.python_env is not None:
        env = mlflow.python_env
        return "mlflow/python_env.yaml.jinja", {"env": env}, documents.python_env(env)
    assert mlflow.conda is not None
    return "mlflow/conda.yaml.jinja", {"env": mlflow.conda}, documents.conda(mlflow.conda)


def _verbatim(verbatim: VerbatimFile) -> Target:
    """A file written as it is; the check is that its lines (less comments) are all there."""
    return Target(
        path=verbatim.path,
        template="files/verbatim.jinja",
        section="files",
        format="lines",
        applies=_always,
        context=lambda _p: {"file": verbatim},
        document=lambda _p: read_lines(verbatim.directives + verbatim.text),
    )
