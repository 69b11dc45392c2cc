"""Lower `pipeline` and `params` to dvc.yaml and params.yaml, in DVC's own vocabulary."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from mlops_compiler import spec
from mlops_compiler.errors import Diagnostic
from mlops_compiler.families.dvc import ir
from mlops_compiler.spec import MlopsSpec
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


def params_document(model: MlopsSpec, diagnostics: list[Diagnostic]) -> dict[str, Any]:
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
