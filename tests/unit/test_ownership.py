"""Never lose a hand edit: the manifest decides what compile may replace or delete."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest
from support import MINIMAL_SPEC, run_cli, write_tree

from mlops_compiler.write import project_lock
from mlops_compiler.write.manifest import content_hash

WITH_ENTRY_POINT = (
    MINIMAL_SPEC
    + """\
entry_points:
  main:
    command: python train.py
"""
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_tree(tmp_path, {"mlops.yaml": MINIMAL_SPEC})


@pytest.fixture
def compiled(project: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert run_cli(capsys, "compile").exit_code == 0
    return project


def edit(path: Path, old: str, new: str) -> str:
    text = path.read_text().replace(old, new)
    path.write_text(text)
    return text


def test_the_manifest_records_every_generated_file(compiled: Path) -> None:
    manifest = json.loads((compiled / ".mlops/manifest.json").read_text())
    assert manifest["generator"] == "mlops-compiler"
    assert manifest["spec"] == "mlops.yaml"
    assert sorted(manifest["files"]) == [
        ".dvc/.gitignore",
        ".dvc/config",
        ".dvcignore",
        ".gitattributes",
        "dvc.yaml",
        "params.yaml",
    ]
    entry = manifest["files"]["dvc.yaml"]
    assert entry == {
        "sha256": content_hash((compiled / "dvc.yaml").read_bytes()),
        "section": "pipeline",
        "template": "dvc/dvc.yaml.jinja",
        "mode": "managed",
    }


def test_generated_files_do_not_carry_the_generator_version(compiled: Path) -> None:
    from mlops_compiler import __version__

    assert __version__ not in (compiled / "dvc.yaml").read_text()


def test_a_hand_edit_is_refused_with_a_diff_and_the_ways_out(
    compiled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edited = edit(compiled / "dvc.yaml", "python train.py", "python train.py --fast")
    (compiled / "mlops.yaml").write_text(MINIMAL_SPEC.replace("lr: 0.1", "lr: 0.2"))
    result = run_cli(capsys, "compile")
    assert result.exit_code == 3
    assert (compiled / "dvc.yaml").read_text() == edited
    assert "lr: 0.1" in (compiled / "params.yaml").read_text(), "nothing is written on refusal"
    assert result.stderr.startswith(
        "mlops: refusing to overwrite 1 file(s) that would lose changes:\n"
        "  dvc.yaml: edited by hand since mlops compile wrote it\n"
        "What compile would change (- on disk now, + what it would write):\n"
        "--- disk/dvc.yaml\n+++ generated/dvc.yaml\n"
    )
    assert "-    cmd: python train.py --fast\n" in result.stderr
    assert "`mlops absorb dvc.yaml`" in result.stderr
    assert "`mlops compile --force`" in result.stderr


def test_force_keeps_a_backup_whose_bytes_equal_the_edit(
    compiled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edited = edit(compiled / "dvc.yaml", "python train.py", "python train.py --fast")
    result = run_cli(capsys, "compile", "--force")
    assert result.exit_code == 0
    [backup] = (compiled / ".mlops/backup").rglob("dvc.yaml")
    assert backup.read_text() == edited
    assert "--fast" not in (compiled / "dvc.yaml").read_text()
    assert run_cli(capsys, "compile", "--check").exit_code == 0


def test_a_file_compile_never_wrote_is_not_overwritten(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "params.yaml").write_text("train:\n  lr: 0.9  # tuned by hand\n")
    result = run_cli(capsys, "compile")
    assert result.exit_code == 3
    assert "params.yaml: exists, but mlops compile did not write it" in result.stderr
    assert (project / "params.yaml").read_text() == "train:\n  lr: 0.9  # tuned by hand\n"
    assert not (project / "dvc.yaml").exists()


def test_an_identical_existing_file_is_adopted(
    project: Path, capsys: pytest.CaptureFixture[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    other = write_tree(tmp_path_factory.mktemp("other"), {"mlops.yaml": MINIMAL_SPEC})
    assert run_cli(capsys, "compile", "-f", str(other / "mlops.yaml")).exit_code == 0
    (project / "dvc.yaml").write_bytes((other / "dvc.yaml").read_bytes())
    result = run_cli(capsys, "compile")
    assert result.exit_code == 0
    manifest = json.loads((project / ".mlops/manifest.json").read_text())
    assert "dvc.yaml" in manifest["files"]


def test_a_crlf_checkout_is_not_a_hand_edit(
    compiled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dvc_yaml = compiled / "dvc.yaml"
    dvc_yaml.write_bytes(dvc_yaml.read_bytes().replace(b"\n", b"\r\n"))
    (compiled / "mlops.yaml").write_text(MINIMAL_SPEC.replace("train.py]", "train.py, data]"))
    assert run_cli(capsys, "compile").exit_code == 0
    assert b"\r\n" not in dvc_yaml.read_bytes()


def test_orphans_are_deleted_only_when_unmodified(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "mlops.yaml").write_text(WITH_ENTRY_POINT)
    assert run_cli(capsys, "compile").exit_code == 0
    edit(project / "python_env.yaml", "python:", "# pinned by ops\npython:")
    (project / "mlops.yaml").write_text(MINIMAL_SPEC)
    result = run_cli(capsys, "compile")
    assert result.exit_code == 0
    assert "   delete  MLproject\n" in result.stdout
    assert not (project / "MLproject").exists()
    assert (project / "python_env.yaml").exists()
    assert (
        "mlops: warning: python_env.yaml: no longer generated, but it was edited" in result.stdout
    )
    manifest = json.loads((project / ".mlops/manifest.json").read_text())
    assert sorted(manifest["files"]) == [
        ".dvc/.gitignore",
        ".dvc/config",
        ".dvcignore",
        ".gitattributes",
        "dvc.yaml",
        "params.yaml",
    ]


def test_check_reports_each_kind_of_drift_separately(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "mlops.yaml").write_text(WITH_ENTRY_POINT)
    run_cli(capsys, "compile")
    (project / "mlops.yaml").write_text(
        MINIMAL_SPEC.replace("lr: 0.1", "lr: 0.2") + "entry_points:\n  main: {command: x}\n"
    )
    edit(project / "dvc.yaml", "python train.py", "python train.py --fast")
    (project / "python_env.yaml").unlink()
    result = run_cli(capsys, "compile", "--check")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:4] == [
        "mlops: MLproject: stale",
        "mlops: dvc.yaml: edited by hand",
        "mlops: params.yaml: stale",
        "mlops: python_env.yaml: missing",
    ]


def test_check_reports_orphans(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "mlops.yaml").write_text(WITH_ENTRY_POINT)
    run_cli(capsys, "compile")
    (project / "mlops.yaml").write_text(MINIMAL_SPEC)
    result = run_cli(capsys, "compile", "--check")
    assert result.exit_code == 1
    assert "mlops: MLproject: orphaned (no longer generated)" in result.stderr.splitlines()
    assert (project / "MLproject").exists()


def test_check_can_speak_github_annotations(
    compiled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(compiled / "params.yaml", "lr: 0.1", "lr: 0.5")
    result = run_cli(capsys, "compile", "--check", "--format", "github")
    assert result.exit_code == 1
    line = (compiled / "params.yaml").read_text().splitlines().index("  lr: 0.5") + 1
    assert result.stdout.splitlines()[0] == (
        f"::error file=params.yaml,line={line}::params.yaml is edited by hand;"
        " `mlops absorb` it to keep the edit, or `mlops compile --force` to discard it"
    )


def test_untrusted_manifest_entries_never_reach_outside_the_project(
    compiled: Path, capsys: pytest.CaptureFixture[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside") / "victim.txt"
    outside.write_text("precious\n")
    manifest_path = compiled / ".mlops/manifest.json"
    manifest = json.loads(manifest_path.read_text())
    for evil in (str(outside), f"../{outside.parent.name}/victim.txt", ".git/config"):
        manifest["files"][evil] = {"sha256": content_hash(b"precious\n"), "mode": "managed"}
    manifest_path.write_text(json.dumps(manifest))
    result = run_cli(capsys, "compile")
    assert result.exit_code == 0
    assert outside.read_text() == "precious\n"
    assert "ignoring entry" in result.stdout


def test_a_symlinked_output_is_refused(compiled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = compiled / "elsewhere.yaml"
    target.write_text("mine\n")
    (compiled / "params.yaml").unlink()
    (compiled / "params.yaml").symlink_to(target)
    result = run_cli(capsys, "compile")
    assert result.exit_code == 3
    assert "refusing to write through a symbolic link: params.yaml" in result.stderr
    assert target.read_text() == "mine\n"


def _hold_lock(root: str, ready: multiprocessing.synchronize.Event, release: object) -> None:
    with project_lock.compile_lock(Path(root)):
        ready.set()
        release.wait(30)  # type: ignore[attr-defined]


def test_a_second_compile_waits_then_names_the_lock_holder(
    compiled: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    context = multiprocessing.get_context("spawn")
    ready, release = context.Event(), context.Event()
    holder = context.Process(target=_hold_lock, args=(str(compiled), ready, release))
    holder.start()
    try:
        assert ready.wait(30)
        monkeypatch.setattr(project_lock, "LOCK_WAIT_SECONDS", 0.2)
        result = run_cli(capsys, "compile")
        assert result.exit_code == 3
        assert f"another mlops compile is running on this project (pid {holder.pid}" in (
            result.stderr
        )
    finally:
        release.set()
        holder.join(30)
    assert run_cli(capsys, "compile").exit_code == 0


def test_absorb_makes_a_hand_edit_survive_the_next_compile(
    compiled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 15, findings 2 and 3: a stage edit goes to `pipeline.stages`, not to an override
    that would shadow later spec edits, and only the changed lines of mlops.yaml change."""
    spec_before = (compiled / "mlops.yaml").read_text()
    edit(compiled / "dvc.yaml", "python train.py", "python train.py --fast")
    edit(compiled / "dvc.yaml", "      - model.pkl", "      - model.pkl\n      - report.html")
    result = run_cli(capsys, "absorb")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "mlops: absorbed dvc.yaml into mlops.yaml: pipeline.stages.train.cmd,"
        " pipeline.stages.train.outs\n"
    )
    spec_after = (compiled / "mlops.yaml").read_text()
    assert spec_after == spec_before.replace(
        "cmd: python train.py\n", "cmd: python train.py --fast\n"
    ).replace("outs: [model.pkl]", "outs: [model.pkl, report.html]")
    assert "overrides" not in spec_after
    assert run_cli(capsys, "compile", "--check").exit_code == 0
    # a later edit of the stage in the spec takes effect (no override shadows it)
    (compiled / "mlops.yaml").write_text(spec_after.replace("deps: [train.py]", "deps: [t.py]"))
    assert run_cli(capsys, "compile").exit_code == 0
    dvc = (compiled / "dvc.yaml").read_text()
    assert "cmd: python train.py --fast\n" in dvc
    assert "- report.html\n" in dvc
    assert "- t.py\n" in dvc
    assert run_cli(capsys, "compile", "--check").exit_code == 0


