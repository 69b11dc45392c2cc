"""The data dvc.yaml and .dvc/config must parse back to, built from the IR without any template."""

from __future__ import annotations

from typing import Any

from mlops_compiler.families.dvc import ir


def dvc_yaml(pipeline: ir.Pipeline) -> dict[str, Any]:
    """dvc.yaml as DVC's loader sees it."""
    document: dict[str, Any] = {}
    if pipeline.vars:
        document["vars"] = list(pipeline.vars)
    document["stages"] = {stage.name: _stage(stage) for stage in pipeline.stages}
    document.update(pipeline.top)
    return document


def _stage(stage: ir.Stage) -> dict[str, Any]:
    body = stage_body(stage.body)
    if stage.form == "foreach":
        return {"foreach": stage.foreach, "do": body}
    if stage.form == "matrix":
        return {"matrix": stage.matrix, **body}
    return body


def stage_body(body: ir.StageBody) -> dict[str, Any]:
    """One stage's definition, keys in the order dvc.yaml writes them."""
    document: dict[str, Any] = {}
    if body.desc is not None:
        document["desc"] = body.desc
    document["cmd"] = body.cmd if isinstance(body.cmd, str) else list(body.cmd)
    if body.wdir is not None:
        document["wdir"] = body.wdir
    if body.deps:
        document["deps"] = list(body.deps)
    if body.params:
        document["params"] = [key for ref in body.params for key in params_entries(ref)]
    for name in ("outs", "metrics", "plots"):
        entries = getattr(body, name)
        if entries:
            document[name] = [path_entry(entry) for entry in entries]
    for flag in ("frozen", "always_changed"):
        if getattr(body, flag) is not None:
            document[flag] = getattr(body, flag)
    if body.meta is not None:
        document["meta"] = body.meta
    if body.vars is not None:
        document["vars"] = list(body.vars)
    return document


def params_entries(ref: ir.ParamsRef) -> list[Any]:
    """Keys of params.yaml stand alone; keys of another file are grouped under its name."""
    if ref.file is None:
        return list(ref.keys or ())
    return [{ref.file: None if ref.keys is None else list(ref.keys)}]


def path_entry(entry: ir.PathEntry) -> Any:
    """A bare path, or DVC's one-key mapping ``{path: {option: value}}``."""
    if not entry.options:
        return entry.path
    return {entry.path: dict(entry.options)}


def dvc_config(config: ir.DvcConfig) -> dict[str, dict[str, str]]:
    """.dvc/config as sections of key/value strings."""
    document: dict[str, dict[str, str]] = {}
    core = dict(config.core)
    if config.default_remote is not None:
        core = {"remote": config.default_remote, **core}
    if core:
        document["core"] = core
    for remote in config.remotes:
        document[f"'remote \"{remote.name}\"'"] = dict(remote.options)
    for header, options in config.sections:
        document[header] = dict(options)
    return document
