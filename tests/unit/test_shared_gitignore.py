"""Issue 15, finding 8: a local tracking store is ignored; the user's .gitignore is merged."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import MINIMAL_SPEC, run_cli, write_tree

TRACKED = MINIMAL_SPEC + "tracking:\n  experiment: demo\n"
BLOCK = (
    "# >>> mlops-compiler: from mlops.yaml (`tracking.uri` is local); the lines outside this"
    " block are yours\n/mlflow.db\nmlruns/\nmlartifacts/\n# <<< mlops-compiler\n"
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_tree(tmp_path, {"mlops.yaml": TRACKED, ".gitignore": "# mine\n*.pyc\n"})


def test_the_local_store_is_ignored_and_the_users_lines_are_kept(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(capsys, "compile").exit_code == 0
    assert (project / ".gitignore").read_text() == "# mine\n*.pyc\n" + BLOCK
    assert run_cli(capsys, "compile", "--check").exit_code == 0
    # the user adds a line after the block: it is theirs, --check stays clean
    (project / ".gitignore").write_text("# mine\n*.pyc\n" + BLOCK + "data/\n")
    assert run_cli(capsys, "compile", "--check").exit_code == 0


def test_a_remote_server_removes_only_the_block(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(capsys, "compile").exit_code == 0
    spec = TRACKED.replace("tracking:\n", "tracking:\n  uri: https://mlflow.example.com\n")
    (project / "mlops.yaml").write_text(spec)
    assert run_cli(capsys, "compile").exit_code == 0
    assert (project / ".gitignore").read_text() == "# mine\n*.pyc\n"
    assert run_cli(capsys, "compile", "--check").exit_code == 0
