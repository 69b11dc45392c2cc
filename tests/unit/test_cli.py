"""The CLI: exit codes are a contract, errors are positioned, --check writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import MINIMAL_SPEC, run_cli, write_tree


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_tree(tmp_path, {"mlops.yaml": MINIMAL_SPEC})


def test_compile_writes_then_reports_up_to_date(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = run_cli(capsys, "compile")
    assert first.exit_code == 0
    assert (
        first.stdout
        == "   create  .dvc/.gitignore\n   create  .dvc/config\n   create  .dvcignore\n"
        "   create  .gitattributes\n"
        "   create  dvc.yaml\n   create  params.yaml\nmlops: 6 written, 0 unchanged\n"
    )
    second = run_cli(capsys, "compile")
    assert second.stdout == "mlops: 0 written, 6 unchanged\n"
    check = run_cli(capsys, "compile", "--check")
    assert (check.exit_code, check.stdout) == (0, "mlops: 6 generated file(s) up to date\n")


def test_check_finds_a_hand_edit_prints_a_diff_and_writes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_cli(capsys, "compile")
    edited = (project / "params.yaml").read_text().replace("lr: 0.1", "lr: 0.5")
    (project / "params.yaml").write_text(edited)
    result = run_cli(capsys, "compile", "--check")
    assert result.exit_code == 1
    assert "-  lr: 0.5\n+  lr: 0.1\n" in result.stdout
    assert result.stderr == (
        "mlops: params.yaml: edited by hand\nmlops: 1 file(s) out of date; `mlops compile` will"
        " refuse to overwrite params.yaml: keep the edit with `mlops absorb`, or discard it with"
        " `mlops compile --force`\n"
    )
    assert (project / "params.yaml").read_text() == edited


def test_check_reports_missing_files(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "compile", "--check")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "mlops: .dvc/.gitignore: missing",
        "mlops: .dvc/config: missing",
        "mlops: .dvcignore: missing",
        "mlops: .gitattributes: missing",
        "mlops: dvc.yaml: missing",
        "mlops: params.yaml: missing",
        "mlops: .mlops/.gitignore: out of date (run `mlops compile` to record the generated files)",
        "mlops: .mlops/manifest.json: out of date (run `mlops compile` to record the generated"
        " files)",
        "mlops: 8 file(s) out of date; run `mlops compile`",
    ]
    assert sorted(p.name for p in project.iterdir()) == ["mlops.yaml"]


def test_an_invalid_spec_exits_2_with_a_positioned_error_and_writes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "mlops.yaml").write_text(MINIMAL_SPEC.replace("deps:", "dep:"))
    result = run_cli(capsys, "compile")
    assert result.exit_code == 2
    assert result.stderr == (
        "mlops.yaml:10:7: error: pipeline.stages.train.dep: unknown key `dep`\n"
        "   10 |       dep: [train.py]\n"
        "              ^^^\n"
        "  hint: did you mean `deps`?\n"
    )
    assert sorted(p.name for p in project.iterdir()) == ["mlops.yaml"]


def test_a_missing_spec_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_cli(capsys, "validate", "-f", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert "spec file not found" in result.stderr


def test_validate_writes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "validate")
    assert (result.exit_code, result.stdout) == (0, "mlops.yaml: ok\n")
    assert sorted(p.name for p in project.iterdir()) == ["mlops.yaml"]


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "frobnicate").exit_code == 2


def test_a_bug_exits_70_with_a_log_and_no_traceback(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import mlops_compiler.compiler as compiler

    def broken(path: Path, **options: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(compiler, "compile_spec", broken)
    result = run_cli(capsys, "compile")
    assert result.exit_code == 70
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("mlops: internal error: boom\n")
    log = Path(result.stderr.split("details are in ")[1].split(";")[0])
    assert "RuntimeError: boom" in log.read_text()
    log.unlink()


def test_python_dash_m_runs_the_cli(project: Path) -> None:
    import subprocess
    import sys

    completed = subprocess.run(
        [sys.executable, "-m", "mlops_compiler", "validate"],
        capture_output=True,
        text=True,
        cwd=project,
        check=False,
    )
    assert (completed.returncode, completed.stdout) == (0, "mlops.yaml: ok\n")


def test_fail_on_change_exits_1_only_when_something_was_written(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = run_cli(capsys, "compile", "--fail-on-change")
    assert first.exit_code == 1
    assert first.stderr == "mlops: generated files changed: stage them and commit again\n"
    assert run_cli(capsys, "compile", "--fail-on-change").exit_code == 0


@pytest.mark.parametrize(
    "edit",
    [lambda text: "# a comment only\n" + text, lambda text: "\ufeff" + text],
    ids=["comment", "bom"],
)
def test_check_passes_when_only_the_manifest_is_stale(
    project: Path, capsys: pytest.CaptureFixture[str], edit: object
) -> None:
    """Issue 15, finding 7: a stale spec hash is bookkeeping; no generated byte changed."""
    run_cli(capsys, "compile")
    spec = project / "mlops.yaml"
    spec.write_text(edit(spec.read_text()), encoding="utf-8")  # type: ignore[operator]
    manifest = (project / ".mlops" / "manifest.json").read_bytes()
    check = run_cli(capsys, "compile", "--check")
    assert (check.exit_code, check.stdout) == (0, "mlops: 6 generated file(s) up to date\n")
    assert "next `mlops compile` refreshes it" in check.stderr
    assert (project / ".mlops" / "manifest.json").read_bytes() == manifest
    run_cli(capsys, "compile")
    assert (project / ".mlops" / "manifest.json").read_bytes() != manifest
    assert run_cli(capsys, "compile", "--check").stderr == ""
    spec.write_text(spec.read_text(encoding="utf-8").replace("lr: 0.1", "lr: 0.2"))
    assert run_cli(capsys, "compile", "--check").exit_code == 1