def test_absorb_keeps_what_no_field_says_as_an_override_in_the_users_layout(
    compiled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec_before = (compiled / "mlops.yaml").read_text()
    edit(compiled / "dvc.yaml", "stages:", "extra: 1\nstages:")
    result = run_cli(capsys, "absorb")
    assert result.exit_code == 0, result.stderr
    spec_after = (compiled / "mlops.yaml").read_text()
    assert spec_after == spec_before + (
        "overrides:\n  dvc.yaml:\n    patches:\n      - {set: extra, value: 1}\n"
    )
    assert run_cli(capsys, "compile", "--check").exit_code == 0


def test_absorb_with_nothing_edited_changes_nothing(
    compiled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = (compiled / "mlops.yaml").read_bytes()
    result = run_cli(capsys, "absorb")
    assert result.exit_code == 0
    assert result.stdout.startswith("mlops: nothing to absorb")
    assert (compiled / "mlops.yaml").read_bytes() == spec


def test_an_override_that_shadows_a_spec_field_warns_and_strict_fails(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 15, finding 2: the patch wins over `pipeline.stages.train.deps`; say so."""
    spec = (project / "mlops.yaml").read_text() + (
        "overrides:\n  dvc.yaml:\n    patches:\n      - {set: stages.train.deps, value: [a.py]}\n"
    )
    (project / "mlops.yaml").write_text(spec)
    result = run_cli(capsys, "compile")
    assert result.exit_code == 0
    assert result.stderr.startswith(
        "mlops.yaml:16:15: warning: overrides.dvc.yaml.patches[0].set: this patch of dvc.yaml"
        " shadows `pipeline.stages.train.deps` (line 10): editing that field has no effect"
        " while the patch is here\n"
    )
    assert "hint: move the value into `pipeline.stages.train.deps`" in result.stderr
    strict = run_cli(capsys, "validate", "--strict")
    assert strict.exit_code == 2
    assert "shadows `pipeline.stages.train.deps`" in strict.stderr
