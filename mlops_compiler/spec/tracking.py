"""`tracking`: where MLflow records runs and registers models."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from mlops_compiler.spec.actions import SecretName
from mlops_compiler.spec.base import Name, RelativePath, SpecModel

DEFAULT_TRACKING_URI = "sqlite:///mlflow.db"


class Gate(SpecModel):
    """The quality gate a new model version must pass before it is promoted."""

    metrics_file: RelativePath = Field(examples=["metrics.json"])
    """The metrics file (JSON or YAML) a pipeline stage writes."""
    metric: str = Field(min_length=1, examples=["accuracy"])
    """The metric's key in that file (`a.b` for nested keys)."""
    threshold: float = Field(examples=[0.9])
    """The value the metric must reach."""
    direction: Literal["higher", "lower"] = "higher"
    """Whether higher or lower values are better."""
    beat_champion: bool = False
    """Also require the metric to be at least as good as the current champion's."""


class Registry(SpecModel):
    """How the workflows register and promote model versions."""

    alias: Name = "champion"
    """The alias the gate moves to a version that passes (what serving loads)."""
    candidate_alias: Name = "challenger"
    """The alias retraining sets on a version that passes, before its pull request is merged."""
    gate: Gate | None = None
    """The quality gate; without one every version the run trained is promoted."""
    fail_on_gate: bool = True
    """A failed gate fails cd.yml's run (false: the run passes, nothing new is promoted and
    the current champion is deployed)."""


class TrackingServer(SpecModel):
    """How the workflows reach the tracking server: secret names only, never values."""

    uri_secret: SecretName | None = Field(default=None, examples=["MLFLOW_TRACKING_URI"])
    """A secret holding the tracking URI; else `uri` (when remote) or the platform's server."""
    username_secret: SecretName | None = "MLFLOW_TRACKING_USERNAME"
    """The secret holding the tracking server's user name."""
    password_secret: SecretName | None = "MLFLOW_TRACKING_PASSWORD"
    """The secret holding the tracking server's password or token."""


class Tracking(SpecModel):
    """MLflow tracking, written to params.yaml under `mlflow:` for the project's scripts."""

    uri: str = Field(default=DEFAULT_TRACKING_URI, min_length=1, examples=[DEFAULT_TRACKING_URI])
    """The tracking URI. `MLFLOW_TRACKING_URI` in the environment wins at run time."""
    experiment: str | None = Field(default=None, min_length=1, examples=["churn"])
    """The experiment name; defaults to the project name."""
    registered_model: Name | None = Field(default=None, examples=["churn-classifier"])
    """The name under which trained models are registered in the MLflow model registry."""
    registry: Registry | None = Field(
        default=None,
        examples=[
            {
                "alias": "champion",
                "gate": {"metrics_file": "metrics.json", "metric": "accuracy", "threshold": 0.9},
            }
        ],
    )
    """Promotion in the model registry (aliases and the quality gate) for the workflows."""
    server: TrackingServer | None = None
    """How the CI/CD workflows reach the tracking server."""
