"""`mlops verify`: the owning tools judge each example's compiled output; failures, missing
tools and formats no tool owns are each reported per file."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest
from support import MINIMAL_SPEC, run_cli, write_tree

from mlops_compiler.commands import verify

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p.parent for p in ROOT.glob("examples/*/mlops.yaml"))


@pytest.mark.tools
@pytest.mark.parametrize("example", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_every_example_passes_every_installed_tool(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_cli(capsys, "verify", "-f", str(example / "mlops.yaml"))
    lines = result.stdout.splitlines()

    assert result.exit_code == 0, result.stdout
    assert not [line for line in lines if line.startswith("FAIL")]
    assert any(line.startswith("PASS     dvc.yaml ") for line in lines)
    assert any(line.startswith("PASS     MLproject ") for line in lines)
    if os.environ.get("CI") == "true":  # CI installs every tool
        assert "not installed" not in lines[-1], lines[-1]


def _script(path: Path, body: str) -> Path:
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_a_failing_tool_fails_the_run_with_its_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lint = _script(tmp_path / "fakelint", 'echo "$1: line 3: bad key" >&2; exit 1')
    linter = verify.Linter(
        "fakelint", (str(lint),), (), "n/a", lambda path, docs: path == "dvc.yaml"
    )
    monkeypatch.setattr(verify, "_linters", lambda: [linter])
    monkeypatch.setattr(verify, "_probe_dvc", lambda *args: [])
    write_tree(tmp_path, {"mlops.yaml": MINIMAL_SPEC})

    result = run_cli(capsys, "verify", "-f", str(tmp_path / "mlops.yaml"))

    assert result.exit_code == 1
    assert result.stdout == (
        "NONE     .dvc/.gitignore  no owning tool checks this format\n"
        "NONE     .dvc/config      no owning tool checks this format\n"
        "NONE     .dvcignore       no owning tool checks this format\n"
        "NONE     .gitattributes   no owning tool checks this format\n"
        "FAIL     dvc.yaml         fakelint (exit 1): dvc.yaml: line 3: bad key\n"
        "NONE     params.yaml      no owning tool checks this format\n"
        "mlops verify: 0 passed, 1 failed\n"
    )


def test_a_missing_tool_is_named_with_how_to_install_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(verify, "find_tool", lambda *names: None)
    monkeypatch.setattr(verify.importlib.util, "find_spec", lambda name: None)
    write_tree(tmp_path, {"mlops.yaml": MINIMAL_SPEC})

    result = run_cli(capsys, "verify", "-f", str(tmp_path / "mlops.yaml"))
    assert result.exit_code == 0
    missing = "DVC is not installed: pip install 'mlops-compiler[verify]' (or pip install dvc)"
    assert result.stdout == (
        "NONE     .dvc/.gitignore  no owning tool checks this format\n"
        f"MISSING  .dvc/config      {missing}\n"
        "NONE     .dvcignore       no owning tool checks this format\n"
        "NONE     .gitattributes   no owning tool checks this format\n"
        f"MISSING  dvc.yaml         {missing}\n"
        f"MISSING  params.yaml      {missing}\n"
        "mlops verify: 0 passed, 0 failed; not installed: dvc\n"
    )
    strict = run_cli(capsys, "verify", "--require-tools", "-f", str(tmp_path / "mlops.yaml"))
    assert strict.exit_code == 1


def test_a_probe_verdict_is_reported_per_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    probes = tmp_path / "probes"
    probes.mkdir()
    (probes / "dvc_probe.py").write_text(
        "import json, sys\n"
        "verdict = {'files': {'dvc.yaml': {'ok': False, 'detail': 'dvc: cycle'}}}\n"
        "open(sys.argv[1], 'w').write(json.dumps(verdict))\n"
    )
    monkeypatch.setattr(verify, "_PROBES", probes)
    monkeypatch.setattr(verify, "_linters", list)
    write_tree(tmp_path, {"mlops.yaml": MINIMAL_SPEC})

    result = run_cli(capsys, "verify", "-f", str(tmp_path / "mlops.yaml"))
    assert result.exit_code == 1
    assert result.stdout == (
        "NONE     .dvc/.gitignore  no owning tool checks this format\n"
        "FAIL     .dvc/config      not checked: dvc stopped at an earlier file\n"
        "NONE     .dvcignore       no owning tool checks this format\n"
        "NONE     .gitattributes   no owning tool checks this format\n"
        "FAIL     dvc.yaml         dvc: cycle\n"
        "FAIL     params.yaml      not checked: dvc stopped at an earlier file\n"
        "mlops verify: 0 passed, 3 failed\n"
    )


def test_verify_never_writes_into_the_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(verify, "_linters", list)
    monkeypatch.setattr(verify, "_probe_dvc", lambda *args: [])
    write_tree(tmp_path, {"mlops.yaml": MINIMAL_SPEC})
    run_cli(capsys, "verify", "-f", str(tmp_path / "mlops.yaml"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mlops.yaml"]


LAYOUT = """\
version: 1
project: {name: demo}
pipelines:
  ingest/dvc.yaml:
    stages:
      fetch:
        cmd: python fetch.py
        params: [rows]
        outs: [raw.csv]
  reports/dvc.yaml:
    stages: {}
params_files:
  ingest/params.yaml: {rows: 100}
mlflow_projects:
  steps/get/MLProject:
    name: get
    environment:
      kind: conda
      file: env/conda.yml
      content: {name: get, dependencies: [python=3.11]}
    entry_points:
      main: {command: python get.py}
"""


@pytest.mark.tools
def test_every_pipeline_params_file_and_mlflow_project_of_a_layout_is_judged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(verify, "_linters", list)
    write_tree(tmp_path, {"mlops.yaml": LAYOUT})
    result = run_cli(capsys, "verify", "-f", str(tmp_path / "mlops.yaml"))

    assert result.exit_code == 0, result.stdout
    verdicts = [line.split()[:2] for line in result.stdout.splitlines()[:-1]]
    assert verdicts == [
        ["NONE", ".dvc/.gitignore"],
        ["PASS", ".dvc/config"],
        ["NONE", ".dvcignore"],
        ["NONE", ".gitattributes"],
        ["PASS", "ingest/dvc.yaml"],
        ["PASS", "ingest/params.yaml"],
        ["PASS", "reports/dvc.yaml"],
        ["PASS", "steps/get/MLProject"],
        ["PASS", "steps/get/env/conda.yml"],
    ]


@pytest.mark.tools
def test_a_monorepo_project_is_verified_with_its_root_workflows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The spec's folder keeps its place in the scratch copy: `../.github/workflows/` (a
    monorepo's workflows, at the root) is staged inside it, and judged."""
    spec = MINIMAL_SPEC.replace("name: demo", "name: proja") + "ci:\n  lint: [ruff check .]\n"
    (tmp_path / ".git").mkdir()
    write_tree(tmp_path, {"ml/proja/mlops.yaml": spec})
    result = run_cli(capsys, "verify", "-f", str(tmp_path / "ml/proja/mlops.yaml"))
    assert result.exit_code == 0, result.stdout
    judged = [line.split()[:3] for line in result.stdout.splitlines()]
    assert ["PASS", "../../.github/workflows/proja-ci.yml", "zizmor:"] in judged
    # staged one folder deep as before, `../../` would have written beside the scratch folder
    assert not (Path(tempfile.gettempdir()) / ".github/workflows/proja-ci.yml").exists()
