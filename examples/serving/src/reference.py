"""The drift job's baseline: the training features with the model's predictions.

Writes data/reference.csv (the 64 pixel columns and `prediction`).
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pandas as pd
from common import MODEL_FILE, PREDICTION, TRAIN_CSV, feature_columns

REFERENCE_CSV = Path("data/reference.csv")


def main() -> None:
    frame = pd.read_csv(TRAIN_CSV)
    features = frame[feature_columns(frame.columns)]
    with MODEL_FILE.open("rb") as stream:
        model = pickle.load(stream)  # our own file, written by train.py
    features.assign(**{PREDICTION: model.predict(features)}).to_csv(REFERENCE_CSV, index=False)
    print(f"reference: {len(features)} rows in {REFERENCE_CSV}")


if __name__ == "__main__":
    main()
