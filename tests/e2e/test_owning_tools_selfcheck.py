"""The owning-tool helpers themselves: good inputs pass, known-bad inputs fail, as expected.

Everything is built inline in tmp_path, so these tests do not depend on the compiler.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from owning_tools import (
    MlflowParameter,
    ToolEnv,
    dvc_dag,
    dvc_repo_copy,
    dvc_repro,
    dvc_stage_list,
    dvc_static_check,
    mlflow_load_project,
    mlflow_run,
    run_dvc,
    run_mlflow,
)

pytestmark = pytest.mark.tools


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


# ----------------------------------------------------------------------------- DVC

DVC_YAML = """\
stages:
  prepare:
    cmd: python src/prepare.py
    deps: [src/prepare.py, data/raw.csv]
    params: [prepare.seed]
    outs: [data/prepared.csv]
  train:
    cmd: python src/train.py
    deps: [src/train.py, data/prepared.csv]
    params: [train.n_estimators]
    outs: [model.txt]
    metrics:
      - metrics.json:
          cache: false
"""

GOOD_PIPELINE = {
    "dvc.yaml": DVC_YAML,
    "params.yaml": "prepare:\n  seed: 42\ntrain:\n  n_estimators: 3\n",
    "data/raw.csv": "x\n1\n2\n",
    "src/prepare.py": (
        "from pathlib import Path\n"
        "Path('data/prepared.csv').write_text(Path('data/raw.csv').read_text())\n"
    ),
    "src/train.py": (
        "import json\n"
        "from pathlib import Path\n"
        "rows = Path('data/prepared.csv').read_text().splitlines()[1:]\n"
        "Path('model.txt').write_text('model')\n"
        "Path('metrics.json').write_text(json.dumps({'rows': len(rows)}))\n"
    ),
}


def _pipeline(tmp_path: Path, env: ToolEnv, **changes: str) -> Path:
    src = write_tree(tmp_path / "generated", {**GOOD_PIPELINE, **changes})
    return dvc_repo_copy(src, tmp_path / "repo", env=env)


def test_valid_pipeline_passes_every_static_check(
    tmp_path: Path, isolated_tool_env: ToolEnv
) -> None:
    repo = _pipeline(tmp_path, isolated_tool_env)

    listed = dvc_stage_list(repo, env=isolated_tool_env)
    assert listed.ok, listed
    assert listed.stages == ("prepare", "train")

    dag = dvc_dag(repo, env=isolated_tool_env, fmt="dot")
    assert dag.ok, dag
    assert '"prepare" -> "train";' in dag.output.splitlines()

    static = dvc_static_check(repo, env=isolated_tool_env)
    assert static.ok, static
    assert static.errors == ()
    assert static.warnings == ()
    assert static.stages == ("prepare", "train")
    assert static.edges == {("prepare", "train")}


def test_repo_copy_keeps_a_generated_dvc_config(tmp_path: Path, isolated_tool_env: ToolEnv) -> None:
    config = (
        "[core]\n    remote = storage\n['remote \"storage\"']\n    url = s3://bucket/selfcheck\n"
    )
    repo = _pipeline(tmp_path, isolated_tool_env, **{".dvc/config": config})

    assert (repo / ".dvc" / "config").read_text(encoding="utf-8") == config
    assert (repo / ".dvc" / ".gitignore").is_file()  # the rest of `dvc init` is still there
    remotes = run_dvc(repo, "remote", "list", env=isolated_tool_env)
    assert remotes.ok, remotes
    assert remotes.output.split() == ["storage", "s3://bucket/selfcheck", "(default)"]


CYCLE = DVC_YAML.replace(
    "deps: [src/prepare.py, data/raw.csv]", "deps: [src/prepare.py, data/raw.csv, model.txt]"
)


@pytest.mark.parametrize(
    ("changes", "expected_errors"),
    [
        pytest.param(
            {"dvc.yaml": CYCLE},
            (
                "dvc: CyclicGraphError: Same item(s) are defined as both a dependency "
                "and an output in stages: prepare, train.",
            ),
            id="cycle",
        ),
        pytest.param(
            {"params.yaml": "prepare:\n  seed: 42\ntrain:\n  n_trees: 3\n"},
            ("stage train: Parameters 'train.n_estimators' are missing from 'params.yaml'.",),
            id="missing-params-key",
        ),
        pytest.param(
            {"data/raw.csv": "", "dvc.yaml": DVC_YAML.replace("data/raw.csv", "data/nope.csv")},
            ("stage prepare: dep 'data/nope.csv' does not exist and no stage outputs it",),
            id="missing-dep",
        ),
    ],
)
def test_broken_pipeline_fails_the_static_check(
    tmp_path: Path,
    isolated_tool_env: ToolEnv,
    changes: dict[str, str],
    expected_errors: tuple[str, ...],
) -> None:
    repo = _pipeline(tmp_path, isolated_tool_env, **changes)

    static = dvc_static_check(repo, env=isolated_tool_env)

    assert not static.ok, static
    assert static.errors == expected_errors


def test_duplicate_out_fails_the_static_check(tmp_path: Path, isolated_tool_env: ToolEnv) -> None:
    dup = DVC_YAML.replace("outs: [model.txt]", "outs: [data/prepared.csv]")
    repo = _pipeline(tmp_path, isolated_tool_env, **{"dvc.yaml": dup})

    static = dvc_static_check(repo, env=isolated_tool_env)

    assert not static.ok, static
    # DVC lists the stages in set order, which changes from run to run.
    message = (
        "dvc: OutputDuplicationError: output 'data/prepared.csv' is specified in:\n"
        "\t- {}\n\t- {}\n"
        "Use `dvc remove` with any of the above targets to stop tracking the overlapping output."
    )
    assert static.errors in {
        (message.format("prepare", "train"),),
        (message.format("train", "prepare"),),
    }


def test_unknown_stage_key_fails_every_loader(tmp_path: Path, isolated_tool_env: ToolEnv) -> None:
    repo = _pipeline(
        tmp_path,
        isolated_tool_env,
        **{"dvc.yaml": DVC_YAML.replace("outs: [model", "outz: [model")},
    )

    assert not dvc_stage_list(repo, env=isolated_tool_env).ok
    assert not dvc_dag(repo, env=isolated_tool_env).ok
    static = dvc_static_check(repo, env=isolated_tool_env)
    assert not static.ok, static
    assert len(static.errors) == 1
    assert static.errors[0].startswith("dvc: YAMLValidationError: './dvc.yaml' validation failed")


def test_cycle_fails_dvc_dag(tmp_path: Path, isolated_tool_env: ToolEnv) -> None:
    repo = _pipeline(tmp_path, isolated_tool_env, **{"dvc.yaml": CYCLE})

    dag = dvc_dag(repo, env=isolated_tool_env)

    assert not dag.ok, dag


def test_missing_dep_is_only_a_warning_when_asked(
    tmp_path: Path, isolated_tool_env: ToolEnv
) -> None:
    repo = _pipeline(tmp_path, isolated_tool_env)
    (repo / "data" / "raw.csv").unlink()

    static = dvc_static_check(repo, env=isolated_tool_env, missing_deps="warn")

    assert static.ok, static
    assert static.warnings == (
        "stage prepare: dep 'data/raw.csv' does not exist and no stage outputs it",
    )


def test_repro_runs_the_pipeline(tmp_path: Path, isolated_tool_env: ToolEnv) -> None:
    repo = _pipeline(tmp_path, isolated_tool_env)

    result = dvc_repro(repo, env=isolated_tool_env)

    assert result.ok, result
    assert json.loads((repo / "metrics.json").read_text(encoding="utf-8")) == {"rows": 2}
    assert (repo / "dvc.lock").is_file()
    assert not (tmp_path / "generated" / "metrics.json").exists()  # the source is untouched


def test_repro_reports_a_failing_stage(tmp_path: Path, isolated_tool_env: ToolEnv) -> None:
    repo = _pipeline(tmp_path, isolated_tool_env, **{"src/train.py": "raise SystemExit(3)\n"})

    result = dvc_repro(repo, env=isolated_tool_env)

    assert not result.ok, result
    assert "failed to reproduce 'train'" in result.output


# ----------------------------------------------------------------------------- MLflow

MLPROJECT = """\
name: selfcheck
python_env: python_env.yaml
entry_points:
  main:
    command: python train.py --n-estimators {n_estimators} --alpha {alpha}
    parameters:
      n_estimators: {type: int, default: 100}
      alpha: {type: float, default: 0.5}
  fail:
    command: python -c 'raise SystemExit(3)'
