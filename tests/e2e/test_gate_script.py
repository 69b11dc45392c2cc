"""The generated gate (.github/scripts/gate.py) against a real MLflow registry (a sqlite store).

Runs carry the tags the workflows give them (`MLFLOW_RUN_CONTEXT`: the commit and the workflow
run). Each test is a way the old gate ("the newest version") promoted the wrong model. The gate
is imported and run in this process: a subprocess per call paid MLflow's import every time.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from owning_tools import ToolEnv

from mlops_compiler.compiler import compile_spec
from mlops_compiler.families.delivery.scripts import GATE_SCRIPT

pytestmark = pytest.mark.tools

NAME = "gate-model"
COMMIT = "0123456789abcdef0123456789abcdef01234567"
EXAMPLES = Path(__file__).parents[2] / "examples"


@pytest.fixture(scope="module")
def gate_script(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The gate as compile renders it for the quickstart example."""
    text = compile_spec(EXAMPLES / "quickstart" / "mlops.yaml").files[GATE_SCRIPT].text
    path = tmp_path_factory.mktemp("gate") / "gate.py"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def gate(gate_script: Path) -> ModuleType:
    """The generated gate, imported: each test runs its `run(env, client)` in this process (a
    subprocess per call paid MLflow's import, seconds, a dozen times per test)."""
    spec = importlib.util.spec_from_file_location("generated_gate", gate_script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _train(
    env: ToolEnv, store: str, metrics: dict[str, float], *, run: str, commit: str = COMMIT
) -> str:
    """A pipeline run of workflow run `run` that registers a version; its version number.

    The run carries the tags `MLFLOW_RUN_CONTEXT` gives every run in the workflows (that
    mechanism itself is rehearsed end to end in test_rehearse.py)."""
    from mlflow import MlflowClient
    from mlflow.exceptions import MlflowException

    client = MlflowClient(store)
    tags = {"mlops.git_commit": commit, "mlops.workflow_run": run}
    started = client.create_run("0", run_name=f"run-{run}", tags=tags)
    for key, value in metrics.items():
        client.log_metric(started.info.run_id, key, value)
    client.set_terminated(started.info.run_id)
    with contextlib.suppress(MlflowException):  # registered by an earlier version
        client.create_registered_model(NAME)
    version = client.create_model_version(NAME, "file:///tmp/model", run_id=started.info.run_id)
    return str(version.version)


def _gate(
    gate: ModuleType, folder: Path, store: str, env: ToolEnv, *, run: str, **extra: str
) -> tuple[int, dict[str, str], str]:
    from mlflow import MlflowClient

    output = folder / "github-output"
    output.write_text("")
    settings = {
        "GITHUB_OUTPUT": str(output),
        "GIT_COMMIT": COMMIT,
        "WORKFLOW_RUN": run,
        "MODEL_NAME": NAME,
        "ALIAS": "champion",
        "CHAMPION_ALIAS": "champion",
        "FAIL_ON_GATE": "true",
        "ADOPT_LOCKED": "false",
        "GATE_METRICS_FILE": "metrics.json",
        "GATE_METRIC": "accuracy",
        "GATE_THRESHOLD": "0.8",
        "GATE_DIRECTION": "higher",
        "GATE_BEAT_CHAMPION": "true",
    }
    printed = io.StringIO()
    with contextlib.chdir(folder), contextlib.redirect_stdout(printed):
        code = gate.run({**settings, **extra}, MlflowClient(store))
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines())
    return int(code), outputs, printed.getvalue()


def _alias(store: str, alias: str = "champion") -> str:
    from mlflow import MlflowClient
    from mlflow.exceptions import MlflowException

    try:
        return str(MlflowClient(store).get_model_version_by_alias(NAME, alias).version)
    except MlflowException:
        return "none"


