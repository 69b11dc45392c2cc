"""Targets for the repository's layout: one per extra dvc.yaml, params file and MLproject.

The table in ``targets.py`` has one row per kind of file at the root; these rows are made per
entry of `pipelines`, `params_files` and `mlflow_projects`, with the same templates.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mlops_compiler.families.delivery.documents import read_lines
from mlops_compiler.families.dvc import documents as dvc_documents
from mlops_compiler.families.dvc.ir import Pipeline
from mlops_compiler.families.layout.ir import ParamsFile, VerbatimFile
from mlops_compiler.families.mlflow import documents as mlflow_documents
from mlops_compiler.families.mlflow.ir import MlflowProject
from mlops_compiler.families.target import Target, fixed_target

if TYPE_CHECKING:  # annotations only: the project IR sits above the families
    from mlops_compiler.ir import Project


def layout_targets(project: Project) -> list[Target]:
    """Every extra file the spec's layout sections generate, in the spec's order."""
    layout = project.layout
    targets = [_pipeline(pipeline) for pipeline in layout.pipelines]
    targets += [_params(params) for params in layout.params_files]
    for mlflow in layout.mlflow_projects:
        targets += _mlflow(mlflow)
    targets += [_verbatim(verbatim) for verbatim in layout.files]
    return targets


def _pipeline(pipeline: Pipeline) -> Target:
    return fixed_target(
        pipeline.path,
        "dvc/dvc.yaml.jinja",
        "pipelines",
        "yaml",
        {"pipeline": pipeline},
        dvc_documents.dvc_yaml(pipeline),
    )


def _params(params: ParamsFile) -> Target:
    return fixed_target(
        params.path,
        "dvc/params.yaml.jinja",
        "params_files",
        "yaml",
        {"params": params.data},
        params.data,
    )


def _mlflow(mlflow: MlflowProject) -> list[Target]:
    section = "mlflow_projects"
    targets = [
        fixed_target(
            mlflow.path,
            "mlflow/MLproject.jinja",
            section,
            "yaml",
            {"project": mlflow},
            mlflow_documents.mlproject(mlflow),
        )
    ]
    if mlflow.env_path is None:
        return targets
    template, context, document = _environment(mlflow)
    targets.append(fixed_target(mlflow.env_path, template, section, "yaml", context, document))
    return targets


def _environment(mlflow: MlflowProject) -> tuple[str, dict[str, Any], Any]:
    if mlflow.env_content is not None:
        return "mlflow/environment.yaml.jinja", {"content": mlflow.env_content}, mlflow.env_content
    if mlflow.python_env is not None:
        env = mlflow.python_env
        return "mlflow/python_env.yaml.jinja", {"env": env}, mlflow_documents.python_env(env)
    assert mlflow.conda is not None
    return "mlflow/conda.yaml.jinja", {"env": mlflow.conda}, mlflow_documents.conda(mlflow.conda)


def _verbatim(verbatim: VerbatimFile) -> Target:
    """A file written as it is; the check is that its lines (less comments) are all there."""
    return fixed_target(
        verbatim.path,
        "files/verbatim.jinja",
        "files",
        "lines",
        {"file": verbatim},
        read_lines(verbatim.directives + verbatim.text),
    )
