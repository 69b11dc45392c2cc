"""Score one model on the test split: ``REPORTS/eval/NAME.json`` and ``REPORTS/confusion/NAME.csv``.

By default the model is ``models/NAME.pkl`` from the train stage; ``--model-uri`` loads one through
MLflow instead (``models:/advanced-classifier/latest``, ``runs:/<id>/model``, ...), which is what
the ``evaluate`` entry point does. The confusion file has one ``actual,predicted`` row per test
sample, the shape DVC's ``confusion`` plot template expects. Inside ``mlflow run`` the metrics
are also logged to the active run.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
from sklearn.metrics import accuracy_score, balanced_accuracy_score, f1_score

from common import DATA_DIR, PARAMS_FILE, configure_mlflow, load_split, read_yaml


def load_model(name: str, model_uri: str | None) -> Any:
    """Unpickle ``models/NAME.pkl``, or load ``model_uri`` through MLflow."""
    if model_uri is None:
        with (Path("models") / f"{name}.pkl").open("rb") as stream:
            return pickle.load(stream)  # written by this project's src/train.py
    import mlflow.sklearn  # only this path needs MLflow

    configure_mlflow()
    return mlflow.sklearn.load_model(model_uri)


def main(argv: Sequence[str] | None = None) -> None:
    """Evaluate the model and write its metrics and confusion data."""
    parser = argparse.ArgumentParser(description="Score one model on the test split.")
    parser.add_argument("--model", required=True, help="model name; names the report files")
    parser.add_argument("--model-uri", help="load this MLflow model instead of models/NAME.pkl")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR)
    parser.add_argument("--reports", type=Path, default=Path("reports"))
    args = parser.parse_args(argv)

    average = str(read_yaml(PARAMS_FILE)["evaluate"]["average"])
    model = load_model(args.model, args.model_uri)
    features, actual = load_split("test", args.data_dir)
    predicted = model.predict(features)
    metrics = {
        "accuracy": float(accuracy_score(actual, predicted)),
        "balanced_accuracy": float(balanced_accuracy_score(actual, predicted)),
        "f1": float(f1_score(actual, predicted, average=average)),
    }

    metrics_file = args.reports / "eval" / f"{args.model}.json"
    confusion_file = args.reports / "confusion" / f"{args.model}.csv"
    for path in (metrics_file, confusion_file):
        path.parent.mkdir(parents=True, exist_ok=True)
    metrics_file.write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    pd.DataFrame({"actual": actual, "predicted": predicted}).to_csv(confusion_file, index=False)

    if "MLFLOW_RUN_ID" in os.environ:
        import mlflow

        with mlflow.start_run():  # the run `mlflow run` started
            mlflow.log_metrics({f"test_{name}": value for name, value in metrics.items()})
            mlflow.log_artifact(str(confusion_file), artifact_path="confusion")
    print(f"evaluate: {args.model}: " + ", ".join(f"{k}={v:.3f}" for k, v in metrics.items()))


if __name__ == "__main__":
    main()