"""

GOOD_PROJECT = {
    "MLproject": MLPROJECT,
    "python_env.yaml": 'python: "3.11"\nbuild_dependencies: [pip]\ndependencies: [mlflow]\n',
    "train.py": (
        "import argparse\n"
        "import mlflow\n"
        "parser = argparse.ArgumentParser()\n"
        "parser.add_argument('--n-estimators', type=int)\n"
        "parser.add_argument('--alpha', type=float)\n"
        "args = parser.parse_args()\n"
        "with mlflow.start_run():\n"
        "    mlflow.log_param('n_estimators', args.n_estimators)\n"
        "    mlflow.log_metric('alpha', args.alpha)\n"
    ),
}


def test_valid_mlproject_loads(tmp_path: Path, isolated_tool_env: ToolEnv) -> None:
    project = write_tree(tmp_path / "project", GOOD_PROJECT)

    result = mlflow_load_project(project, env=isolated_tool_env)

    assert result.ok, result
    assert result.errors == ()
    assert result.name == "selfcheck"
    assert result.env_type == "python_env"
    assert result.env_file == "python_env.yaml"
    assert list(result.entry_points) == ["main", "fail"]
    main = result.entry_points["main"]
    assert main.parameters == {
        "n_estimators": MlflowParameter(type="int", default=100),
        "alpha": MlflowParameter(type="float", default=0.5),
    }
    assert main.computed == "python train.py --n-estimators 100 --alpha 0.5"


@pytest.mark.parametrize(
    ("old", "new", "expected_errors"),
    [
        pytest.param(
            "--alpha {alpha}",
            "--alpha {alpha} --lr {lr}",
            ("entry point 'main': command uses undeclared parameter 'lr'",),
            id="undeclared-placeholder",
        ),
        pytest.param(
            "{type: float, default: 0.5}",
            "{type: number, default: 0.5}",
            ("entry point 'main': parameter 'alpha' has unknown type 'number'",),
            id="unknown-type",
        ),
        pytest.param(
            "{type: int, default: 100}",
            "{type: int, default: many}",
            ("entry point 'main': parameter 'n_estimators': default 'many' is not a int",),
            id="default-not-of-type",
        ),
        pytest.param(
            "{type: int, default: 100}",
            "{type: int, defualt: 100}",
            (
                "entry point 'main': parameter 'n_estimators': unknown key 'defualt' "
                "(MLflow ignores it)",
            ),
            id="misspelled-parameter-key",
        ),
        pytest.param(
            "entry_points:",
            "entrypoints:",
            (
                "unknown top-level key 'entrypoints' (MLflow ignores it)",
                "no entry points (is the key spelled `entry_points`?)",
            ),
            id="misspelled-entry-points",
        ),
        pytest.param(
            "python_env: python_env.yaml",
            "python_env: missing.yaml",
            (
                "load_project: ExecutionException: Project specified python_env file "
                "./missing.yaml, but no such file was found.",
            ),
            id="missing-env-file",
        ),
    ],
)
def test_broken_mlproject_fails(
    tmp_path: Path,
    isolated_tool_env: ToolEnv,
    old: str,
    new: str,
    expected_errors: tuple[str, ...],
) -> None:
    assert old in MLPROJECT
    project = write_tree(
        tmp_path / "project", {**GOOD_PROJECT, "MLproject": MLPROJECT.replace(old, new)}
    )

    result = mlflow_load_project(project, env=isolated_tool_env)

    assert not result.ok, result
    assert result.errors == expected_errors


def test_mlflow_run_logs_to_the_given_store(tmp_path: Path, isolated_tool_env: ToolEnv) -> None:
    project = write_tree(tmp_path / "project", GOOD_PROJECT)
    store = f"sqlite:///{tmp_path / 'store' / 'mlflow.db'}"
    (tmp_path / "store").mkdir()

    result = mlflow_run(project, "main", {"n_estimators": 7}, store, env=isolated_tool_env)

    assert result.ok, result
    assert result.run_id is not None, result
    assert (tmp_path / "store" / "mlflow.db").is_file()
    assert sorted(p.name for p in project.iterdir()) == sorted(GOOD_PROJECT)  # nothing stored here
    described = run_mlflow(
        project,
        "runs",
        "describe",
        "--run-id",
        result.run_id,
        env=isolated_tool_env,
        tracking_uri=store,
    )
    assert described.ok, described
    run = json.loads(described.output[described.output.index("{") :])
    assert run["data"]["params"] == {"n_estimators": "7", "alpha": "0.5"}
    assert run["data"]["metrics"] == {"alpha": 0.5}


def test_mlflow_run_reports_a_failing_entry_point(
    tmp_path: Path, isolated_tool_env: ToolEnv
) -> None:
    project = write_tree(tmp_path / "project", GOOD_PROJECT)

    result = mlflow_run(
        project, "fail", tracking_uri=f"sqlite:///{tmp_path}/mlflow.db", env=isolated_tool_env
    )

    assert not result.ok, result
