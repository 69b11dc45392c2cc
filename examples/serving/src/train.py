"""Fit a random forest on data/train.csv, pickle it to models/model.pkl, log the run to MLflow.

Hyperparameters come from `train` in params.yaml (`--n-estimators` overrides, as the MLflow
entry point does); tracking from its `mlflow` section, `MLFLOW_TRACKING_URI` winning.
"""

from __future__ import annotations

import argparse
import os
import pickle

import mlflow
import pandas as pd
from common import MODEL_FILE, TARGET, TRAIN_CSV, feature_columns, load_params
from sklearn.ensemble import RandomForestClassifier


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

    tracking = params.get("mlflow", {})
    mlflow.set_tracking_uri(os.environ.get("MLFLOW_TRACKING_URI") or tracking["tracking_uri"])
    if "MLFLOW_RUN_ID" not in os.environ:
        mlflow.set_experiment(tracking["experiment_name"])
    with mlflow.start_run():
        mlflow.log_params({"n_estimators": args.n_estimators, "max_depth": defaults["max_depth"]})
        mlflow.log_metric("train_accuracy", float(model.score(features, frame[TARGET])))
    print(f"train: {MODEL_FILE} written")


if __name__ == "__main__":
    main()
