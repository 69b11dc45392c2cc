"""Fit a random forest on ``data/prepared/train.csv``, pickle it and log the run to MLflow.

Hyperparameters come from the ``train`` section of params.yaml; ``--n-estimators`` and
``--max-depth`` override them (the MLflow entry point passes both). Tracking settings come from
the ``mlflow`` section (``tracking_uri``, ``experiment_name``, ``registered_model_name``); an
``MLFLOW_TRACKING_URI`` environment variable wins, as in MLflow itself. Inside ``mlflow run``
(``MLFLOW_RUN_ID`` is set) the run that MLflow started is reused instead of a new one.
"""

from __future__ import annotations

import argparse
import os
import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import mlflow
import mlflow.sklearn
import pandas as pd
import yaml
from mlflow.models import infer_signature
from sklearn.ensemble import RandomForestClassifier

PARAMS_FILE = Path("params.yaml")
TRAIN_CSV = Path("data/prepared/train.csv")
MODEL_FILE = Path("models/model.pkl")


def load_params() -> dict[str, Any]:
    """Return the whole of params.yaml."""
    with PARAMS_FILE.open(encoding="utf-8") as stream:
        return dict(yaml.safe_load(stream))


def configure_tracking(settings: dict[str, Any]) -> str | None:
    """Point MLflow at the tracking store; return the model name to register, if any."""
    uri = os.environ.get("MLFLOW_TRACKING_URI") or settings.get(
        "tracking_uri", "sqlite:///mlflow.db"
    )
    mlflow.set_tracking_uri(uri)
    if "MLFLOW_RUN_ID" not in os.environ:  # `mlflow run` already chose the experiment
        mlflow.set_experiment(settings.get("experiment_name", "Default"))
    # The plain file store has no model registry; databases and tracking servers do.
    has_registry = urlparse(uri).scheme not in ("", "file")
    return settings.get("registered_model_name") if has_registry else None


def log_model_options() -> dict[str, Any]:
    """Keyword arguments of ``mlflow.sklearn.log_model`` that differ between MLflow versions."""
    major = int(mlflow.__version__.split(".")[0])
    # MLflow 3 names a logged model with `name`; MLflow 2 only knows `artifact_path`.
    options: dict[str, Any] = {"name": "model"} if major >= 3 else {"artifact_path": "model"}
    # Newer MLflow saves with skops, which reloads a forest only when its tree type is trusted.
    skops = hasattr(mlflow.sklearn, "SERIALIZATION_FORMAT_SKOPS")
    if skops:
        options["skops_trusted_types"] = ["sklearn.tree._tree.Tree"]
    # Listing the flavour's requirements skips MLflow's slow (about 5 s) inference of them.
    extra = {"include_skops": True} if skops else {"include_cloudpickle": True}
    options["pip_requirements"] = mlflow.sklearn.get_default_pip_requirements(**extra)
    return options


def main(argv: Sequence[str] | None = None) -> None:
    """Train, save and log the model."""
    params = load_params()
    defaults = params["train"]
    parser = argparse.ArgumentParser(description="Train the digits classifier.")
    parser.add_argument("--n-estimators", type=int, default=int(defaults["n_estimators"]))
    parser.add_argument("--max-depth", type=int, default=int(defaults["max_depth"]))
    args = parser.parse_args(argv)

    data = pd.read_csv(TRAIN_CSV)
    features, target = data.drop(columns="target"), data["target"]
    hyperparameters = {
        "n_estimators": args.n_estimators,
        "max_depth": args.max_depth,
        "random_state": int(defaults["seed"]),
    }
    model = RandomForestClassifier(**hyperparameters)
    model.fit(features, target)
    MODEL_FILE.parent.mkdir(parents=True, exist_ok=True)
    with MODEL_FILE.open("wb") as stream:
        pickle.dump(model, stream)

    registered_name = configure_tracking(params.get("mlflow", {}))
    # start_run() resumes the run named by MLFLOW_RUN_ID when `mlflow run` set it.
    with mlflow.start_run() as run:
        mlflow.log_params(hyperparameters)
        mlflow.log_metric("train_accuracy", float(model.score(features, target)))
        mlflow.sklearn.log_model(
            model,
            signature=infer_signature(features, model.predict(features)),
            registered_model_name=registered_name,
            **log_model_options(),
        )
    print(f"train: saved {MODEL_FILE}, MLflow run {run.info.run_id}")


if __name__ == "__main__":
    main()
