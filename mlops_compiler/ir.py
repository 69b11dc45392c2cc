"""The intermediate model: what every generator needs, resolved, checked and frozen.

Templates see only these classes. User-given JSON values (params, vars, foreach items, meta)
are carried as plain data and never mutated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from mlops_compiler.families.delivery.ir import Delivery
from mlops_compiler.families.layout.ir import Layout

if TYPE_CHECKING:  # imported by the lowering only for a spec with `monitoring` or `deploy`
    from mlops_compiler.ir_operations import Deploy, Monitoring

StageForm = Literal["plain", "foreach", "matrix"]
EnvKind = Literal["python_env", "conda", "docker"]


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


@dataclass(frozen=True)
class Parameter:
    """An MLflow entry-point parameter."""

    name: str
    type: str
    default: str | int | float | None
    description: str | None = None
    short: bool = False
    """Written as `name: type` (MLflow's short form), as the spec gave it."""


@dataclass(frozen=True)
class EntryPoint:
    """An MLflow entry point."""

    name: str
    command: str
    parameters: tuple[Parameter, ...]


@dataclass(frozen=True)
class DockerEnv:
    """``docker_env`` of an MLproject."""

    image: str
    volumes: tuple[str, ...]
    environment: tuple[str, ...]


@dataclass(frozen=True)
class PythonEnvFile:
    """python_env.yaml."""

    python: str
    build_dependencies: tuple[str, ...]
    dependencies: tuple[str, ...]


@dataclass(frozen=True)
class CondaFile:
    """conda.yaml."""

    name: str
    channels: tuple[str, ...]
    dependencies: tuple[str, ...]
    pip: tuple[str, ...]


@dataclass(frozen=True)
class MlflowProject:
    """MLproject, with the environment file it points at."""

    name: str
    env_kind: EnvKind
    env_file: str | None
    docker: DockerEnv | None
    entry_points: tuple[EntryPoint, ...]
    python_env: PythonEnvFile | None
    conda: CondaFile | None
    path: str = "MLproject"
    """Where the MLproject goes, relative to mlops.yaml."""
    env_path: str | None = None
    """Where the environment file goes, relative to mlops.yaml (None: `env_file`)."""
    env_content: dict[str, Any] | None = None
    """The environment file's data as the spec gives it, written instead of python_env/conda."""


PatchOp = Literal["set", "delete", "append"]


@dataclass(frozen=True)
class Patch:
    """One change to a generated file's data; ``path`` is as written in the spec."""

    op: PatchOp
    path: str
    value: Any


@dataclass(frozen=True)
class FileOverride:
    """A generated file's ownership mode and patches (`overrides.<path>` in the spec)."""

    path: str
    mode: Literal["managed", "seed"]
    patches: tuple[Patch, ...]


@dataclass(frozen=True)
class Operations:
    """`monitoring` and `deploy`, lowered (their parts are in ir_operations.py)."""

    monitoring: Monitoring | None = None
    deploy: Deploy | None = None


@dataclass(frozen=True)
class Project:
    """Everything the generators need from one mlops.yaml."""

    spec_name: str
    name: str
    description: str | None
    python: str
    params: dict[str, Any]
    pipeline: Pipeline | None
    dvc_config: DvcConfig | None
    mlflow: MlflowProject | None
    overrides: tuple[FileOverride, ...] = ()
    operations: Operations = field(default_factory=Operations)
    """`monitoring` and `deploy` (see ir_operations.py)."""
    delivery: Delivery | None = None
    """Workflows and Dockerfiles from `ci`, `cd`, `retraining`, `images` (see ir_delivery.py)."""
    layout: Layout = field(default_factory=Layout)
    """More dvc.yaml files, params files and MLprojects, in folders (see ir_layout.py)."""
