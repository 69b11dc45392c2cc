"""Helpers shared by the tests: build inputs inline, run the CLI like a user."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from mlops_compiler.cli.main import main

MINIMAL_SPEC = """\
version: 1
project:
  name: demo
params:
  train: {lr: 0.1}
pipeline:
  stages:
    train:
      cmd: python train.py
      deps: [train.py]
      params: [train.lr]
      outs: [model.pkl]
"""


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Create ``files`` under ``root`` (text is dedented) and return ``root``."""
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


@dataclass(frozen=True)
class Run:
    """What one CLI invocation did."""

    exit_code: int
    stdout: str
    stderr: str


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> Run:
    """Call ``mlops`` in-process and collect its output."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def snapshot_tree(root: Path) -> dict[str, str]:
    """Every file under ``root`` as text, keyed by POSIX path, for whole-tree snapshots."""
    return {
        path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def without_root(view: Any, root: Path) -> Any:
    """A tool's view of a tree with the tree's own path taken out of messages, so the views of
    two copies (an imported repository and its recompiled twin) compare equal."""
    if isinstance(view, dict):
        return {key: without_root(value, root) for key, value in view.items()}
    if isinstance(view, list):
        return [without_root(item, root) for item in view]
    if not isinstance(view, str):
        return view
    return view.replace(str(root), "<root>").replace(f"{root.parent.name}/{root.name}", "<root>")
