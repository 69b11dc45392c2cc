"""Issue 15: `.gitattributes` marks every generated file `linguist-generated`, in an owned block.

Judged by git itself (`git check-attr`), which is what GitHub's linguist reads the attribute
through; the user's own lines around the block are kept and keep working.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from owning_tools import _git
from support import MINIMAL_SPEC, run_cli, write_tree

from mlops_compiler.families.gitattributes import pattern

SPEC = (
    MINIMAL_SPEC
    + "ci:\n  test: [pytest -q]\n"
    + "params_files:\n  conf/my params [v1].yaml: {seed: 1}\n"
)
MINE = "# mine\n*.csv filter=lfs diff=lfs merge=lfs -text\n"


def check_attr(root: Path, *paths: str) -> dict[str, str]:
    """`git check-attr linguist-generated` of each path: `true`, or `unspecified`."""
    done = subprocess.run(
        [_git(), "check-attr", "-z", "linguist-generated", "--", *paths],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    fields = done.stdout.split("\0")
    return {fields[i]: fields[i + 2] for i in range(0, len(fields) - 2, 3)}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    subprocess.run([_git(), "init", "-q", str(tmp_path)], check=True)
    return write_tree(tmp_path, {"mlops.yaml": SPEC, ".gitattributes": MINE})


def test_git_sees_every_generated_file_as_generated_and_nothing_else(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_cli(capsys, "compile")
    assert result.exit_code == 0, result.stderr
    manifest = json.loads((project / ".mlops/manifest.json").read_text())
    shared = (".gitattributes", ".gitignore")  # only a block of each is ours
    generated = [path for path in manifest["files"] if path not in shared]
    generated.append(".mlops/manifest.json")
    assert {".github/workflows/ci.yml", "conf/my params [v1].yaml", "dvc.yaml"} <= set(generated)
    assert check_attr(project, *generated) == dict.fromkeys(generated, "true")
    assert check_attr(project, "mlops.yaml", "train.py", "data/x.csv") == dict.fromkeys(
        ("mlops.yaml", "train.py", "data/x.csv"), "unspecified"
    )
    # the user's lines are kept, before the block, and still apply
    text = (project / ".gitattributes").read_text()
    assert text.startswith(MINE + "# >>> mlops-compiler: files generated from mlops.yaml")
    assert text.endswith("# <<< mlops-compiler\n")
    lfs = subprocess.run(
        [_git(), "check-attr", "filter", "--", "data/x.csv"],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    )
    assert lfs.stdout == "data/x.csv: filter: lfs\n"
    assert run_cli(capsys, "compile", "--check").exit_code == 0


def test_a_users_line_after_the_block_is_theirs_and_check_stays_clean(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(capsys, "compile").exit_code == 0
    edited = (project / ".gitattributes").read_text() + "*.ipynb -diff\n"
    (project / ".gitattributes").write_text(edited)
    assert run_cli(capsys, "compile", "--check").exit_code == 0
    assert run_cli(capsys, "compile").exit_code == 0
    assert (project / ".gitattributes").read_text() == edited


def test_a_seed_file_is_the_users_and_not_marked(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "mlops.yaml").write_text(SPEC + "overrides:\n  dvc.yaml: {mode: seed}\n")
    assert run_cli(capsys, "compile").exit_code == 0
    assert check_attr(project, "dvc.yaml", "params.yaml") == {
        "dvc.yaml": "unspecified",
        "params.yaml": "true",
    }


def test_patterns_match_the_one_file_they_name() -> None:
    assert pattern("dvc.yaml") == "/dvc.yaml"
    assert pattern("conf/a*b?.yaml") == "/conf/a\\*b\\?.yaml"
    assert pattern('conf/my "p" [v1].yaml') == '"/conf/my \\"p\\" \\\\[v1].yaml"'
