"""Helpers shared by the stage scripts: parameter files, data splits, estimators and MLflow.

Every script runs from the project root (as DVC and ``mlflow run`` both do), so the paths here are
relative to it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pandas as pd
import yaml
from sklearn.base import ClassifierMixin
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler

PARAMS_FILE = Path("params.yaml")
MODELS_FILE = Path("config/models.yaml")
TRAIN_CONFIG = Path("config/train.yaml")
DATA_DIR = Path("data/prepared")
TARGET = "target"

# estimator name in config/models.yaml -> (class, types skops must trust to reload it)
ESTIMATORS: dict[str, tuple[type[ClassifierMixin], list[str]]] = {
    "logistic_regression": (LogisticRegression, []),
    "random_forest": (RandomForestClassifier, ["sklearn.tree._tree.Tree"]),
    "hist_gradient_boosting": (
        HistGradientBoostingClassifier,
        ["sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor"],
    ),
}


def read_yaml(path: Path) -> dict[str, Any]:
    """Parse one YAML mapping."""
    with path.open(encoding="utf-8") as stream:
        return dict(yaml.safe_load(stream))


def model_spec(name: str) -> dict[str, Any]:
    """Return ``{estimator, hyperparameters}`` of one model of config/models.yaml."""
    models = read_yaml(MODELS_FILE)["models"]
    if name not in models:
        raise SystemExit(f"unknown model {name!r}; config/models.yaml has {sorted(models)}")
    return dict(models[name])


def build_model(spec: dict[str, Any], *, scale: bool, seed: int) -> Pipeline:
    """Build the (optionally standardised) estimator that ``spec`` describes."""
    estimator_class, _ = ESTIMATORS[spec["estimator"]]
    estimator = estimator_class(random_state=seed, **spec.get("hyperparameters", {}))
    return make_pipeline(StandardScaler(), estimator) if scale else make_pipeline(estimator)


def load_split(split: str, data_dir: Path = DATA_DIR) -> tuple[pd.DataFrame, pd.Series]:
    """Read ``train`` or ``test`` from the prepared data as (features, target)."""
    frame = pd.read_csv(data_dir / f"{split}.csv")
    return frame.drop(columns=TARGET), frame[TARGET]


def configure_mlflow() -> str | None:
    """Point MLflow at the store of params.yaml's ``mlflow`` block; return the name to register.

    ``MLFLOW_TRACKING_URI`` wins over the file. Inside ``mlflow run`` (``MLFLOW_RUN_ID`` set) the
    experiment is left alone, because the run MLflow started already belongs to one. Returns
    ``None`` when the store has no model registry (the plain file store).
    """
    import mlflow  # imported lazily: only the stages that log need it

    settings = read_yaml(PARAMS_FILE).get("mlflow", {})
    uri = os.environ.get("MLFLOW_TRACKING_URI") or settings.get(
        "tracking_uri", "sqlite:///mlflow.db"
    )
    mlflow.set_tracking_uri(uri)
    if "MLFLOW_RUN_ID" not in os.environ:
        mlflow.set_experiment(settings.get("experiment_name", "Default"))
    has_registry = urlparse(uri).scheme not in ("", "file")
    return settings.get("registered_model_name") if has_registry else None
