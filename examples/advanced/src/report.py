"""Collect the evaluate and crossval results into a leaderboard.

Reads ``REPORTS/eval/*.json`` (one per model) and ``REPORTS/cv/*.json`` (one per model and seed)
and writes ``REPORTS/leaderboard.csv`` (one row per model, best test accuracy first: the data of
a bar plot) and ``REPORTS/summary.json`` (the best model and its scores, DVC metrics).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

import pandas as pd


def read_json_dir(folder: Path) -> pd.DataFrame:
    """One row per JSON file of ``folder``, with the file's stem in a ``file`` column."""
    rows = [
        {"file": path.stem, **json.loads(path.read_text(encoding="utf-8"))}
        for path in sorted(folder.glob("*.json"))
    ]
    if not rows:
        raise SystemExit(f"report: no results in {folder}/; run the earlier stages first")
    return pd.DataFrame(rows)


def main(argv: Sequence[str] | None = None) -> None:
    """Join test scores with mean cross-validation scores and rank the models."""
    parser = argparse.ArgumentParser(description="Rank the models.")
    parser.add_argument("--reports", type=Path, default=Path("reports"))
    args = parser.parse_args(argv)

    evals = read_json_dir(args.reports / "eval").rename(columns={"file": "model"})
    evals = evals.rename(columns={c: f"test_{c}" for c in evals.columns if c != "model"})
    cv = read_json_dir(args.reports / "cv").groupby("model")["mean"]
    board = evals.join(cv.mean().rename("cv_mean"), on="model")
    board = board.join(cv.std(ddof=0).rename("cv_seed_std"), on="model")
    board = board.sort_values(["test_accuracy", "cv_mean"], ascending=False)
    board.to_csv(args.reports / "leaderboard.csv", index=False, float_format="%.4f")

    best = board.iloc[0]
    summary = {
        "best_model": str(best["model"]),
        "best_test_accuracy": float(best["test_accuracy"]),
        "best_cv_mean": float(best["cv_mean"]),
        "models": len(board),
    }
    (args.reports / "summary.json").write_text(json.dumps(summary, indent=2) + "\n", "utf-8")
    print(board.to_string(index=False))


if __name__ == "__main__":
    main()
