"""Names that collide once they become file, job or resource names."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import run_cli, write_tree

SPEC = """\
version: 1
project:
  name: {project}
entry_points:
  {first}: {{command: python a.py}}
  {second}: {{command: python b.py}}
"""


@pytest.mark.parametrize(
    ("project", "first", "second", "errors"),
    [
        (
            "demo",
            "train",
            "Train",
            [
                "entry_points.Train: entry point `Train` differs from entry"
                " point `train` only in letter case"
            ],
        ),
        (
            "demo",
            "TRAIN",
            "train",
            [
                "entry_points.train: entry point `train` differs from entry"
                " point `TRAIN` only in letter case"
            ],
        ),
        (
            "demo",
            "lpt1",
            "com9",
            [
                "entry_points.lpt1: entry point `lpt1` is a device name that Windows reserves",
                "entry_points.com9: entry point `com9` is a device name that Windows reserves",
            ],
        ),
        (
            "aux",
            "train",
            "serve",
            ["project.name: project name `aux` is a device name that Windows reserves"],
        ),
        ("demo", "con-train", "nul_serve", []),
        ("demo", "com10", "lpt", []),
    ],
)
def test_case_collisions_and_device_names(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    project: str,
    first: str,
    second: str,
    errors: list[str],
) -> None:
    spec = SPEC.format(project=project, first=first, second=second)
    write_tree(tmp_path, {"mlops.yaml": spec})
    result = run_cli(capsys, "validate", "-f", str(tmp_path / "mlops.yaml"))
    told = [
        line.split(": error: ", 1)[1] for line in result.stderr.splitlines() if ": error: " in line
    ]
    assert told == errors
    assert result.exit_code == (2 if errors else 0)
