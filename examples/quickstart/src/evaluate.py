"""Score ``models/model.pkl`` on ``data/prepared/test.csv``.

Writes ``metrics.json`` (accuracy, precision, recall, F1 averaged as ``evaluate.average`` in
params.yaml says) and ``plots/confusion.csv`` (one ``actual,predicted`` row per test sample, the
shape DVC's ``confusion`` plot template expects). Inside ``mlflow run`` (``MLFLOW_RUN_ID`` is set)
the metrics and both files are also logged to that run.
"""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path
from typing import Any

import pandas as pd
import yaml
from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score

PARAMS_FILE = Path("params.yaml")
TEST_CSV = Path("data/prepared/test.csv")
MODEL_FILE = Path("models/model.pkl")
METRICS_FILE = Path("metrics.json")
CONFUSION_FILE = Path("plots/confusion.csv")


def load_params(section: str) -> dict[str, Any]:
    """Return one top-level section of params.yaml."""
    with PARAMS_FILE.open(encoding="utf-8") as stream:
        return dict(yaml.safe_load(stream)[section])


def log_to_active_mlflow_run(metrics: dict[str, float]) -> None:
    """Add the test metrics and files to the run that `mlflow run` started."""
    import mlflow  # only needed here, keeps `dvc repro` of this stage light

    with mlflow.start_run():  # resumes MLFLOW_RUN_ID
        mlflow.log_metrics({f"test_{name}": value for name, value in metrics.items()})
        mlflow.log_artifact(str(METRICS_FILE))
        mlflow.log_artifact(str(CONFUSION_FILE), artifact_path="plots")


def main() -> None:
    """Evaluate the model and write the metrics and the confusion plot data."""
    average = str(load_params("evaluate")["average"])
    data = pd.read_csv(TEST_CSV)
    features, actual = data.drop(columns="target"), data["target"]
    with MODEL_FILE.open("rb") as stream:
        model = pickle.load(stream)  # written by src/train.py of this project
    predicted = model.predict(features)

    metrics = {
        "accuracy": float(accuracy_score(actual, predicted)),
        "precision": float(precision_score(actual, predicted, average=average)),
        "recall": float(recall_score(actual, predicted, average=average)),
        "f1": float(f1_score(actual, predicted, average=average)),
    }
    METRICS_FILE.write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    CONFUSION_FILE.parent.mkdir(parents=True, exist_ok=True)
    pd.DataFrame({"actual": actual, "predicted": predicted}).to_csv(CONFUSION_FILE, index=False)

    if "MLFLOW_RUN_ID" in os.environ:
        log_to_active_mlflow_run(metrics)
    print("evaluate: " + ", ".join(f"{name}={value:.3f}" for name, value in metrics.items()))


if __name__ == "__main__":
    main()
