"""`--format json` on every command (issue 18): one JSON document on stdout, whatever happens,
with the command's own keys as docs/cli.md documents them.

Each test goes through the console entry point (`mlops_compiler.entry.run`, what `mlops` and
`python -m mlops_compiler` call), parses stdout as JSON and checks the command's keys.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from support import MINIMAL_SPEC, write_tree

from mlops_compiler.entry import run

ENVELOPE = {"version", "exit_code", "errors", "warnings", "diagnostics"}


def as_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    """Run ``mlops ARGV --format json``; stdout must be exactly one JSON document."""
    code = run([*argv, "--format", "json"])
    out = capsys.readouterr().out
    document: dict[str, Any] = json.loads(out)
    assert set(document) >= ENVELOPE
    assert document["exit_code"] == code
    return document


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_tree(tmp_path, {"mlops.yaml": MINIMAL_SPEC})


def test_explain_of_a_file_and_of_a_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(["compile"])
    capsys.readouterr()
    whole = as_json(capsys, "explain", "dvc.yaml")["explanation"]
    assert (whole["file"], whole["section"], whole["on_disk"]) == (
        "dvc.yaml",
        "pipeline",
        "up to date",
    )
    assert whole["template"] == "templates/dvc/dvc.yaml.jinja"
    assert {"first", "last", "spec_path", "spec_line", "spec_column", "default"} == set(
        whole["lines"][0]
    )
    assert "pipeline.stages.train" in [item["spec_path"] for item in whole["lines"]]
    number = 1 + (project / "dvc.yaml").read_text().splitlines().index("      - train.py")
    line = as_json(capsys, "explain", f"dvc.yaml:{number}")["explanation"]
    assert (line["line"], line["text"]) == (number, "      - train.py")
    assert line["origin"] == {
        "spec_path": "pipeline.stages.train.deps[0]",
        "spec_line": 10,
        "spec_column": 14,
        "default": False,
    }


def test_explain_of_a_file_not_generated_is_a_json_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = as_json(capsys, "explain", "nothing.yaml")
    assert (document["exit_code"], document["errors"]) == (2, 1)
    assert (
        document["diagnostics"][0]["message"] == "nothing.yaml is not a file mlops.yaml generates"
    )


def test_schema_is_the_document_itself(capsys: pytest.CaptureFixture[str]) -> None:
    document = as_json(capsys, "schema")
    schema = document["schema"]
    assert schema["$id"] == "https://json.schemastore.org/mlops-compiler.json"
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    markdown = as_json(capsys, "schema", "--markdown")["markdown"]
    assert markdown == (Path(__file__).parents[2] / "docs/spec.md").read_text(encoding="utf-8")


def test_completion_carries_the_script(capsys: pytest.CaptureFixture[str]) -> None:
    document = as_json(capsys, "completion", "fish")
    assert document["shell"] == "fish"
    assert document["script"].startswith("# fish completion for mlops")
    assert "complete -c mlops" in document["script"]


def test_validate_and_compile(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    validate = as_json(capsys, "validate")
    assert (validate["exit_code"], validate["diagnostics"]) == (0, [])
    compiled = as_json(capsys, "compile")
    assert {"path": "dvc.yaml", "change": "create"} in compiled["files"]


def test_graph_absorb_init_and_build(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    graph = as_json(capsys, "graph")
    assert graph["pipelines"] == [{"path": "dvc.yaml", "stages": ["train"], "edges": []}]
    run(["compile"])
    capsys.readouterr()
    absorb = as_json(capsys, "absorb")
    assert absorb["absorbed"] == []
    (project / "new").mkdir()
    assert as_json(capsys, "init", "new")["written"] == [str(Path("new") / "mlops.yaml")]
    refused = as_json(capsys, "init", "new")
    assert (refused["exit_code"], refused["written"]) == (3, [])
    build = as_json(capsys, "build", "--tag", "a:b")
    assert (build["exit_code"], build["images"]) == (2, [])


def test_verify_lists_each_tool_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = "version: 1\nproject: {name: demo}\nparams:\n  train: {lr: 0.1}\n"
    monkeypatch.chdir(write_tree(tmp_path, {"mlops.yaml": spec}))
    document = as_json(capsys, "verify")
    assert document["results"] == [
        {
            "path": ".gitattributes",
            "tool": "-",
            "status": "NONE",
            "detail": "no owning tool checks this format",
        },
        {
            "path": "params.yaml",
            "tool": "dvc",
            "status": "NONE",
            "detail": "dvc reads it only through a stage",
        },
    ]


def test_import_check_and_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    dvc_yaml = "stages:\n  train:\n    cmd: python train.py\n    outs:\n    - model.pkl\n"
    broken = "name: x\nentry_points: [\n"
    monkeypatch.chdir(write_tree(tmp_path, {"dvc.yaml": dvc_yaml, "MLproject": broken}))
    check = as_json(capsys, "import", "--check")
    assert check["exit_code"] == 1
    assert check["adopted"] == [{"path": "dvc.yaml", "kind": "pipeline", "patches": 0}]
    assert check["skipped"] == [
        {
            "path": "MLproject",
            "verdict": "unreadable",
            "reason": "MLproject:3:1: YAML syntax error: expected the node content, but found"
            " '<stream end>'",
        }
    ]
    # Any pipeline makes the DVC project: compile adds what `dvc init` would have.
    created = [".dvc/.gitignore", ".dvc/config", ".dvcignore", ".gitattributes"]
    assert (check["created"], check["written"]) == (created, [])
    written = as_json(capsys, "import")
    assert written["exit_code"] == 0
    assert set(written["written"]) == {"mlops.yaml", str(Path(".mlops/manifest.json"))}


def test_rehearse_without_workflows_is_a_json_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = as_json(capsys, "rehearse")
    assert (document["exit_code"], document["steps"], document["recorded"]) == (2, [], [])
    assert document["diagnostics"][0]["message"].startswith("no generated workflow of ")


def test_rehearse_reports_every_step(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The rehearsal itself (a real MLflow server and the workflows' scripts) is
    tests/e2e/test_rehearse.py; here its result, as the CLI reports it."""
    from mlops_compiler.commands.rehearse import runner
    from mlops_compiler.commands.rehearse.results import Rehearsal, StepResult

    def rehearse(spec: Path, event: str, *, state: Path, progress: Any) -> Rehearsal:
        done = Rehearsal(event, state / "workspace", state)
        done.results += [
            StepResult("ci", "test", "dvc repro", "passed", 1.23456),
            StepResult("ci", "test", "comment", "skipped", 0.0, "needs GitHub"),
        ]
        done.records.append(("gh", "pr", "comment"))
        return done

    monkeypatch.setattr(runner, "rehearse", rehearse)
    document = as_json(capsys, "rehearse", "--event", "pull_request")
    assert document["exit_code"] == 0
    assert (document["event"], document["passed"]) == ("pull_request", True)
    assert document["steps"] == [
        {
            "workflow": "ci",
            "job": "test",
            "step": "dvc repro",
            "status": "passed",
            "seconds": 1.235,
            "detail": "",
        },
        {
            "workflow": "ci",
            "job": "test",
            "step": "comment",
            "status": "skipped",
            "seconds": 0.0,
            "detail": "needs GitHub",
        },
    ]
    assert document["recorded"] == [["gh", "pr", "comment"]]