@pytest.fixture(scope="module")
def empty_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty registry, migrated once (each test copies it: a fresh store costs seconds)."""
    path = tmp_path_factory.mktemp("store") / "registry.db"
    script = (
        "import sys\nfrom mlflow import MlflowClient\n"
        "MlflowClient(sys.argv[1]).search_experiments()"
    )
    subprocess.run([sys.executable, "-c", script, f"sqlite:///{path}"], check=True)
    return path


@pytest.fixture
def store(tmp_path: Path, empty_store: Path) -> str:
    shutil.copyfile(empty_store, tmp_path / "registry.db")
    return f"sqlite:///{tmp_path / 'registry.db'}"


def test_a_pull_requests_newer_version_is_never_promoted(
    gate: ModuleType, tmp_path: Path, store: str, isolated_tool_env: ToolEnv
) -> None:
    """Finding 1: the old gate took the newest version, here the pull request's bad model."""
    env = isolated_tool_env
    good = _train(env, store, {"accuracy": 0.95}, run="100.1")
    _train(env, store, {"accuracy": 0.10}, run="pr-7.1", commit="f" * 40)  # newest
    code, outputs, log = _gate(gate, tmp_path, store, env, run="100.1")
    assert code == 0, log
    assert outputs["version"] == good == _alias(store)
    assert outputs["promoted"] == "true"
    assert f"version {good} (trained by this run from commit 0123456789ab)" in log


def test_an_up_to_date_pipeline_promotes_nothing_and_keeps_the_champion(
    gate: ModuleType, tmp_path: Path, store: str, isolated_tool_env: ToolEnv
) -> None:
    """Findings 1 and 8: when DVC skipped training, the old gate re-scored the newest version
    (the champion) with a newer metric and moved the alias."""
    env = isolated_tool_env
    champion = _train(env, store, {"accuracy": 0.969}, run="100.1")
    assert _gate(gate, tmp_path, store, env, run="100.1")[0] == 0
    (tmp_path / "metrics.json").write_text(json.dumps({"accuracy": 0.922}))
    code, outputs, log = _gate(gate, tmp_path, store, env, run="101.1")
    assert code == 0, log
    assert outputs == {
        "trained": "false",
        "promoted": "false",
        "version": champion,
        "model_uri": f"models:/{NAME}/{champion}",
    }
    assert "this run trained no new version" in log
    assert f"@champion stays version {champion}" in log
    assert _alias(store) == champion


def test_a_failed_gate_fails_the_run_and_keeps_the_champion(
    gate: ModuleType, tmp_path: Path, store: str, isolated_tool_env: ToolEnv
) -> None:
    """Finding 6: cd's gate ran with FAIL_ON_GATE false, a failed gate was a green run."""
    env = isolated_tool_env
    first = _train(env, store, {"accuracy": 0.90}, run="1.1")
    assert _gate(gate, tmp_path, store, env, run="1.1")[0] == 0
    worse = _train(env, store, {"accuracy": 0.85}, run="2.1")
    code, outputs, log = _gate(gate, tmp_path, store, env, run="2.1")
    assert code == 1, log
    assert f"version {worse}" in log and "the gate failed" in log
    assert "and the champion's (version 1) 0.9" in log
    assert outputs["promoted"] == "false" and outputs["version"] == first == _alias(store)
    code, outputs, log = _gate(gate, tmp_path, store, env, run="2.1", FAIL_ON_GATE="false")
    assert code == 0 and "lets a failed gate pass the run" in log, log


def test_a_retrain_that_trained_nothing_tags_nothing(
    gate: ModuleType, tmp_path: Path, store: str, isolated_tool_env: ToolEnv
) -> None:
    """Finding 6: a retrain run that trained nothing new re-tagged the newest as challenger."""
    env = isolated_tool_env
    _train(env, store, {"accuracy": 0.95}, run="1.1")
    code, outputs, log = _gate(gate, tmp_path, store, env, run="9.1", ALIAS="challenger")
    assert (code, outputs["promoted"]) == (0, "false"), log
    assert _alias(store, "challenger") == "none"


def test_each_model_is_judged_by_its_own_metric(
    gate: ModuleType, tmp_path: Path, store: str, isolated_tool_env: ToolEnv
) -> None:
    """Finding 8: examples/advanced registers three models under one name; the old gate
    promoted the boosting model (0.956) with the logistic regression's 0.982."""
    env = isolated_tool_env
    _train(env, store, {"accuracy": 0.956}, run="5.1")
    best = _train(env, store, {"accuracy": 0.982}, run="5.1")
    _train(env, store, {"accuracy": 0.930}, run="5.1")
    code, outputs, log = _gate(gate, tmp_path, store, env, run="5.1")
    assert code == 0, log
    assert outputs["version"] == best == _alias(store)
    assert "accuracy = 0.982" in log


