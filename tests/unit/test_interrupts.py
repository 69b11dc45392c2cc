"""Signals: an interrupt (SIGINT, or SIGTERM from a cancelled CI job) leaves every file as it
was, including the one whose rename had just happened; temporary files a kill left behind are
removed by the next compile.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mlops_compiler.render.engine import OutputFile, OutputTree
from mlops_compiler.write.writer import apply_plan, plan_writes


def tree(files: dict[str, str]) -> OutputTree:
    return OutputTree({path: OutputFile(path, text, "test", "t") for path, text in files.items()})


@pytest.mark.parametrize("last", ["b.yaml", ".mlops/manifest.json"])
def test_an_interrupt_right_after_a_rename_rolls_that_file_back_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, last: str
) -> None:
    apply_plan(plan_writes(tree({"a.yaml": "old a\n", "b.yaml": "old b\n"}), tmp_path))
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    plan = plan_writes(tree({"a.yaml": "new a\n", "b.yaml": "new b\n"}), tmp_path)
    real_replace = os.replace

    def replace_then_interrupt(source: str, target: str) -> None:
        real_replace(source, target)  # the file is new on disk when the signal lands
        if str(target).endswith(last):
            raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", replace_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        apply_plan(plan)
    monkeypatch.undo()

    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before
    again = plan_writes(tree({"a.yaml": "old a\n", "b.yaml": "old b\n"}), tmp_path)
    assert not again.conflicts  # the next compile sees no "edited by hand"


def test_temporary_files_a_kill_left_are_removed_by_the_next_compile(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    stale = [tmp_path / ".a.yaml.k3j9x_q2.tmp", tmp_path / "sub/.b.yaml.0a1b2c3d.tmp"]
    for path in stale:
        path.write_bytes(b"half of a file")
    unrelated = [tmp_path / ".notes.tmp", tmp_path / ".other.yaml.k3j9x_q2.tmp"]
    for path in unrelated:
        path.write_bytes(b"not ours")

    apply_plan(plan_writes(tree({"a.yaml": "a\n", "sub/b.yaml": "b\n"}), tmp_path))

    assert [path for path in stale if path.exists()] == []
    assert all(path.read_bytes() == b"not ours" for path in unrelated)
