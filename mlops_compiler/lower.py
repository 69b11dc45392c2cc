"""Lower a validated spec to the frozen intermediate model, resolving defaults and references.

Cross-checks that span sections (params keys, unique outputs, cycles, placeholders) live in
``crosscheck.py``; this module only builds, and reports what it cannot resolve.
"""

from __future__ import annotations

import posixpath
from dataclasses import replace
from typing import Any

from mlops_compiler import ir, spec
from mlops_compiler.crosscheck import check_project
from mlops_compiler.errors import Diagnostic, SpecError
from mlops_compiler.loader import LoadedDocument
from mlops_compiler.spec import MlopsSpec
from mlops_compiler.spec.data import (
    AzureRemote,
    GsRemote,
    HttpRemote,
    LocalRemote,
    S3Remote,
    SshRemote,
)
from mlops_compiler.spec.mlproject import CondaEnv, DockerEnv, PythonEnv
from mlops_compiler.spec.pipeline import ForeachStage, MatrixStage, Metric, Out, Plot, StageBody
from mlops_compiler.spec.tracking import Tracking

PARAMS_FILE = "params.yaml"
_OUT_OPTIONS = ("cache", "persist", "remote", "push", "desc")
_METRIC_OPTIONS = ("cache", "persist", "desc")
_PLOT_OPTIONS = ("cache", "persist", "template", "x", "y", "title", "x_label", "y_label", "header")


def lower_spec(model: MlopsSpec, document: LoadedDocument) -> ir.Project:
    """Build the IR for ``model``; raise ``SpecError`` if a cross-section check fails."""
    diagnostics: list[Diagnostic] = []
    params = _params_document(model, diagnostics)
    project = ir.Project(
        spec_name=document.path.name,
        name=model.project.name,
        description=model.project.description,
        python=model.project.python,
        params=params,
        pipeline=_pipeline(model.pipeline) if model.pipeline else None,
        dvc_config=_dvc_config(model.data, diagnostics) if model.data else None,
        mlflow=_mlflow_project(model) if model.entry_points else None,
    )
    diagnostics += check_project(project, model, document.path.parent)
    if diagnostics:
        positioned = [_with_span(diagnostic, document) for diagnostic in diagnostics]
        raise SpecError(document.path, document.lines, positioned)
    return project


def _with_span(diagnostic: Diagnostic, document: LoadedDocument) -> Diagnostic:
    """Point at the key, the value, or the exact text inside the value the problem is about."""
    if diagnostic.span is not None or not diagnostic.loc:
        return diagnostic
    span = document.span_of(diagnostic.loc, key=diagnostic.on_key)
    if diagnostic.needle is not None and span is not None:
        span = document.find_in(span, diagnostic.needle) or span
    return replace(diagnostic, span=span)


def _params_document(model: MlopsSpec, diagnostics: list[Diagnostic]) -> dict[str, Any]:
    params = dict(model.params)
    if model.tracking is None:
        return params
    if "mlflow" in params:
        diagnostics.append(
            Diagnostic(
                "`params.mlflow` is written from `tracking`",
                loc=("params", "mlflow"),
                on_key=True,
                hint="move these values into the `tracking:` section",
            )
        )
        return params
    params["mlflow"] = _tracking_block(model.tracking, model.project.name)
    return params


def _tracking_block(tracking: Tracking, project_name: str) -> dict[str, Any]:
    block: dict[str, Any] = {
        "tracking_uri": tracking.uri,
        "experiment_name": tracking.experiment or project_name,
    }
    if tracking.registered_model:
        block["registered_model_name"] = tracking.registered_model
    return block


def _pipeline(pipeline: spec.pipeline.Pipeline) -> ir.Pipeline:
    stages = tuple(_stage(name, stage) for name, stage in pipeline.stages.items())
    return ir.Pipeline(vars=tuple(pipeline.vars or ()), stages=stages)


def _stage(name: str, stage: StageBody | MatrixStage | ForeachStage) -> ir.Stage:
    if isinstance(stage, ForeachStage):
        return ir.Stage(name=name, form="foreach", body=_body(stage.do), foreach=stage.foreach)
    if isinstance(stage, MatrixStage):
        return ir.Stage(name=name, form="matrix", body=_body(stage), matrix=dict(stage.matrix))
    return ir.Stage(name=name, form="plain", body=_body(stage))


def _body(body: StageBody) -> ir.StageBody:
    return ir.StageBody(
        cmd=body.cmd if isinstance(body.cmd, str) else tuple(body.cmd),
        wdir=body.wdir,
        deps=tuple(body.deps),
        params=tuple(_params_refs(body.params)),
        outs=tuple(_entry(out, Out, _OUT_OPTIONS) for out in body.outs),
        metrics=tuple(_entry(metric, Metric, _METRIC_OPTIONS) for metric in body.metrics),
        plots=tuple(_entry(plot, Plot, _PLOT_OPTIONS) for plot in body.plots),
        frozen=body.frozen,
        always_changed=body.always_changed,
        desc=body.desc,
        meta=dict(body.meta) if body.meta is not None else None,
    )


