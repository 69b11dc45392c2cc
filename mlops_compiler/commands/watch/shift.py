"""Shift the numeric feature columns of a CSV in place: the drifted data of a rehearsal.

    python shift.py CURRENT [PREDICTION]

Every column but PREDICTION whose values are all numbers moves by three of its standard
deviations (one unit for a constant column), so a drift job comparing it with the reference
must report drift. Standard library only: it runs in the rehearsal's workspace, whatever the
project installs. `mlops rehearse --watch` runs it before monitor.yml's "Measure drift" step.
"""

from __future__ import annotations

import csv
import statistics
import sys
from pathlib import Path

SHIFT = 3.0
"""Standard deviations a column moves."""


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def shift(path: Path, prediction: str | None) -> list[str]:
    """Shift ``path``'s numeric columns; the names of those it shifted."""
    with path.open(newline="", encoding="utf-8") as stream:
        reader = csv.DictReader(stream)
        columns = list(reader.fieldnames or ())
        rows = list(reader)
    moved = []
    for column in columns:
        if column == prediction:
            continue
        values = [_number(row[column]) for row in rows]
        numbers = [v for v in values if v is not None]
        if not rows or len(numbers) != len(rows):
            continue
        spread = statistics.pstdev(numbers) or 1.0
        for row, value in zip(rows, numbers, strict=True):
            row[column] = repr(value + SHIFT * spread)
        moved.append(column)
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return moved


def main(argv: list[str]) -> int:
    if not 1 <= len(argv) <= 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    moved = shift(Path(argv[0]), argv[1] if len(argv) > 1 else None)
    print(f"shifted {len(moved)} columns of {argv[0]} by {SHIFT:g} standard deviations")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