def test_several_versions_and_one_metrics_file_is_refused(
    gate: ModuleType, tmp_path: Path, store: str, isolated_tool_env: ToolEnv
) -> None:
    env = isolated_tool_env
    _train(env, store, {"train_accuracy": 1.0}, run="5.1")
    _train(env, store, {"train_accuracy": 1.0}, run="5.1")
    (tmp_path / "metrics.json").write_text(json.dumps({"accuracy": 0.99}))
    code, _, log = _gate(gate, tmp_path, store, env, run="5.1")
    assert code == 2, log
    assert "this run trained 2 versions" in log and "cannot tell which model" in log
    assert _alias(store) == "none"


def test_one_version_is_scored_from_the_metrics_file(
    gate: ModuleType, tmp_path: Path, store: str, isolated_tool_env: ToolEnv
) -> None:
    env = isolated_tool_env
    version = _train(env, store, {"train_accuracy": 1.0}, run="5.1")
    (tmp_path / "metrics.json").write_text(json.dumps({"test": {"accuracy": 0.91}}))
    code, outputs, log = _gate(gate, tmp_path, store, env, run="5.1", GATE_METRIC="test.accuracy")
    assert (code, outputs["version"]) == (0, version), log


def test_cd_adopts_the_version_gated_for_this_dvc_lock(
    gate: ModuleType, tmp_path: Path, store: str, isolated_tool_env: ToolEnv
) -> None:
    """A retraining pull request's model, merged: cd's `dvc repro` is up to date, and the
    version whose gate passed for exactly this dvc.lock is the one to deploy."""
    env = isolated_tool_env
    (tmp_path / "dvc.lock").write_text("schema: '2.0'\nstages: {}\n")
    retrained = _train(env, store, {"accuracy": 0.97}, run="retrain-3.1")
    code, _, log = _gate(gate, tmp_path, store, env, run="retrain-3.1", ALIAS="challenger")
    assert code == 0 and _alias(store, "challenger") == retrained, log
    code, outputs, log = _gate(
        gate, tmp_path, store, env, run="cd-4.1", ALIAS="challenger", ADOPT_LOCKED="true"
    )
    assert (code, outputs["version"]) == (0, retrained), log
    assert "gated before for this dvc.lock" in log
    (tmp_path / "dvc.lock").write_text("schema: '2.0'\nstages: {other: {}}\n")
    code, outputs, log = _gate(gate, tmp_path, store, env, run="cd-5.1", ADOPT_LOCKED="true")
    assert (code, outputs["promoted"]) == (0, "false"), log


def test_the_gate_script_is_lint_clean(gate_script: Path) -> None:
    """Finding 7: the gate was a heredoc in YAML that no linter or type checker saw."""
    tools = Path(sys.executable).parent
    for command in (
        [str(tools / "ruff"), "check", "--isolated", str(gate_script)],
        [str(tools / "ruff"), "format", "--isolated", "--check", str(gate_script)],
        [str(tools / "mypy"), "--strict", "--ignore-missing-imports", str(gate_script)],
    ):
        done = subprocess.run(command, capture_output=True, text=True, cwd=gate_script.parent)
        assert done.returncode == 0, (command, done.stdout, done.stderr)


def test_an_up_to_date_pipeline_whose_model_is_the_champion_promotes_nothing(
    gate: ModuleType, tmp_path: Path, store: str, isolated_tool_env: ToolEnv
) -> None:
    """Adversarial (c): main's pipeline is up to date and its dvc.lock's model is already the
    champion. The old gate adopted it again as if new (`promoted=true`, the alias re-set)."""
    env = isolated_tool_env
    (tmp_path / "dvc.lock").write_text("schema: '2.0'\nstages: {}\n")
    trained = _train(env, store, {"accuracy": 0.97}, run="cd-1.1")
    code, _, log = _gate(gate, tmp_path, store, env, run="cd-1.1")
    assert code == 0 and _alias(store) == trained, log
    code, outputs, log = _gate(gate, tmp_path, store, env, run="cd-2.1", ADOPT_LOCKED="true")
    assert (code, outputs["promoted"], outputs["version"]) == (0, "false", trained), log
    assert log.strip() == (
        f"{NAME}: this run trained no new version (the pipeline was up to date, or it registered"
        f" nothing): nothing is promoted; @champion stays version {trained}"
    )
