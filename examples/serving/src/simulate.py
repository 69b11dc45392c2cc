"""Stand-in for the serving app's prediction log: recent inputs and what the model predicted.

Takes the test split, brightens every pixel by `simulate.shift` (0 leaves the data as it is;
0.5 and more is drift the monitor notices) and writes data/current.csv in the layout of
data/reference.csv. In production, `monitoring.drift.fetch` exports the real log instead.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pandas as pd
from common import MODEL_FILE, PREDICTION, TEST_CSV, feature_columns, load_params

CURRENT_CSV = Path("data/current.csv")
MAX_PIXEL = 16.0


def main() -> None:
    shift = float(load_params()["simulate"]["shift"])
    frame = pd.read_csv(TEST_CSV)
    columns = feature_columns(frame.columns)
    features = frame[columns].astype(float)
    features = features.where(features == 0, np.clip(features * (1 + shift), 0, MAX_PIXEL))
    with MODEL_FILE.open("rb") as stream:
        model = pickle.load(stream)  # our own file, written by train.py
    current = features.assign(**{PREDICTION: model.predict(features)})
    CURRENT_CSV.parent.mkdir(parents=True, exist_ok=True)
    current.to_csv(CURRENT_CSV, index=False)
    print(f"simulate: {len(current)} rows (shift {shift}) in {CURRENT_CSV}")


if __name__ == "__main__":
    main()
