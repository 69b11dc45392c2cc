"""Lower a validated spec to the frozen intermediate model, resolving defaults and references.

Cross-checks that span sections (params keys, unique outputs, cycles, placeholders) live in
``crosscheck.py``; this module only builds, and reports what it cannot resolve.
"""

from __future__ import annotations

import posixpath
from dataclasses import replace
from typing import Any

from pydantic import BaseModel

from mlops_compiler import ir, spec
from mlops_compiler.crosscheck import check_project
from mlops_compiler.errors import Diagnostic, Severity, SpecError
from mlops_compiler.families.delivery.lower import with_delivery
from mlops_compiler.families.layout.lower import lower_dvc_settings, lower_layout
from mlops_compiler.families.names import check_names
from mlops_compiler.load.loader import LoadedDocument
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
from mlops_compiler.spec.overrides import AppendPatch, DeletePatch, SetPatch
from mlops_compiler.spec.pipeline import ForeachStage, MatrixStage, Metric, Out, Plot, StageBody
from mlops_compiler.spec.tracking import Tracking

PARAMS_FILE = "params.yaml"
_ANNOTATIONS = ("type", "labels", "meta")
_OUT_OPTIONS = ("cache", "persist", "remote", "push", "desc", *_ANNOTATIONS)
_METRIC_OPTIONS = ("cache", "persist", "remote", "push", "desc", *_ANNOTATIONS)
_PLOT_OPTIONS = (
    *("cache", "persist", "template", "x", "y", "title", "x_label", "y_label", "header"),
    *("remote", "push", "desc", *_ANNOTATIONS),
)
_TOP_KEYS = ("params", "metrics", "plots", "artifacts", "datasets")


def lower_spec(
    model: MlopsSpec, document: LoadedDocument, warnings: list[Diagnostic] | None = None
) -> ir.Project:
    """Build the IR for ``model``; raise ``SpecError`` if a cross-section check fails.

    Checks report problems as diagnostics: errors stop lowering (every diagnostic found, the
    warnings included, is in the ``SpecError``); warnings alone are appended, positioned, to
    ``warnings`` when given.
    """
    diagnostics: list[Diagnostic] = []
    params = _params_document(model, diagnostics)
    project = ir.Project(
        spec_name=document.path.name,
        name=model.project.name,
        description=model.project.description,
        python=model.project.python,
        params=params,
        pipeline=lower_pipeline(model.pipeline) if model.pipeline else None,
        dvc_config=_dvc_config(model.data, diagnostics) if model.data else None,
        mlflow=_root_mlflow_project(model) if model.entry_points else None,
        overrides=_overrides(model),
        layout=lower_layout(model, diagnostics),
        operations=_operations(model, diagnostics),
    )
    diagnostics += check_project(project, model, document.path.parent)
    diagnostics += check_names(model)
    project, found = with_delivery(model, document, project)
    diagnostics += found
    positioned = [document.position(diagnostic) for diagnostic in diagnostics]
    if any(diagnostic.severity is Severity.ERROR for diagnostic in positioned):
        raise SpecError(document.path, document.lines, positioned)
    if warnings is not None:
        warnings += positioned
    return project


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


def lower_pipeline(pipeline: spec.pipeline.Pipeline, path: str = "dvc.yaml") -> ir.Pipeline:
    """One dvc.yaml: `pipeline`, or an entry of `pipelines` with its path."""
    stages = tuple(_stage(name, stage) for name, stage in pipeline.stages.items())
    top = tuple(
        (key, _dvc_data(getattr(pipeline, key)))
        for key in _TOP_KEYS
        if getattr(pipeline, key) is not None
    )
    return ir.Pipeline(vars=tuple(pipeline.vars or ()), stages=stages, path=path, top=top)


def _dvc_data(value: Any) -> Any:
    """Spec models inside DVC's free-form top-level keys, as the data DVC reads."""
    if isinstance(value, BaseModel):
        return value.model_dump(exclude_none=True)
    if isinstance(value, dict):
        return {key: _dvc_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_dvc_data(item) for item in value]
    return value


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
        vars=tuple(body.vars) if body.vars is not None else None,
    )


def _params_refs(entries: list[str | dict[str, list[str] | None]]) -> list[ir.ParamsRef]:
    """Runs of bare keys become one params.yaml reference; every entry keeps its place."""
    refs: list[ir.ParamsRef] = []
    for entry in entries:
        if isinstance(entry, str):
            if refs and refs[-1].file is None:
                refs[-1] = ir.ParamsRef(file=None, keys=(*(refs[-1].keys or ()), entry))
            else:
                refs.append(ir.ParamsRef(file=None, keys=(entry,)))
            continue
        refs += [
            ir.ParamsRef(file=file, keys=None if keys is None else tuple(keys))
            for file, keys in entry.items()
        ]
    return refs


