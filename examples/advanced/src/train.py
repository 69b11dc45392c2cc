"""Fit one model of config/models.yaml on the training split, pickle it and log it to MLflow.

``--model NAME`` picks the model; settings shared by every model (seed, scaling) come from
``--config`` (default config/train.yaml). The model goes to ``models/NAME.pkl`` and to MLflow,
registered under params.yaml's ``mlflow.registered_model_name`` when the store has a registry.
Inside ``mlflow run`` the run MLflow started is reused.
"""

from __future__ import annotations

import argparse
import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import mlflow
import mlflow.sklearn
from mlflow.models import infer_signature

from common import (
    ESTIMATORS,
    TRAIN_CONFIG,
    build_model,
    configure_mlflow,
    load_split,
    model_spec,
    read_yaml,
)


def log_model_options(estimator: str) -> dict[str, Any]:
    """Keyword arguments of ``mlflow.sklearn.log_model`` that differ between MLflow versions."""
    # MLflow 3 names a logged model with `name`; MLflow 2 only knows `artifact_path`.
    major = int(mlflow.__version__.split(".")[0])
    options: dict[str, Any] = {"name": "model"} if major >= 3 else {"artifact_path": "model"}
    # Newer MLflow saves with skops, which reloads tree models only when their types are trusted.
    skops = hasattr(mlflow.sklearn, "SERIALIZATION_FORMAT_SKOPS")
    if skops:
        options["skops_trusted_types"] = ESTIMATORS[estimator][1]
    # Listing the flavour's requirements skips MLflow's slow (about 5 s) inference of them.
    extra = {"include_skops": True} if skops else {"include_cloudpickle": True}
    options["pip_requirements"] = mlflow.sklearn.get_default_pip_requirements(**extra)
    return options


def main(argv: Sequence[str] | None = None) -> None:
    """Train, save and log one model."""
    parser = argparse.ArgumentParser(description="Train one model of config/models.yaml.")
    parser.add_argument("--model", required=True, help="a key of config/models.yaml")
    parser.add_argument("--config", type=Path, default=TRAIN_CONFIG)
    args = parser.parse_args(argv)

    spec = model_spec(args.model)
    section = read_yaml(args.config)["train"]
    seed, scale = int(section["seed"]), bool(section["scale"])
    model = build_model(spec, scale=scale, seed=seed)
    features, target = load_split("train")
    model.fit(features, target)
    out = Path("models") / f"{args.model}.pkl"
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as stream:
        pickle.dump(model, stream)

    registered_name = configure_mlflow()
    with mlflow.start_run(run_name=args.model) as run:  # resumes MLFLOW_RUN_ID when set
        mlflow.set_tag("model", args.model)
        # Prefixed: `mlflow run` has already logged its own `seed` (the split's) to this run.
        mlflow.log_params(
            {"estimator": spec["estimator"], "train.seed": seed, "train.scale": scale}
        )
        mlflow.log_params(spec.get("hyperparameters", {}))
        mlflow.log_metric("train_accuracy", float(model.score(features, target)))
        mlflow.sklearn.log_model(
            model,
            signature=infer_signature(features, model.predict(features)),
            registered_model_name=registered_name,
            **log_model_options(spec["estimator"]),
        )
    print(f"train: saved {out}, MLflow run {run.info.run_id}")


if __name__ == "__main__":
    main()
