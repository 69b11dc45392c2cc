"""`pipelines`, `params_files`, `mlflow_projects` and `data.config`: a repository's layout."""

from __future__ import annotations

import configparser
from pathlib import Path

import pytest
import yaml
from support import run_cli, write_tree

from mlops_compiler import compile_spec

LAYOUT = """\
    version: 1
    project:
      name: demo
    data:
      config:
        core: {autostage: true}
        'remote "vault"': {url: "webdavs://example.com/dvc", jobs: 4}
        studio: {offline: true}
    pipelines:
      ingest/dvc.yaml:
        vars: [params.yaml]
        stages:
          fetch:
            cmd: python fetch.py --rows ${rows}
            params: [rows]
            outs: [raw.csv]
          publish:
            cmd: cp ingest/raw.csv published.csv
            wdir: ..
            deps: [ingest/raw.csv]
            outs:
              - {path: published.csv, remote: vault}
        plots:
          - loss: {x: step, y: {logs/train.tsv: loss}}
        artifacts:
          model: {path: model.pkl, type: model}
      reports/dvc.yaml:
        stages: {}
    params_files:
      ingest/params.yaml: {rows: 100}
    mlflow_projects:
      steps/get/MLProject:
        name: get data
        environment:
          kind: conda
          file: env/conda.yml
          content: {name: get, dependencies: [python=3.11, {pip: [mlflow]}]}
        entry_points:
          main:
            parameters:
              rows: {type: str, default: "100", description: How many rows}
              seed: int
            command: python get.py {rows} {seed}
    """


def test_every_file_of_the_layout_is_generated_where_the_spec_says(tmp_path: Path) -> None:
    write_tree(tmp_path, {"mlops.yaml": LAYOUT})
    texts = compile_spec(tmp_path / "mlops.yaml").texts()
    assert sorted(texts) == [
        ".dvc/.gitignore",
        ".dvc/config",
        ".dvcignore",
        ".gitattributes",
        "ingest/dvc.yaml",
        "ingest/params.yaml",
        "reports/dvc.yaml",
        "steps/get/MLProject",
        "steps/get/env/conda.yml",
    ]
    ingest = yaml.safe_load(texts["ingest/dvc.yaml"])
    assert ingest["plots"] == [{"loss": {"x": "step", "y": {"logs/train.tsv": "loss"}}}]
    assert ingest["artifacts"] == {"model": {"path": "model.pkl", "type": "model"}}
    assert yaml.safe_load(texts["reports/dvc.yaml"]) == {"stages": {}}
    mlproject = yaml.safe_load(texts["steps/get/MLProject"])
    assert mlproject["conda_env"] == "env/conda.yml"
    assert mlproject["entry_points"]["main"]["parameters"] == {
        "rows": {"type": "str", "default": "100", "description": "How many rows"},
        "seed": "int",
    }
    config = configparser.ConfigParser(interpolation=None)
    config.read_string(texts[".dvc/config"])
    assert dict(config["core"]) == {"autostage": "true"}
    assert dict(config["'remote \"vault\"'"]) == {"url": "webdavs://example.com/dvc", "jobs": "4"}


def _errors(tmp_path: Path, capsys: pytest.CaptureFixture[str], spec: str) -> list[str]:
    write_tree(tmp_path, {"mlops.yaml": spec})
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        result = run_cli(capsys, "validate", "-f", "mlops.yaml")
    return [line for line in result.stderr.splitlines() if line.startswith("mlops.yaml")]


HEAD = "version: 1\nproject:\n  name: demo\n"


