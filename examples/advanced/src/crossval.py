"""Cross-validate one model of config/models.yaml on the training split with one shuffle seed.

The ``crossval`` matrix stage runs this once per (model, seed); the number of folds and the score
come from the ``cv`` section of config/train.yaml. Writes ``--out`` as JSON: the mean, the standard
deviation and every fold's score.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

from sklearn.model_selection import StratifiedKFold, cross_val_score

from common import TRAIN_CONFIG, build_model, load_split, model_spec, read_yaml


def main(argv: Sequence[str] | None = None) -> None:
    """Run k-fold cross-validation and write the scores."""
    parser = argparse.ArgumentParser(description="Cross-validate one model.")
    parser.add_argument("--model", required=True, help="a key of config/models.yaml")
    parser.add_argument(
        "--seed", type=int, required=True, help="seeds the fold shuffle and the estimator"
    )
    parser.add_argument("--out", type=Path, required=True, help="JSON file to write")
    parser.add_argument("--config", type=Path, default=TRAIN_CONFIG)
    args = parser.parse_args(argv)

    config = read_yaml(args.config)
    folds, scoring = int(config["cv"]["folds"]), str(config["cv"]["scoring"])
    model = build_model(
        model_spec(args.model), scale=bool(config["train"]["scale"]), seed=args.seed
    )
    features, target = load_split("train")
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=args.seed)
    scores = cross_val_score(model, features, target, cv=splitter, scoring=scoring)

    result = {
        "model": args.model,
        "seed": args.seed,
        "scoring": scoring,
        "mean": float(scores.mean()),
        "std": float(scores.std()),
        "folds": [float(score) for score in scores],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    summary = f"{scoring} {result['mean']:.3f} ± {result['std']:.3f}"
    print(f"crossval: {args.model} seed {args.seed}: {summary}")


if __name__ == "__main__":
    main()
