"""Every example compiles to the committed files, and DVC and MLflow accept what it generates.

Snapshots guard intent (an unintended change shows up in review); the owning tools judge
validity: DVC's loader and graph, `dvc remote list`, MLflow's project loader, and for the
quickstart a real `dvc repro` and `mlflow run` that record params and metrics in MLflow.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
import yaml
from owning_tools import (
    ToolEnv,
    dvc_repo_copy,
    dvc_repro,
    dvc_stage_list,
    dvc_static_check,
    mlflow_load_project,
    mlflow_run,
    run_dvc,
)
from support import run_cli

from mlops_compiler import compile_spec

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p.parent for p in ROOT.glob("examples/*/mlops.yaml"))
IDS = [p.name for p in EXAMPLES]


@pytest.fixture(params=EXAMPLES, ids=IDS)
def example(request: pytest.FixtureRequest) -> Path:
    return Path(request.param)


@pytest.fixture
def compiled(example: Path, tmp_path: Path) -> Path:
    """A copy of the example's hand-written files, compiled afresh (committed outputs removed)."""
    copy = tmp_path / example.name
    shutil.copytree(example, copy)
    for relative in compile_spec(example / "mlops.yaml").files:
        (copy / relative).unlink()
    code = _main(["compile", "-f", str(copy / "mlops.yaml")])
    assert code == 0
    return copy


def _main(argv: list[str]) -> int:
    from mlops_compiler.cli.main import main

    return main(argv)


def test_the_output_tree_matches_the_snapshot(example: Path, snapshot: object) -> None:
    assert compile_spec(example / "mlops.yaml").texts() == snapshot


def test_the_committed_outputs_are_current(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_cli(capsys, "compile", "--check", "-f", str(example / "mlops.yaml"))
    # The examples live below this repository's root, so GitHub never runs their workflows:
    # the one warning the compile gives them (tests/unit/test_monorepo.py).
    others = [line for line in result.stderr.splitlines() if "will never run" not in line]
    assert (result.exit_code, others) == (0, [])


def test_check_fails_with_a_diff_after_a_hand_edit(
    compiled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dvc_yaml = compiled / "dvc.yaml"
    dvc_yaml.write_text(dvc_yaml.read_text() + "# a hand edit\n")
    result = run_cli(capsys, "compile", "--check", "-f", str(compiled / "mlops.yaml"))
    assert result.exit_code == 1
    assert "-# a hand edit\n" in result.stdout
    assert dvc_yaml.read_text().endswith("# a hand edit\n")


def test_a_second_compile_writes_nothing(compiled: Path) -> None:
    before = {p: p.stat().st_mtime_ns for p in compiled.rglob("*") if p.is_file()}
    assert _main(["compile", "-f", str(compiled / "mlops.yaml")]) == 0
    after = {p: p.stat().st_mtime_ns for p in compiled.rglob("*") if p.is_file()}
    assert before == after


@pytest.mark.tools
def test_dvc_loads_the_pipeline_with_every_stage_and_edge(
    compiled: Path, tmp_path: Path, isolated_tool_env: ToolEnv
) -> None:
    repo = dvc_repo_copy(compiled, tmp_path / "repo", env=isolated_tool_env)
    listed = dvc_stage_list(repo, env=isolated_tool_env)
    assert listed.ok, listed
    static = dvc_static_check(repo, env=isolated_tool_env, missing_deps="warn")
    assert static.ok, static
    assert static.errors == ()
    spec = yaml.safe_load((compiled / "dvc.yaml").read_text())
    names = {stage.split("@")[0] for stage in static.stages}
    assert names == set(spec["stages"])


WITH_REMOTES = [p for p in EXAMPLES if "\ndata:" in (p / "mlops.yaml").read_text()]


@pytest.mark.tools
@pytest.mark.parametrize("source", WITH_REMOTES, ids=[p.name for p in WITH_REMOTES])
def test_dvc_sees_the_declared_remotes(
    source: Path, tmp_path: Path, isolated_tool_env: ToolEnv
) -> None:
    spec = yaml.safe_load((source / "mlops.yaml").read_text())
    remotes = spec["data"]["remotes"]
    repo = dvc_repo_copy(source, tmp_path / "repo", env=isolated_tool_env)
    listed = run_dvc(repo, "remote", "list", env=isolated_tool_env)
    assert listed.ok, listed
    assert sorted(line.split()[0] for line in listed.output.splitlines() if line.strip()) == sorted(
        remotes
    )
    default = run_dvc(repo, "remote", "default", env=isolated_tool_env)
    assert default.output.strip() == spec["data"]["default"]


@pytest.mark.tools
def test_mlflow_loads_the_project_as_declared(compiled: Path, isolated_tool_env: ToolEnv) -> None:
    project = mlflow_load_project(compiled, env=isolated_tool_env)
    assert project.ok, project
    spec = yaml.safe_load((compiled / "mlops.yaml").read_text())
    assert project.name == spec["project"]["name"]
    assert set(project.entry_points) == set(spec["entry_points"])
    for name, entry in spec["entry_points"].items():
        loaded = project.entry_points[name]
        assert set(loaded.parameters) == set(entry.get("parameters", {}))
        assert loaded.computed, f"MLflow could not build the command of {name}"


@pytest.mark.tools
def test_quickstart_pipeline_runs_and_records_in_mlflow(
    tmp_path: Path, isolated_tool_env: ToolEnv
) -> None:
    source = ROOT / "examples/quickstart"
    repo = dvc_repo_copy(source, tmp_path / "repo", env=isolated_tool_env)
    ran = dvc_repro(repo, env=isolated_tool_env, timeout=600)
    assert ran.ok, ran
    metrics = json.loads((repo / "metrics.json").read_text())
    assert 0.8 < metrics["accuracy"] <= 1.0
    assert (repo / "models/model.pkl").is_file()
    with sqlite3.connect(repo / "mlflow.db") as store:
        params = dict(store.execute("select key, value from params").fetchall())
        metric_names = {row[0] for row in store.execute("select key from metrics")}
        models = [row[0] for row in store.execute("select name from registered_models")]
    assert params["n_estimators"] == "100"
    assert "train_accuracy" in metric_names
    assert models == ["quickstart-classifier"]
    again = dvc_repro(repo, env=isolated_tool_env)
    assert again.ok, again
    assert "didn't change" in again.output or "is cached" in again.output


@pytest.mark.tools
def test_quickstart_main_entry_point_runs_with_mlflow(
    tmp_path: Path, isolated_tool_env: ToolEnv
) -> None:
    project = tmp_path / "quickstart"
    shutil.copytree(ROOT / "examples/quickstart", project)
    store = f"sqlite:///{tmp_path / 'runs.db'}"
    run = mlflow_run(
        project,
        "main",
        params={"n_estimators": 20, "max_depth": 4},
        tracking_uri=store,
        env=isolated_tool_env,
        experiment_name="quickstart",
        timeout=600,
    )
    assert run.ok, run
    with sqlite3.connect(tmp_path / "runs.db") as db:
        logged = dict(db.execute("select key, value from params where run_uuid = ?", (run.run_id,)))
    assert logged["n_estimators"] == "20"
    assert logged["max_depth"] == "4"
