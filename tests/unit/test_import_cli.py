"""`mlops import` from the command line: what it writes, what it refuses, its exit codes."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from support import run_cli, write_tree

CASES_DIR = Path(__file__).resolve().parents[1] / "data" / "import"

REPO = {
    "dvc.yaml": """\
        stages:
          train:
            cmd: python train.py
            deps: [train.py]
            params: [train.lr]
            outs:
              - model.pkl:
                  cache: true
        """,
    "params.yaml": "train:\n  lr: 0.1  # the learning rate\n",
    "MLproject": """\
        name: demo
        python_env: python_env.yaml
        entry_points:
          main:
            parameters:
              lr: {type: float, default: 0.1}
            command: python train.py --lr {lr}
        """,
    "python_env.yaml": "python: '3.11'\ndependencies: [mlflow]\n",
}


def _hashes(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_import_writes_the_spec_and_the_manifest_and_nothing_else(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, REPO)
    before = _hashes(tmp_path)
    result = run_cli(capsys, "import", str(tmp_path))
    assert (result.exit_code, result.stderr) == (0, "")
    after = _hashes(tmp_path)
    assert set(after) - set(before) == {"mlops.yaml", ".mlops/manifest.json"}
    assert {path: after[path] for path in before} == before
    manifest = json.loads((tmp_path / ".mlops/manifest.json").read_text())
    assert sorted(manifest["files"]) == sorted(REPO)
    assert manifest["files"]["dvc.yaml"]["sha256"] == before["dvc.yaml"]
    assert result.stdout.endswith(
        f"mlops: wrote {tmp_path / 'mlops.yaml'}, {tmp_path / '.mlops/manifest.json'};"
        f" run `mlops compile -f {tmp_path / 'mlops.yaml'}` to take the files over\n"
    )


def test_compile_then_takes_the_files_over_and_check_is_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, REPO)
    assert run_cli(capsys, "import", str(tmp_path)).exit_code == 0
    spec = str(tmp_path / "mlops.yaml")
    compiled = run_cli(capsys, "compile", "-f", spec)
    assert (compiled.exit_code, compiled.stderr) == (0, "")
    assert (tmp_path / "dvc.yaml").read_text().startswith("# This file is generated")
    assert run_cli(capsys, "compile", "--check", "-f", spec).exit_code == 0


def test_the_report_names_the_comments_moved_to_mlops_yaml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, REPO)
    result = run_cli(capsys, "import", "--check", str(tmp_path))
    assert result.stdout == (
        "mlops import --check: 4 of 4 file(s) round-trip exactly (nothing written)\n"
        "  taken over (compiling mlops.yaml reproduces each one exactly, as data):\n"
        "    exact  dvc.yaml         DVC pipeline\n"
        "    exact  params.yaml      params file\n"
        "    exact  MLproject        MLflow project\n"
        "    exact  python_env.yaml  MLflow environment\n"
        "  compile will also create: .dvc/.gitignore, .dvc/config, .dvcignore,"
        " .gitattributes\n"
        "  comments moved to mlops.yaml, beside what they describe (generated files carry"
        " none; edit them there): params.yaml (1 line)\n"
    )


def test_check_writes_nothing_and_exits_0_when_everything_round_trips(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, REPO)
    before = _hashes(tmp_path)
    assert run_cli(capsys, "import", "--check", str(tmp_path)).exit_code == 0
    assert _hashes(tmp_path) == before


def test_check_exits_1_when_a_file_cannot_be_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(CASES_DIR / "malformed", tmp_path / "repo")
    result = run_cli(capsys, "import", "--check", str(tmp_path / "repo"))
    assert result.exit_code == 1
    assert not (tmp_path / "repo" / "mlops.yaml").exists()


def test_an_existing_spec_is_never_overwritten_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {**REPO, "mlops.yaml": "# mine\n"})
    refused = run_cli(capsys, "import", str(tmp_path))
    assert refused.exit_code == 3
    assert refused.stderr == (
        f"mlops: error: {tmp_path / 'mlops.yaml'} already exists; `mlops import` never"
        " overwrites it\n"
        "  hint: `mlops import --check` shows what an import would do; `--force` replaces it"
        " (the old one is kept under .mlops/backup/)\n"
    )
    assert (tmp_path / "mlops.yaml").read_text() == "# mine\n"
    forced = run_cli(capsys, "import", "--force", str(tmp_path))
    assert forced.exit_code == 0
    backups = list((tmp_path / ".mlops/backup").rglob("mlops.yaml"))
    assert [path.read_text() for path in backups] == ["# mine\n"]


def test_a_path_that_is_not_a_folder_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_cli(capsys, "import", str(tmp_path / "missing"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"mlops: error: {tmp_path / 'missing'} is not a folder\n")


def test_an_edit_after_the_import_is_not_overwritten_by_compile(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, REPO)
    assert run_cli(capsys, "import", str(tmp_path)).exit_code == 0
    (tmp_path / "dvc.yaml").write_text((tmp_path / "dvc.yaml").read_text() + "# edited\n")
    result = run_cli(capsys, "compile", "-f", str(tmp_path / "mlops.yaml"))
    assert result.exit_code == 3
    assert (tmp_path / "dvc.yaml").read_text().endswith("# edited\n")


CREDENTIALS_CONFIG = """\
[core]
    remote = storage
