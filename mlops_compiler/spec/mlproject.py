"""`environment` and `entry_points`: the MLflow Project (MLproject and its environment file)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, JsonValue

from mlops_compiler.spec.base import Name, RelativePath, SpecModel, Text, empty_dict, empty_list

ParameterType = Literal["string", "str", "float", "int", "bool", "path", "uri"]
"""`str` is how many MLprojects spell `string`; MLflow treats the two alike, and `bool`
(`true`/`false` defaults) like them too: it passes the value on as written."""


class Parameter(SpecModel):
    """A typed entry-point parameter."""

    type: ParameterType = Field(default="string", examples=["float"])
    """How MLflow checks and passes the value."""
    default: bool | str | int | float | None = Field(default=None, examples=[0.01])
    """The value used when none is given; without one the parameter is required."""
    description: Text | None = Field(default=None, examples=["Learning rate"])
    """What the parameter is for (MLflow keeps it in MLproject and ignores it)."""


class EntryPoint(SpecModel):
    """A command `mlflow run -e NAME` can run."""

    command: Text = Field(examples=["python src/train.py --alpha {alpha}"])
    """The command; `{name}` becomes the parameter `name` (`{{` is a literal brace)."""
    parameters: dict[str, Parameter | ParameterType] = Field(
        default_factory=empty_dict,
        examples=[{"alpha": {"type": "float", "default": 0.5}, "data": "path"}],
    )
    """Parameters by name: a type, or a type with a default."""


class PythonEnv(SpecModel):
    """A virtualenv built from `project.python` and `project.dependencies` (python_env.yaml)."""

    kind: Literal["python_env"] = Field(examples=["python_env"])
    """Environment type."""
    build_dependencies: list[str] = Field(
        default_factory=lambda: ["pip"], examples=[["pip", "setuptools", "wheel"]]
    )
    """Packages installed before the project's dependencies."""
    file: RelativePath | None = Field(default=None, examples=["python_env.yaml"])
    """The environment file, relative to the MLproject (default `python_env.yaml`)."""
    content: dict[str, JsonValue] | None = Field(
        default=None, examples=[{"python": "3.11", "dependencies": ["mlflow"]}]
    )
    """The environment file's data, written as it is (instead of being built from `project`)."""


class CondaEnv(SpecModel):
    """A conda environment (conda.yaml); the project's pip dependencies go under `pip:`."""

    kind: Literal["conda"] = Field(examples=["conda"])
    """Environment type."""
    channels: list[str] = Field(default_factory=lambda: ["conda-forge"], examples=[["conda-forge"]])
    """Conda channels, in priority order."""
    dependencies: list[str] = Field(
        default_factory=empty_list, examples=[["numpy>=1.26", "cudatoolkit"]]
    )
    """Conda packages (python and pip are added for you)."""
    file: RelativePath | None = Field(default=None, examples=["conda.yaml"])
    """The environment file, relative to the MLproject (default `conda.yaml`)."""
    content: dict[str, JsonValue] | None = Field(
        default=None, examples=[{"channels": ["conda-forge"], "dependencies": ["python=3.11"]}]
    )
    """The environment file's data, written as it is (instead of being built from `channels`,
    `dependencies` and `project`)."""


class DockerEnv(SpecModel):
    """An existing Docker image to run the entry points in."""

    kind: Literal["docker"] = Field(examples=["docker"])
    """Environment type."""
    image: str = Field(min_length=1, examples=["python:3.11-slim"])
    """The image, pinned by tag (and digest, ideally)."""
    volumes: list[str] = Field(default_factory=empty_list, examples=[["/data:/data"]])
    """Volumes to mount, `host:container`."""
    environment: list[str] = Field(default_factory=empty_list, examples=[["MLFLOW_TRACKING_URI"]])
    """Environment variables copied from the host by name (values are never written here)."""


class LocalEnv(SpecModel):
    """No environment: MLproject names none, for `mlflow run --env-manager=local` (the
    environment the command runs in). MLflow would use a python_env.yaml or conda.yaml in the
    MLproject's folder, so none is written."""

    kind: Literal["local"] = Field(examples=["local"])
    """Environment type."""


Environment = Annotated[PythonEnv | CondaEnv | DockerEnv | LocalEnv, Field(discriminator="kind")]


class MlflowProject(SpecModel):
    """One MLflow Project of the repository: its MLproject file and environment file."""

    name: Text | None = Field(default=None, examples=["download_file"])
    """The project's name in MLproject (default: `project.name`)."""
    environment: Environment | None = None
    """The environment (default: `python_env`); its file is relative to the MLproject."""
    entry_points: dict[Name, EntryPoint] = Field(
        min_length=1,
        examples=[
            {
                "main": {
                    "command": "python download.py --url {url}",
                    "parameters": {"url": "uri"},
                }
            }
        ],
    )
    """Entry points by name."""
