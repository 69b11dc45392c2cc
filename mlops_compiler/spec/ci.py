"""`ci`: the pull-request workflow (.github/workflows/ci.yml)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from mlops_compiler.spec.actions import ActionPin, Commands, EnvName, SecretName
from mlops_compiler.spec.base import SpecModel, empty_dict

Branch = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._/*-]+$", max_length=200)]
Runner = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._-]+$", max_length=100)]


class Renovate(SpecModel):
    """A generated Renovate config whose custom manager bumps the `ci.actions` pins in the spec.

    Renovate's pull request then changes mlops.yaml (and, through its GitHub Actions manager,
    the same pin in the workflows); `mlops compile` writes the pin into every workflow."""

    path: Literal["renovate.json", ".github/renovate.json"] = "renovate.json"
    """Where Renovate reads it: one of the config file names it looks for."""
    extends: list[Annotated[str, StringConstraints(min_length=1, max_length=200)]] = Field(
        default_factory=lambda: ["config:recommended"], examples=[["config:recommended"]]
    )
    """The Renovate presets the config starts from."""


class Ci(SpecModel):
    """Lint, test and reproduce the pipeline on every pull request; comment the metrics diff."""

    branches: list[Branch] = Field(
        default_factory=lambda: ["main"], min_length=1, examples=[["main", "release/*"]]
    )
    """Branches whose pushes and pull requests run the workflow."""
    install: Commands | None = Field(
        default=None, examples=[["pip install -r requirements.txt", "pip install -e ."]]
    )
    """How dependencies are installed; default: pip with `project.requirements`/`dependencies`."""
    lint: Commands | None = Field(default=None, examples=[["ruff check ."]])
    """The project's lint commands."""
    test: Commands | None = Field(default=None, examples=[["pytest -q"]])
    """The project's test commands."""
    check_generated: Annotated[str, StringConstraints(min_length=1, max_length=500)] | None = Field(
        default=None,
        examples=["mlops-compiler @ git+https://github.com/acme/mlops-compiler@v0.1.0"],
    )
    """Where CI installs mlops-compiler from (a pip requirement, pinned); when set, CI fails
    if a generated file is stale or edited by hand (`mlops compile --check`)."""
    reproduce: bool = True
    """Pull the data, run `dvc repro` and comment the metrics and params diff on the PR."""
    runs_on: Runner = "ubuntu-latest"
    """The runner label of every generated job."""
    timeout_minutes: int = Field(default=60, ge=1, le=360)
    """How long a job may run."""
    remote_credentials: dict[EnvName, SecretName] | None = Field(
        default=None, examples=[{"AWS_ACCESS_KEY_ID": "PROD_AWS_KEY_ID"}]
    )
    """The secrets behind the DVC remote's credential variables (defaults by remote kind)."""
    actions: dict[str, ActionPin] = Field(
        default_factory=empty_dict,
        examples=[
            {
                "actions/checkout": {
                    "sha": "d23441a48e516b6c34aea4fa41551a30e30af803",
                    "version": "v6.1.0",
                }
            }
        ],
    )
    """Pins that replace the built-in table's, by action (`actions/checkout`), in every workflow."""
    renovate: Renovate | None = Field(default=None, examples=[{"path": "renovate.json"}])
    """Opt in to a generated Renovate config that keeps `actions` current in this file (the
    pins of the actions listed there)."""
