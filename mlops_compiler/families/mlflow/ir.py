"""The intermediate model of an MLflow Project: entry points and the environment file."""

from __future__ import annotations

from typing import Any, Literal

from mlops_compiler.dataclass import dataclass

EnvKind = Literal["python_env", "conda", "docker", "local"]


@dataclass(frozen=True)
class Parameter:
    """An MLflow entry-point parameter."""

    name: str
    type: str
    default: bool | str | int | float | None
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
