"""What the cross-checks need to see every dvc.yaml and MLproject, not only the root ones.

A dvc.yaml in a folder resolves its paths from that folder, so its stages are checked with
their `wdir` rebased onto it: outputs, dependencies and params files of every pipeline then
compare as paths relative to mlops.yaml.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from typing import TypeVar

from mlops_compiler.errors import Loc
from mlops_compiler.spec import MlopsSpec
from mlops_compiler.spec.mlproject import EntryPoint
from mlops_compiler.spec.pipeline import Pipeline, StageBody

Body = TypeVar("Body", bound=StageBody)

__all__ = [
    "entry_points_of",
    "params_path",
    "pipeline_sources",
    "rebased",
]


def pipeline_sources(model: MlopsSpec) -> Iterator[tuple[Loc, Pipeline, str]]:
    """(location, pipeline, folder) of every dvc.yaml; the folder is relative to mlops.yaml."""
    if model.pipeline is not None:
        yield ("pipeline",), model.pipeline, ""
    for path, pipeline in (model.pipelines or {}).items():
        yield ("pipelines", path), pipeline, posixpath.dirname(posixpath.normpath(path))


def rebased(body: Body, folder: str) -> Body:
    """``body`` with its `wdir` relative to mlops.yaml instead of to its dvc.yaml's folder."""
    if not folder or (body.wdir is not None and "${" in body.wdir):
        return body
    wdir = posixpath.normpath(posixpath.join(folder, body.wdir or "."))
    return body.model_copy(update={"wdir": wdir})


def params_path(wdir: str | None, file: str) -> str:
    """A params file as DVC finds it: relative to the stage's `wdir`."""
    return posixpath.normpath(posixpath.join(wdir or ".", file))


def entry_points_of(model: MlopsSpec) -> Iterator[tuple[Loc, str, EntryPoint]]:
    """(location of the `entry_points` mapping, name, entry point) of every MLproject."""
    for name, entry in (model.entry_points or {}).items():
        yield ("entry_points",), name, entry
    for path, project in (model.mlflow_projects or {}).items():
        for name, entry in project.entry_points.items():
            yield ("mlflow_projects", path, "entry_points"), name, entry
