"""What the scripts share: params.yaml, the data files and the feature columns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

PARAMS_FILE = Path("params.yaml")
TRAIN_CSV = Path("data/train.csv")
TEST_CSV = Path("data/test.csv")
MODEL_FILE = Path("models/model.pkl")
TARGET = "target"
PREDICTION = "prediction"


def load_params() -> dict[str, Any]:
    """The whole of params.yaml."""
    with PARAMS_FILE.open(encoding="utf-8") as stream:
        return dict(yaml.safe_load(stream))


def feature_columns(columns: Any) -> list[str]:
    """The 64 pixel columns, in file order."""
    return [str(c) for c in columns if c not in (TARGET, PREDICTION)]
