"""Split the handwritten digits that ship with scikit-learn into data/train.csv and data/test.csv.

Reads `prepare.test_size` and `prepare.seed` from params.yaml. Nothing is downloaded.
"""

from __future__ import annotations

from common import TEST_CSV, TRAIN_CSV, load_params
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split


def main() -> None:
    params = load_params()["prepare"]
    frame = load_digits(as_frame=True).frame
    train, test = train_test_split(
        frame,
        test_size=float(params["test_size"]),
        random_state=int(params["seed"]),
        stratify=frame["target"],
    )
    TRAIN_CSV.parent.mkdir(parents=True, exist_ok=True)
    train.to_csv(TRAIN_CSV, index=False)
    test.to_csv(TEST_CSV, index=False)
    print(f"prepare: {len(train)} train and {len(test)} test rows")


if __name__ == "__main__":
    main()
