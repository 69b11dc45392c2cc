"""`tracking`: where MLflow records runs and registers models."""

from __future__ import annotations

from pydantic import Field

from mlops_compiler.spec.base import Name, SpecModel

DEFAULT_TRACKING_URI = "sqlite:///mlflow.db"


class Tracking(SpecModel):
    """MLflow tracking, written to params.yaml under `mlflow:` for the project's scripts."""

    uri: str = Field(default=DEFAULT_TRACKING_URI, min_length=1, examples=[DEFAULT_TRACKING_URI])
    """The tracking URI. `MLFLOW_TRACKING_URI` in the environment wins at run time."""
    experiment: str | None = Field(default=None, min_length=1, examples=["churn"])
    """The experiment name; defaults to the project name."""
    registered_model: Name | None = Field(default=None, examples=["churn-classifier"])
    """The name under which trained models are registered in the MLflow model registry."""
