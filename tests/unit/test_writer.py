"""Writing: all or nothing, atomic per file, never outside the project, no needless writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mlops_compiler.errors import RefusedError, WriteError
from mlops_compiler.render.engine import OutputFile, OutputTree
from mlops_compiler.write.writer import Change, apply_plan, plan_writes, safe_target


def tree(files: dict[str, str]) -> OutputTree:
    return OutputTree({p: OutputFile(p, text, "test", "test.jinja") for p, text in files.items()})


def test_plan_tells_create_update_and_unchanged(tmp_path: Path) -> None:
    apply_plan(plan_writes(tree({"same.yaml": "a\n", "old.yaml": "old\n"}), tmp_path))
    plan = plan_writes(tree({"same.yaml": "a\n", "old.yaml": "new\n", "new.yaml": "n\n"}), tmp_path)
    assert [(f.path, f.change) for f in plan.files][:3] == [
        ("new.yaml", Change.CREATE),
        ("old.yaml", Change.UPDATE),
        ("same.yaml", Change.UNCHANGED),
    ]


def test_unchanged_files_are_not_touched(tmp_path: Path) -> None:
    target = tmp_path / "same.yaml"
    target.write_text("a\n")
    os.utime(target, (1_000_000, 1_000_000))
    apply_plan(plan_writes(tree({"same.yaml": "a\n"}), tmp_path))
    assert target.stat().st_mtime == 1_000_000


def test_writes_create_folders_and_leave_no_temp_files(tmp_path: Path) -> None:
    apply_plan(plan_writes(tree({".dvc/config": "[core]\n"}), tmp_path))
    assert (tmp_path / ".dvc/config").read_text() == "[core]\n"
    assert sorted(p.name for p in (tmp_path / ".dvc").iterdir()) == ["config"]


def test_a_failed_write_restores_the_files_already_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    apply_plan(plan_writes(tree({"a.yaml": "old a\n", "b.yaml": "old b\n"}), tmp_path))
    manifest_before = (tmp_path / ".mlops/manifest.json").read_bytes()
    plan = plan_writes(tree({"a.yaml": "new a\n", "b.yaml": "new b\n"}), tmp_path)
    real_replace = os.replace
    calls = []

    def failing_replace(source: str, target: str) -> None:
        calls.append(target)
        if str(target).endswith("b.yaml") and len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(WriteError, match="No space left on device"):
        apply_plan(plan)
    assert (tmp_path / "a.yaml").read_text() == "old a\n"
    assert (tmp_path / "b.yaml").read_text() == "old b\n"
    assert (tmp_path / ".mlops/manifest.json").read_bytes() == manifest_before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".mlops", "a.yaml", "b.yaml"]
    assert sorted(p.name for p in (tmp_path / ".mlops").iterdir()) == [
        ".gitignore",
        "manifest.json",
    ]


def test_an_interrupt_mid_write_rolls_back_created_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = plan_writes(tree({"a.yaml": "a\n", "b.yaml": "b\n"}), tmp_path)
    real_replace = os.replace

    def interrupted(source: str, target: str) -> None:
        if str(target).endswith("b.yaml"):
            raise KeyboardInterrupt
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        apply_plan(plan)
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


@pytest.mark.parametrize("relative", ["../escape.yaml", "/etc/passwd", "a/../../b", ".git/config"])
def test_paths_outside_the_project_are_refused(tmp_path: Path, relative: str) -> None:
    with pytest.raises(RefusedError):
        safe_target(tmp_path, relative)


def test_symlinked_folders_are_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    project = tmp_path / "project"
    project.mkdir()
    (project / ".dvc").symlink_to(outside)
    with pytest.raises(RefusedError, match=r"symbolic link: \.dvc"):
        plan_writes(tree({".dvc/config": "x\n"}), project)
    assert list(outside.iterdir()) == []