@pytest.mark.parametrize(
    ("section", "message"),
    [
        (
            "pipelines:\n  sub/pipeline.yaml: {stages: {}}\n",
            "mlops.yaml:5:3: error: pipelines.sub/pipeline.yaml: `sub/pipeline.yaml` is not a"
            " dvc.yaml: DVC reads pipelines only from files named dvc.yaml",
        ),
        (
            "pipelines:\n  ../up/dvc.yaml: {stages: {}}\n",
            "mlops.yaml:5:3: error: pipelines.../up/dvc.yaml: `../up/dvc.yaml` is not a path"
            " inside the project",
        ),
        (
            "pipelines:\n  old/dvc.yml: {stages: {}}\n",
            "mlops.yaml:5:3: warning: pipelines.old/dvc.yml: DVC reads only files named dvc.yaml,"
            " so it ignores `old/dvc.yml`",
        ),
        (
            "params: {a: 1}\nparams_files:\n  params.yaml: {a: 1}\n",
            "mlops.yaml:6:3: error: params_files.params.yaml: `params.yaml` would be generated"
            " twice (also by `params`)",
        ),
        (
            "params_files:\n  conf/x.json: {a: 1}\n",
            "mlops.yaml:5:3: error: params_files.conf/x.json: `conf/x.json` is not a YAML file:"
            " params files are written as YAML",
        ),
        (
            "mlflow_projects:\n  steps/Mlproj: {entry_points: {main: {command: x}}}\n",
            "mlops.yaml:5:3: error: mlflow_projects.steps/Mlproj: `steps/Mlproj` is not an"
            " MLproject: MLflow reads a file named MLproject",
        ),
        (
            "entry_points: {main: {command: x}}\n"
            "mlflow_projects:\n  MLProject: {entry_points: {main: {command: x}}}\n",
            "mlops.yaml:6:3: error: mlflow_projects.MLProject: `MLProject` would be generated"
            " twice (also by `entry_points`)",
        ),
        (
            "data: {}\n",
            "mlops.yaml:4:1: error: data: `data` declares no remotes and no settings",
        ),
        (
            "data:\n  remotes: {s: {kind: s3, url: s3://b}}\n  config: {core: {remote: s}}\n",
            "mlops.yaml:6:19: error: data.config.core.remote: the default remote is given twice",
        ),
    ],
)
def test_layout_mistakes_are_positioned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], section: str, message: str
) -> None:
    assert message in _errors(tmp_path, capsys, HEAD + section)


def test_a_params_file_is_read_relative_to_the_stage_wdir(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = HEAD + (
        "params: {lr: 1}\n"
        "pipelines:\n"
        "  sub/dvc.yaml:\n"
        "    stages:\n"
        "      root: {cmd: x, wdir: .., params: [lr]}\n"
        "      here: {cmd: x, params: [lr]}\n"
    )
    assert _errors(tmp_path, capsys, spec) == [
        "mlops.yaml:9:31: error: pipelines.sub/dvc.yaml.stages.here.params[0]: params file"
        " `sub/params.yaml` does not exist"
    ]


def test_stages_of_different_dvc_yaml_files_are_told_apart_in_a_cycle(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = HEAD + (
        "pipelines:\n"
        "  a/dvc.yaml:\n"
        "    stages:\n"
        "      run: {cmd: x, deps: [../b/out], outs: [out]}\n"
        "  b/dvc.yaml:\n"
        "    stages:\n"
        "      run: {cmd: x, deps: [../a/out], outs: [out]}\n"
    )
    errors = _errors(tmp_path, capsys, spec)
    assert len(errors) == 1
    assert errors[0].endswith(
        "the pipeline has a cycle (each stage's outputs feed the next):"
        " a/dvc.yaml:run -> b/dvc.yaml:run -> a/dvc.yaml:run"
    )


def test_files_are_written_as_they_are_after_the_header(tmp_path: Path) -> None:
    spec = HEAD + (
        "files:\n"
        "  docker/train.Dockerfile:\n"
        '    text: "# syntax=docker/dockerfile:1\\nFROM python:3.11-slim\\n"\n'
        "  .github/workflows/nightly.yml:\n"
        "    text: \"on:\\n  schedule: [{cron: '0 3 * * *'}]\\n\"\n"
    )
    write_tree(tmp_path, {"mlops.yaml": spec})
    texts = compile_spec(tmp_path / "mlops.yaml").texts()
    header = (
        "# This file is generated by mlops-compiler from mlops.yaml. Do not edit it by hand:\n"
        "# change mlops.yaml and run `mlops compile`.\n"
    )
    assert texts["docker/train.Dockerfile"] == (
        "# syntax=docker/dockerfile:1\n" + header + "FROM python:3.11-slim\n"
    )
    assert texts[".github/workflows/nightly.yml"] == (
        header + "on:\n  schedule: [{cron: '0 3 * * *'}]\n"
    )


@pytest.mark.parametrize(
    ("section", "message"),
    [
        (
            "files:\n  scripts/run.sh: {text: echo}\n",
            "mlops.yaml:5:3: error: files.scripts/run.sh: `scripts/run.sh` is neither a GitHub"
            " workflow nor a Dockerfile: `files` carries those only",
        ),
    ],
)
def test_files_mistakes_are_positioned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], section: str, message: str
) -> None:
    assert message in _errors(tmp_path, capsys, HEAD + section)