def _entry(value: Any, model: type[Out | Metric | Plot], names: tuple[str, ...]) -> ir.PathEntry:
    if isinstance(value, str):
        return ir.PathEntry(path=value)
    assert isinstance(value, model)
    options = tuple(
        (name, getattr(value, name)) for name in names if getattr(value, name) is not None
    )
    return ir.PathEntry(path=value.path, options=options)


def _operations(model: MlopsSpec, diagnostics: list[Diagnostic]) -> ir.Operations:
    """`monitoring` and `deploy`; their modules load only for a spec that has either."""
    if model.monitoring is None and model.deploy is None:
        return ir.Operations()
    from mlops_compiler.lower_operations import lower_operations

    return lower_operations(model, diagnostics)


def _dvc_config(data: spec.data.Data, diagnostics: list[Diagnostic]) -> ir.DvcConfig:
    names = list(data.remotes)
    default = data.default
    config = lower_dvc_settings(data, diagnostics)
    if not names:
        return replace(config, default_remote=None)
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
    return replace(config, default_remote=default or names[0], remotes=remotes)


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


def _root_mlflow_project(model: MlopsSpec) -> ir.MlflowProject:
    assert model.entry_points is not None
    return mlflow_project(
        model.project.name, model.environment, model.entry_points, model.project, "MLproject"
    )


def mlflow_project(
    name: str,
    environment: spec.mlproject.Environment | None,
    entry_points: dict[str, spec.mlproject.EntryPoint],
    project: spec.project.Project,
    path: str,
) -> ir.MlflowProject:
    """One MLproject at ``path`` and its environment file (relative to the MLproject)."""
    environment = environment or PythonEnv(kind="python_env")
    lowered = tuple(
        ir.EntryPoint(
            name=entry_name,
            command=entry.command,
            parameters=tuple(
                ir.Parameter(name=p, type=v, default=None, short=True)
                if isinstance(v, str)
                else ir.Parameter(name=p, type=v.type, default=v.default, description=v.description)
                for p, v in entry.parameters.items()
            ),
        )
        for entry_name, entry in entry_points.items()
    )
    dependencies = _pip_dependencies(project)
    python_env = conda = docker = None
    env_file: str | None = None
    if isinstance(environment, PythonEnv):
        env_file = environment.file or "python_env.yaml"
        python_env = ir.PythonEnvFile(
            python=project.python,
            build_dependencies=tuple(environment.build_dependencies),
            dependencies=dependencies,
        )
    elif isinstance(environment, CondaEnv):
        env_file = environment.file or "conda.yaml"
        conda = ir.CondaFile(
            name=project.name,
            channels=tuple(environment.channels),
            dependencies=(f"python={project.python}", "pip", *environment.dependencies),
            pip=dependencies,
        )
    else:
        assert isinstance(environment, DockerEnv)
        docker = ir.DockerEnv(
            image=environment.image,
            volumes=tuple(environment.volumes),
            environment=tuple(environment.environment),
        )
    content = None if isinstance(environment, DockerEnv) else environment.content
    folder = posixpath.dirname(path)
    return ir.MlflowProject(
        name=name,
        env_kind=environment.kind,
        env_file=env_file,
        docker=docker,
        entry_points=lowered,
        python_env=python_env,
        conda=conda,
        path=path,
        env_path=posixpath.normpath(posixpath.join(folder, env_file)) if env_file else None,
        env_content=dict(content) if content is not None else None,
    )


def _pip_dependencies(project: spec.project.Project) -> tuple[str, ...]:
    if project.requirements is not None:
        return (f"-r {project.requirements}",)
    return tuple(project.dependencies or ())


def _overrides(model: MlopsSpec) -> tuple[ir.FileOverride, ...]:
    return tuple(
        ir.FileOverride(
            path=path,
            mode=override.mode,
            patches=tuple(
                ir.Patch(
                    op=_op(patch), path=_patch_path(patch), value=getattr(patch, "value", None)
                )
                for patch in override.patches
            ),
        )
        for path, override in model.overrides.items()
    )


def _op(patch: Any) -> ir.PatchOp:
    return (
        "set"
        if isinstance(patch, SetPatch)
        else "delete"
        if isinstance(patch, DeletePatch)
        else "append"
    )


def _patch_path(patch: SetPatch | DeletePatch | AppendPatch) -> str:
    if isinstance(patch, SetPatch):
        return patch.set
    return patch.delete if isinstance(patch, DeletePatch) else patch.append
