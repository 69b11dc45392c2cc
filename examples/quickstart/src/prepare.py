"""Split the handwritten digits that ship with scikit-learn into train and test CSV files.

Reads ``prepare.test_size`` and ``prepare.seed`` from params.yaml; ``--test-size`` overrides the
first (the MLflow entry point passes it). Writes ``data/prepared/train.csv`` and ``test.csv``,
each with the 64 pixel columns (8x8 images) and a ``target`` column. Nothing is downloaded.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

PARAMS_FILE = Path("params.yaml")
OUT_DIR = Path("data/prepared")


def load_params(section: str) -> dict[str, Any]:
    """Return one top-level section of params.yaml."""
    with PARAMS_FILE.open(encoding="utf-8") as stream:
        return dict(yaml.safe_load(stream)[section])


def main(argv: Sequence[str] | None = None) -> None:
    """Split the data set and write both halves as CSV."""
    params = load_params("prepare")
    parser = argparse.ArgumentParser(description="Split the digits data set.")
    parser.add_argument("--test-size", type=float, default=float(params["test_size"]))
    args = parser.parse_args(argv)

    frame = load_digits(as_frame=True).frame  # 8x8 pixel intensities plus "target"
    train, test = train_test_split(
        frame,
        test_size=args.test_size,
        random_state=int(params["seed"]),
        stratify=frame["target"],
    )
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    train.to_csv(OUT_DIR / "train.csv", index=False)
    test.to_csv(OUT_DIR / "test.csv", index=False)
    print(f"prepare: {len(train)} train and {len(test)} test rows in {OUT_DIR}/")


if __name__ == "__main__":
    main()
