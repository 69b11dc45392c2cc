"""Split a data set that ships with scikit-learn into ``data/prepared/{train,test}.csv``.

Defaults come from the ``prepare`` section of params.yaml; the MLflow entry points override them
with ``--dataset``, ``--test-size`` and ``--seed``. Nothing is downloaded.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import Any

from sklearn.datasets import load_breast_cancer, load_digits, load_iris, load_wine
from sklearn.model_selection import train_test_split

from common import DATA_DIR, PARAMS_FILE, TARGET, read_yaml

DATASETS: dict[str, Callable[..., Any]] = {
    "breast_cancer": load_breast_cancer,
    "digits": load_digits,
    "iris": load_iris,
    "wine": load_wine,
}


def main(argv: Sequence[str] | None = None) -> None:
    """Load the data set, split it stratified and write both halves."""
    defaults = read_yaml(PARAMS_FILE)["prepare"]
    parser = argparse.ArgumentParser(description="Split a bundled data set.")
    parser.add_argument("--dataset", choices=sorted(DATASETS), default=defaults["dataset"])
    parser.add_argument("--test-size", type=float, default=float(defaults["test_size"]))
    parser.add_argument("--seed", type=int, default=int(defaults["seed"]))
    args = parser.parse_args(argv)

    frame = DATASETS[args.dataset](as_frame=True).frame
    train, test = train_test_split(
        frame, test_size=args.test_size, random_state=args.seed, stratify=frame[TARGET]
    )
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    train.to_csv(DATA_DIR / "train.csv", index=False)
    test.to_csv(DATA_DIR / "test.csv", index=False)
    print(f"prepare: {args.dataset}, {len(train)} train and {len(test)} test rows in {DATA_DIR}/")


if __name__ == "__main__":
    main()