def _params_refs(entries: list[str | dict[str, list[str]]]) -> list[ir.ParamsRef]:
    """Group bare keys into one params.yaml reference, keeping other files in order."""
    default_keys = [entry for entry in entries if isinstance(entry, str)]
    refs = [ir.ParamsRef(file=None, keys=tuple(default_keys))] if default_keys else []
    for entry in entries:
        if isinstance(entry, dict):
            refs += [ir.ParamsRef(file=file, keys=tuple(keys)) for file, keys in entry.items()]
    return refs


def _entry(value: Any, model: type[Out | Metric | Plot], names: tuple[str, ...]) -> ir.PathEntry:
    if isinstance(value, str):
        return ir.PathEntry(path=value)
    assert isinstance(value, model)
    options = tuple(
        (name, getattr(value, name)) for name in names if getattr(value, name) is not None
    )
    return ir.PathEntry(path=value.path, options=options)


def _dvc_config(data: spec.data.Data, diagnostics: list[Diagnostic]) -> ir.DvcConfig:
    names = list(data.remotes)
    default = data.default
    if default is None and len(names) > 1:
        diagnostics.append(
            Diagnostic(
                "several remotes and no default",
                loc=("data", "remotes"),
                on_key=True,
                hint=f"add `default: {names[0]}` under `data:`",
            )
        )
    elif default is not None and default not in data.remotes:
        diagnostics.append(
            Diagnostic(
                f"default remote `{default}` is not declared",
                loc=("data", "default"),
                hint="declared remotes: " + ", ".join(f"`{name}`" for name in names),
            )
        )
    remotes = tuple(
        ir.Remote(name, _remote_options(remote)) for name, remote in data.remotes.items()
    )
    return ir.DvcConfig(default_remote=default or names[0], remotes=remotes)


def _remote_options(remote: Any) -> tuple[tuple[str, str], ...]:
    if isinstance(remote, LocalRemote):
        return (("url", _local_url(remote.url)),)
    extra: dict[type[Any], tuple[str, ...]] = {
        S3Remote: ("region", "profile", "endpointurl"),
        GsRemote: ("projectname",),
        AzureRemote: ("account_name",),
        SshRemote: ("port", "user"),
        HttpRemote: ("auth", "user"),
    }
    options = [("url", remote.url)]
    for name in extra[type(remote)]:
        value = getattr(remote, name)
        if value is not None:
            options.append((name, str(value)))
    return tuple(options)


def _local_url(path: str) -> str:
    """DVC resolves a relative remote path from the folder of the config file, `.dvc/`."""
    if posixpath.isabs(path):
        return path
    return posixpath.normpath(posixpath.join("..", path))


def _mlflow_project(model: MlopsSpec) -> ir.MlflowProject:
    assert model.entry_points is not None
    environment = model.environment or PythonEnv(kind="python_env")
    entry_points = tuple(
        ir.EntryPoint(
            name=name,
            command=entry.command,
            parameters=tuple(
                ir.Parameter(name=p, type=v, default=None)
                if isinstance(v, str)
                else ir.Parameter(name=p, type=v.type, default=v.default)
                for p, v in entry.parameters.items()
            ),
        )
        for name, entry in model.entry_points.items()
    )
    dependencies = _pip_dependencies(model.project)
    python_env = conda = docker = None
    env_file: str | None = None
    if isinstance(environment, PythonEnv):
        env_file = "python_env.yaml"
        python_env = ir.PythonEnvFile(
            python=model.project.python,
            build_dependencies=tuple(environment.build_dependencies),
            dependencies=dependencies,
        )
    elif isinstance(environment, CondaEnv):
        env_file = "conda.yaml"
        conda = ir.CondaFile(
            name=model.project.name,
            channels=tuple(environment.channels),
            dependencies=(f"python={model.project.python}", "pip", *environment.dependencies),
            pip=dependencies,
        )
    else:
        assert isinstance(environment, DockerEnv)
        docker = ir.DockerEnv(
            image=environment.image,
            volumes=tuple(environment.volumes),
            environment=tuple(environment.environment),
        )
    return ir.MlflowProject(
        name=model.project.name,
        env_kind=environment.kind,
        env_file=env_file,
        docker=docker,
        entry_points=entry_points,
        python_env=python_env,
        conda=conda,
    )


def _pip_dependencies(project: spec.project.Project) -> tuple[str, ...]:
    if project.requirements is not None:
        return (f"-r {project.requirements}",)
    return tuple(project.dependencies or ())