['remote "storage"']
    url = s3://bucket/dvc
    access_key_id = AKIAEXAMPLE
    secret_access_key = not-a-real-secret
"""


def test_a_dvc_config_with_credentials_is_kept_as_it_is_by_a_seed_override(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Any pipeline makes compile write .dvc/config; the repository's is not imported (it holds
    # credentials): import used to exit 70 ("would replace .dvc/config, which it did not import").
    write_tree(tmp_path, {"dvc.yaml": REPO["dvc.yaml"], "params.yaml": REPO["params.yaml"]})
    (tmp_path / ".dvc").mkdir()
    (tmp_path / ".dvc/config").write_text(CREDENTIALS_CONFIG)
    result = run_cli(capsys, "import", str(tmp_path))
    assert (result.exit_code, result.stderr) == (0, "")
    assert (
        "  compile would replace these, which are not taken over: mlops.yaml keeps them as they"
        " are (`overrides: {PATH: {mode: seed}}`): .dvc/config\n"
    ) in result.stdout
    spec = tmp_path / "mlops.yaml"
    assert (
        "  .dvc/config:  # not imported, and compile would replace it: compile keeps it as it"
        " is (`seed`)\n    mode: seed\n"
    ) in spec.read_text()
    compiled = run_cli(capsys, "compile", "-f", str(spec))
    assert (compiled.exit_code, compiled.stderr) == (0, "")
    assert (tmp_path / ".dvc/config").read_text() == CREDENTIALS_CONFIG
    assert run_cli(capsys, "compile", "--check", "-f", str(spec)).exit_code == 0


def test_an_empty_dvc_config_as_dvc_init_leaves_it_is_taken_over_by_compile(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"dvc.yaml": REPO["dvc.yaml"], "params.yaml": REPO["params.yaml"]})
    (tmp_path / ".dvc").mkdir()
    (tmp_path / ".dvc/config").write_text("")
    result = run_cli(capsys, "import", str(tmp_path))
    assert (result.exit_code, result.stderr) == (0, "")
    assert "seed" not in (tmp_path / "mlops.yaml").read_text()
    spec = str(tmp_path / "mlops.yaml")
    assert run_cli(capsys, "compile", "-f", spec).exit_code == 0
    assert (tmp_path / ".dvc/config").read_text().startswith("# This file is generated")
    assert run_cli(capsys, "compile", "--check", "-f", spec).exit_code == 0
