"""The quality-gate step of cd.yml and retrain.yml, run by bash against a real MLflow registry
(a sqlite store): it tags the newest version, and moves the alias only when the gate passes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from owning_tools import ToolEnv

from mlops_compiler.families.delivery.scripts import GATE

pytestmark = pytest.mark.tools

NAME = "gate-model"


def _register(store: str, versions: int) -> None:
    script = (
        "import sys\nfrom mlflow import MlflowClient\n"
        "client = MlflowClient(sys.argv[1])\n"
        f"client.create_registered_model({NAME!r})\n"
        f"for _ in range({versions}):\n"
        f"    client.create_model_version({NAME!r}, source='file:///tmp/model')\n"
    )
    subprocess.run([sys.executable, "-c", script, store], check=True, capture_output=True)


def _gate(
    folder: Path, store: str, env: ToolEnv, accuracy: float, **extra: str
) -> tuple[int, dict[str, str], str]:
    (folder / "metrics.json").write_text(json.dumps({"test": {"accuracy": accuracy}}))
    output = folder / "github-output"
    output.write_text("")
    variables = {
        **env.environ(tracking_uri=store),
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]]),
        "GITHUB_OUTPUT": str(output),
        "GITHUB_SHA": "0123456789abcdef0123456789abcdef01234567",
        "MODEL_NAME": NAME,
        "ALIAS": "champion",
        "CHAMPION_ALIAS": "champion",
        "FAIL_ON_GATE": "false",
        "GATE_METRICS_FILE": "metrics.json",
        "GATE_METRIC": "test.accuracy",
        "GATE_THRESHOLD": "0.8",
        "GATE_DIRECTION": "higher",
        "GATE_BEAT_CHAMPION": "true",
        **extra,
    }
    run = subprocess.run(
        ["bash", "-e", "-c", GATE], cwd=folder, env=variables, capture_output=True, text=True
    )
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines())
    return run.returncode, outputs, run.stdout + run.stderr


def _alias(store: str) -> str:
    script = (
        "import sys\nfrom mlflow import MlflowClient\n"
        f"print(MlflowClient(sys.argv[1]).get_model_version_by_alias({NAME!r}, 'champion').version)"
    )
    done = subprocess.run([sys.executable, "-c", script, store], capture_output=True, text=True)
    return done.stdout.strip()


def test_the_gate_promotes_only_a_good_enough_better_version(
    tmp_path: Path, isolated_tool_env: ToolEnv
) -> None:
    store = f"sqlite:///{tmp_path / 'registry.db'}"
    _register(store, versions=1)

    code, outputs, log = _gate(tmp_path, store, isolated_tool_env, accuracy=0.7)
    assert (code, outputs) == (0, {"promoted": "false", "version": "1"}), log
    assert "the gate failed (test.accuracy = 0.7 against the threshold 0.8)" in log

    code, outputs, log = _gate(tmp_path, store, isolated_tool_env, accuracy=0.9)
    assert (code, outputs) == (0, {"promoted": "true", "version": "1"}), log
    assert _alias(store) == "1"

    _register_more = (
        "import sys\nfrom mlflow import MlflowClient\n"
        f"MlflowClient(sys.argv[1]).create_model_version({NAME!r}, source='file:///tmp/m2')\n"
    )
    subprocess.run([sys.executable, "-c", _register_more, store], check=True)
    code, outputs, log = _gate(
        tmp_path, store, isolated_tool_env, accuracy=0.85, FAIL_ON_GATE="true"
    )
    assert (code, outputs) == (1, {"promoted": "false", "version": "2"}), log
    assert "and the champion's 0.9" in log
    assert _alias(store) == "1"
