"""`mlops explain FILE[:LINE]`: from a generated line back to the spec key and the template."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import MINIMAL_SPEC, run_cli, write_tree

SPEC = (
    MINIMAL_SPEC
    + """\
tracking:
  experiment: demo
entry_points:
  main:
    command: python train.py --lr {lr}
    parameters:
      lr: {type: float, default: 0.1}
"""
)


@pytest.fixture
def project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Path:
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, {"mlops.yaml": SPEC})
    assert run_cli(capsys, "compile").exit_code == 0
    return tmp_path


def test_a_line_maps_to_its_spec_key_with_the_source_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = (project / "dvc.yaml").read_text().splitlines()
    line = lines.index("      - model.pkl") + 1
    result = run_cli(capsys, "explain", f"dvc.yaml:{line}")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        f"dvc.yaml:{line}: - model.pkl\n"
        "  data: stages.train.outs[0]\n"
        "  from mlops.yaml:12:14: pipeline.stages.train.outs[0]\n"
        "     12 |       outs: [model.pkl]\n"
        "                       ^^^^^^^^^\n"
        "  template: templates/dvc/dvc.yaml.jinja (section `pipeline`)\n"
    )


@pytest.mark.parametrize(
    ("file", "text", "spec_path"),
    [
        (
            "params.yaml",
            "  tracking_uri: 'sqlite:///mlflow.db'",
            "tracking.uri (not written in the spec",
        ),
        ("params.yaml", "  experiment_name: demo", "tracking.experiment"),
        ("params.yaml", "  lr: 0.1", "params.train.lr"),
        ("MLproject", "name: demo", "project.name"),
        ("MLproject", "      lr: {type: float, default: 0.1}", "entry_points.main.parameters.lr"),
        ("python_env.yaml", "python: '3.11'", "project.python (not written in the spec"),
        ("dvc.yaml", "      - train.lr", "pipeline.stages.train.params[0]"),
    ],
)
def test_each_generated_format_maps_back(
    project: Path, capsys: pytest.CaptureFixture[str], file: str, text: str, spec_path: str
) -> None:
    line = (project / file).read_text().splitlines().index(text) + 1
    result = run_cli(capsys, "explain", f"{file}:{line}")
    assert result.exit_code == 0, result.stderr
    [origin] = [row for row in result.stdout.splitlines() if row.startswith("  from ")]
    assert f": {spec_path}" in origin


def test_the_header_and_a_whole_file_summary(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = run_cli(capsys, "explain", "dvc.yaml:1")
    assert header.stdout.splitlines()[1] == "  the header every generated file carries"
    summary = run_cli(capsys, "explain", "dvc.yaml")
    assert summary.stdout == (
        "dvc.yaml: generated from mlops.yaml by templates/dvc/dvc.yaml.jinja\n"
        "  section: pipeline\n"
        "  on disk: up to date\n"
        "  lines    from\n"
        "  3        pipeline.stages                          mlops.yaml:7\n"
        "  4-11     pipeline.stages.train                    mlops.yaml:8\n"
    )


def test_a_stale_file_is_flagged_and_unknown_files_or_lines_are_usage_errors(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "dvc.yaml").write_text("# edited\n")
    assert (
        "note: dvc.yaml on disk differs from what the spec generates now"
        in run_cli(capsys, "explain", "dvc.yaml:4").stdout
    )
    unknown = run_cli(capsys, "explain", "README.md")
    assert unknown.exit_code == 2
    assert unknown.stderr.startswith("mlops: error: README.md is not a file mlops.yaml generates")
    beyond = run_cli(capsys, "explain", "dvc.yaml:999")
    assert (beyond.exit_code, beyond.stderr.splitlines()[0]) == (
        2,
        "mlops: error: dvc.yaml has 11 lines; there is no line 999",
    )


def test_the_spec_is_found_next_to_the_file(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project.parent)
    result = run_cli(capsys, "explain", f"{project.name}/MLproject:3")
    assert result.exit_code == 0, result.stderr
    assert "from mlops.yaml:3:9: project.name" in result.stdout


def test_files_of_a_layout_map_back_to_their_entry(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_tree(
        tmp_path,
        {
            "mlops.yaml": """\
                version: 1
                project: {name: demo}
                pipelines:
                  ingest/dvc.yaml:
                    stages:
                      fetch:
                        cmd: python fetch.py
                        params: [rows]
                        outs: [raw.csv]
                params_files:
                  ingest/params.yaml: {rows: 100}
            """
        },
    )
    result = run_cli(capsys, "explain", "ingest/dvc.yaml:4")
    assert result.stdout.splitlines()[:3] == [
        "ingest/dvc.yaml:4: fetch:",
        "  data: stages.fetch",
        "  from mlops.yaml:6:7: pipelines.ingest/dvc.yaml.stages.fetch",
    ]
    params = run_cli(capsys, "explain", "ingest/params.yaml:3")
    assert params.stdout.splitlines()[2] == (
        "  from mlops.yaml:11:30: params_files.ingest/params.yaml.rows"
    )
