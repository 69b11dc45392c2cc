"""Several projects in one git repository (issue 18, monorepos).

A spec below the git root gets its workflows in its own folder, where GitHub never runs them: the
compile warns (root workflows for subfolder projects are not generated yet). Two specs in one
repository compile and check independently, each owning only its folder.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import run_cli, write_tree

SPEC = """\
version: 1
project:
  name: {name}
pipeline:
  stages:
    train: {{cmd: python train.py, outs: [model.pkl]}}
ci:
  lint: [ruff check .]
"""


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    return write_tree(
        tmp_path,
        {
            "projA/mlops.yaml": SPEC.format(name="proja"),
            "projB/mlops.yaml": SPEC.format(name="projb"),
        },
    )


def test_workflows_below_the_git_root_are_warned_about(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_cli(capsys, "compile", "-f", "projA/mlops.yaml")
    assert result.exit_code == 0
    [warning] = [line for line in result.stdout.splitlines() if "warning" in line]
    assert warning.startswith(
        "mlops: warning: projA/.github/workflows/ (ci.yml) is below the git repository's root"
    )
    assert "will never run" in warning
    check = run_cli(capsys, "compile", "--check", "-f", "projA/mlops.yaml")
    assert check.exit_code == 0
    assert "will never run" in check.stderr


def test_a_spec_at_the_git_root_gets_no_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    write_tree(tmp_path, {"mlops.yaml": SPEC.format(name="root")})
    result = run_cli(capsys, "compile")
    assert (result.exit_code, "warning" in result.stdout + result.stderr) == (0, False)


def test_two_projects_in_one_repository_compile_without_clashing(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for project in ("projA", "projB"):
        assert run_cli(capsys, "compile", "-f", f"{project}/mlops.yaml").exit_code == 0
    for project in ("projA", "projB"):
        check = run_cli(capsys, "compile", "--check", "-f", f"{project}/mlops.yaml")
        assert check.exit_code == 0, check.stderr
        manifest = json.loads((repository / project / ".mlops/manifest.json").read_text())
        owned = set(manifest["files"])
        assert {".github/workflows/ci.yml", "dvc.yaml", "params.yaml"} <= owned
        assert all((repository / project / path).is_file() for path in owned)
    assert not (repository / ".github").exists()
