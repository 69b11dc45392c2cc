"""`environment: {kind: local}` and `type: bool` parameters, through the MLflow family.

The import writes `{kind: local}` for an MLproject that names no environment (the
`mlflow run --env-manager=local` layout). The MLflow family must then write an MLproject
without `python_env`/`conda_env`/`docker_env` and no environment file at all: MLflow would
pick up a python_env.yaml or conda.yaml found in the MLproject's folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from support import MINIMAL_SPEC, run_cli, write_tree

from mlops_compiler import compile_spec

ROOT_LOCAL = (
    MINIMAL_SPEC
    + """\
environment: {kind: local}
entry_points:
  main:
    parameters:
      fast: {type: bool, default: true}
    command: python train.py --fast {fast}
"""
)
ENV_KEYS = {"python_env", "conda_env", "docker_env"}


def _outputs(tmp_path: Path, spec: str) -> dict[str, str]:
    write_tree(tmp_path, {"mlops.yaml": spec})
    return compile_spec(tmp_path / "mlops.yaml").texts()


def test_a_local_root_environment_writes_an_mlproject_and_no_environment_file(
    tmp_path: Path,
) -> None:
    outputs = _outputs(tmp_path, ROOT_LOCAL)
    assert sorted(outputs) == [
        ".dvc/.gitignore",
        ".dvc/config",
        ".dvcignore",
        ".gitattributes",
        "MLproject",
        "dvc.yaml",
        "params.yaml",
    ]
    mlproject = yaml.safe_load(outputs["MLproject"])
    assert not ENV_KEYS & set(mlproject)
    assert mlproject["entry_points"]["main"] == {
        "parameters": {"fast": {"type": "bool", "default": True}},
        "command": "python train.py --fast {fast}",
    }


def test_a_local_environment_in_mlflow_projects_writes_no_environment_file(
    tmp_path: Path,
) -> None:
    spec = (
        MINIMAL_SPEC
        + """\
mlflow_projects:
  serve/MLproject:
    environment: {kind: local}
    entry_points:
      main: {command: python serve.py}
"""
    )
    outputs = _outputs(tmp_path, spec)
    assert sorted(outputs) == [
        ".dvc/.gitignore",
        ".dvc/config",
        ".dvcignore",
        ".gitattributes",
        "dvc.yaml",
        "params.yaml",
        "serve/MLproject",
    ]
    assert not ENV_KEYS & set(yaml.safe_load(outputs["serve/MLproject"]))


def test_compile_then_check_of_a_local_environment_is_exit_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"mlops.yaml": ROOT_LOCAL})
    spec = str(tmp_path / "mlops.yaml")
    assert run_cli(capsys, "compile", "-f", spec).exit_code == 0
    assert run_cli(capsys, "compile", "--check", "-f", spec).exit_code == 0
    assert not (tmp_path / "python_env.yaml").exists()


@pytest.mark.parametrize(
    ("parameter", "value", "message"),
    [
        (
            "{type: bool, default: 'yes'}",
            "'yes'",
            "expected true or false (type: bool), got a string",
        ),
        ("{type: bool, default: 1}", "1", "expected true or false (type: bool), got an integer"),
        ("{type: int, default: true}", "true", "expected an integer (type: int), got a boolean"),
        (
            "{type: string, default: false}",
            "false",
            "expected a string (type: string), got a boolean",
        ),
    ],
)
def test_a_default_of_the_wrong_kind_for_bool_is_a_positioned_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], parameter: str, value: str, message: str
) -> None:
    spec = ROOT_LOCAL.replace("{type: bool, default: true}", parameter)
    line = next(n for n, text in enumerate(spec.splitlines(), 1) if "fast: {" in text)
    column = spec.splitlines()[line - 1].index(f"default: {value}") + len("default: ") + 1
    write_tree(tmp_path, {"mlops.yaml": spec})
    run = run_cli(capsys, "validate", "-f", str(tmp_path / "mlops.yaml"))
    assert run.exit_code == 2
    assert (
        f"mlops.yaml:{line}:{column}: error: entry_points.main.parameters.fast.default"
        in run.stderr
    )
    assert message in run.stderr
    assert "hint: give a default of type" in run.stderr
