"""Fit a random forest on data/train.csv, pickle it to models/model.pkl, score it on
data/test.csv (metrics.json: what the registry gate reads), log the run to MLflow and register the
model under params.yaml's `mlflow.registered_model_name` (what cd's and the retraining workflow's
gate promote; a pipeline that registers nothing leaves the gate nothing to promote).

Hyperparameters come from `train` in params.yaml (`--n-estimators` overrides, as the MLflow
entry point does); tracking from its `mlflow` section, `MLFLOW_TRACKING_URI` winning.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import mlflow
import mlflow.sklearn
import pandas as pd
from common import MODEL_FILE, TARGET, TEST_CSV, TRAIN_CSV, feature_columns, load_params
from sklearn.ensemble import RandomForestClassifier

METRICS_FILE = Path("metrics.json")


def log_model_options() -> dict[str, Any]:
    """Keyword arguments of ``mlflow.sklearn.log_model`` that differ between MLflow versions."""
    major = int(mlflow.__version__.split(".")[0])
    options: dict[str, Any] = {"name": "model"} if major >= 3 else {"artifact_path": "model"}
    skops = hasattr(mlflow.sklearn, "SERIALIZATION_FORMAT_SKOPS")
    if skops:
        options["skops_trusted_types"] = ["sklearn.tree._tree.Tree"]
    extra = {"include_skops": True} if skops else {"include_cloudpickle": True}
    options["pip_requirements"] = mlflow.sklearn.get_default_pip_requirements(**extra)
    return options


def main() -> None:
    params = load_params()
    defaults = params["train"]
    parser = argparse.ArgumentParser(description="Train the digits classifier.")
    parser.add_argument("--n-estimators", type=int, default=int(defaults["n_estimators"]))
    args = parser.parse_args()

    frame = pd.read_csv(TRAIN_CSV)
    features = frame[feature_columns(frame.columns)]
    model = RandomForestClassifier(
        n_estimators=args.n_estimators,
        max_depth=int(defaults["max_depth"]),
        random_state=int(defaults["seed"]),
        n_jobs=1,
    )
    model.fit(features, frame[TARGET])
    MODEL_FILE.parent.mkdir(parents=True, exist_ok=True)
    with MODEL_FILE.open("wb") as stream:
        pickle.dump(model, stream)
    test = pd.read_csv(TEST_CSV)
    accuracy = float(model.score(test[feature_columns(test.columns)], test[TARGET]))
    METRICS_FILE.write_text(json.dumps({"accuracy": accuracy}, indent=2) + "\n", encoding="utf-8")

    tracking = params.get("mlflow", {})
    uri = os.environ.get("MLFLOW_TRACKING_URI") or tracking["tracking_uri"]
    mlflow.set_tracking_uri(uri)
    if "MLFLOW_RUN_ID" not in os.environ:
        mlflow.set_experiment(tracking["experiment_name"])
    has_registry = urlparse(uri).scheme not in ("", "file")
    with mlflow.start_run():
        mlflow.log_params({"n_estimators": args.n_estimators, "max_depth": defaults["max_depth"]})
        mlflow.log_metric("train_accuracy", float(model.score(features, frame[TARGET])))
        mlflow.log_metric("accuracy", accuracy)  # the gate scores each version by its own run
        mlflow.sklearn.log_model(
            model,
            registered_model_name=tracking.get("registered_model_name") if has_registry else None,
            **log_model_options(),
        )
    print(f"train: {MODEL_FILE} written, test accuracy {accuracy:.3f}")


if __name__ == "__main__":
    main()
