"""`environment` and `entry_points`: the MLflow Project (MLproject and its environment file)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from mlops_compiler.spec.base import SpecModel, Text

ParameterType = Literal["string", "float", "int", "path", "uri"]


class Parameter(SpecModel):
    """A typed entry-point parameter."""

    type: ParameterType = "string"
    """How MLflow checks and passes the value."""
    default: str | int | float | None = None
    """The value used when none is given; without one the parameter is required."""


class EntryPoint(SpecModel):
    """A command `mlflow run -e NAME` can run."""

    command: Text = Field(examples=["python src/train.py --alpha {alpha}"])
    """The command; `{name}` becomes the parameter `name` (`{{` is a literal brace)."""
    parameters: dict[str, Parameter | ParameterType] = Field(default_factory=dict)
    """Parameters by name: a type, or a type with a default."""


class PythonEnv(SpecModel):
    """A virtualenv built from `project.python` and `project.dependencies` (python_env.yaml)."""

    kind: Literal["python_env"]
    """Environment type."""
    build_dependencies: list[str] = Field(default_factory=lambda: ["pip"])
    """Packages installed before the project's dependencies."""


class CondaEnv(SpecModel):
    """A conda environment (conda.yaml); the project's pip dependencies go under `pip:`."""

    kind: Literal["conda"]
    """Environment type."""
    channels: list[str] = Field(default_factory=lambda: ["conda-forge"])
    """Conda channels, in priority order."""
    dependencies: list[str] = Field(default_factory=list)
    """Conda packages (python and pip are added for you)."""


class DockerEnv(SpecModel):
    """An existing Docker image to run the entry points in."""

    kind: Literal["docker"]
    """Environment type."""
    image: str = Field(min_length=1, examples=["python:3.11-slim"])
    """The image, pinned by tag (and digest, ideally)."""
    volumes: list[str] = Field(default_factory=list)
    """Volumes to mount, `host:container`."""
    environment: list[str] = Field(default_factory=list)
    """Environment variables copied from the host by name (values are never written here)."""


Environment = Annotated[PythonEnv | CondaEnv | DockerEnv, Field(discriminator="kind")]
