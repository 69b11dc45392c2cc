"""The intermediate model of DVC's files: dvc.yaml stages, params references, .dvc/config.

User-given JSON values (params, vars, foreach items, meta) are carried as plain data and never
mutated."""

from __future__ import annotations

from typing import Any, Literal

from mlops_compiler.dataclass import dataclass

StageForm = Literal["plain", "foreach", "matrix"]


@dataclass(frozen=True)
class PathEntry:
    """An out, metric or plot: a path and the DVC options set on it (in DVC's key order)."""

    path: str
    options: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class ParamsRef:
    """Keys a stage reads from one params file (``params.yaml`` when ``file`` is None)."""

    file: str | None
    keys: tuple[str, ...] | None
    """None: every key of the file (``{file: null}`` in dvc.yaml)."""


@dataclass(frozen=True)
class StageBody:
    """A DVC stage definition in DVC's vocabulary."""

    cmd: str | tuple[str, ...]
    wdir: str | None
    deps: tuple[str, ...]
    params: tuple[ParamsRef, ...]
    outs: tuple[PathEntry, ...]
    metrics: tuple[PathEntry, ...]
    plots: tuple[PathEntry, ...]
    frozen: bool | None
    always_changed: bool | None
    desc: str | None
    meta: dict[str, Any] | None
    vars: tuple[Any, ...] | None = None


@dataclass(frozen=True)
class Stage:
    """A named stage: plain, repeated over ``foreach`` items, or over a ``matrix``."""

    name: str
    form: StageForm
    body: StageBody
    foreach: Any = None
    matrix: dict[str, Any] | None = None


@dataclass(frozen=True)
class Pipeline:
    """dvc.yaml."""

    vars: tuple[Any, ...]
    stages: tuple[Stage, ...]
    path: str = "dvc.yaml"
    """Where it goes, relative to mlops.yaml; its own paths are relative to its folder."""
    top: tuple[tuple[str, Any], ...] = ()
    """dvc.yaml's other top-level keys (`params`, `metrics`, `plots`, ...) as DVC data."""


@dataclass(frozen=True)
class Remote:
    """One ``['remote "NAME"']`` section of .dvc/config."""

    name: str
    options: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class DvcConfig:
    """The remote part of .dvc/config."""

    default_remote: str | None
    remotes: tuple[Remote, ...]
    core: tuple[tuple[str, str], ...] = ()
    """More `[core]` options, after `remote`."""
    sections: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    """More sections after the remotes, by their header text (`studio`, `'remote "x"'`)."""
