"""`--format json|github|text` and `--strict`: the same problems, told for editors, scripts and
GitHub Actions; the exit code never depends on the format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import MINIMAL_SPEC, run_cli, write_tree

from mlops_compiler.cli.report import github_annotation, github_message, json_report, record
from mlops_compiler.compiler import check_spec, compile_spec
from mlops_compiler.errors import Diagnostic, Severity, Span, SpecError

TYPO = MINIMAL_SPEC.replace("deps:", "dep:")
WARNED = MINIMAL_SPEC.replace("  name: demo\n", "  name: demo\n  description: yes\n")
RECORD_KEYS = [
    "file",
    "line",
    "column",
    "end_line",
    "end_column",
    "severity",
    "path",
    "message",
    "hint",
]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_json_is_one_document_on_stdout_with_every_field(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(project, {"mlops.yaml": TYPO})
    result = run_cli(capsys, "validate", "--format", "json")

    assert result.exit_code == 2
    assert result.stderr == ""
    document = json.loads(result.stdout)
    assert document == {
        "version": 1,
        "exit_code": 2,
        "errors": 1,
        "warnings": 0,
        "diagnostics": [
            {
                "file": "mlops.yaml",
                "line": 10,
                "column": 7,
                "end_line": 10,
                "end_column": 10,
                "severity": "error",
                "path": "pipeline.stages.train.dep",
                "message": "unknown key `dep`",
                "hint": "did you mean `deps`?",
            }
        ],
    }


def test_json_moves_what_compile_says_to_stderr_so_stdout_stays_parseable(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(project, {"mlops.yaml": WARNED})
    result = run_cli(capsys, "compile", "--format", "json")

    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert (document["exit_code"], document["errors"], document["warnings"]) == (0, 0, 1)
    assert list(document["diagnostics"][0]) == RECORD_KEYS
    assert document["diagnostics"][0]["severity"] == "warning"
    assert "written" in result.stderr
    assert (project / "dvc.yaml").is_file()


def test_json_reports_a_file_level_error_without_a_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_cli(capsys, "validate", "--format", "json", "-f", "missing.yaml")

    assert result.exit_code == 2
    [diagnostic] = json.loads(result.stdout)["diagnostics"]
    assert diagnostic == {
        "file": "missing.yaml",
        "line": None,
        "column": None,
        "end_line": None,
        "end_column": None,
        "severity": "error",
        "path": "",
        "message": "spec file not found: missing.yaml",
        "hint": "run `mlops init` to create a starter mlops.yaml here, or pass -f PATH",
    }


def test_github_annotations_carry_the_position_and_escape_what_github_requires(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(project, {"mlops.yaml": TYPO})
    result = run_cli(capsys, "compile", "--format", "github")

    assert result.exit_code == 2
    assert result.stdout == (
        "::error file=mlops.yaml,line=10,endLine=10,col=7,endColumn=9,"
        "title=mlops%3A pipeline.stages.train.dep::unknown key `dep`%0Ahint: did you mean `deps`?\n"
    )
    assert sorted(p.name for p in project.iterdir()) == ["mlops.yaml"]


def test_github_escaping_of_data_and_properties() -> None:
    diagnostic = Diagnostic(
        "100% wrong\r\nsecond line",
        span=Span(3, 5, 3, 9),
        loc=("params", "a,b:c"),
        severity=Severity.WARNING,
    )
    assert github_annotation(diagnostic, "dir,1/mlops.yaml") == (
        "::warning file=dir%2C1/mlops.yaml,line=3,endLine=3,col=5,endColumn=8,"
        "title=mlops%3A params.a%2Cb%3Ac::100%25 wrong%0D%0Asecond line"
    )
    assert github_message(Severity.ERROR, "refused", "a\nb") == (
        "::error title=mlops::refused%0Ahint: a%0Ab"
    )


def test_a_span_over_several_lines_has_no_columns_which_github_would_reject() -> None:
    diagnostic = Diagnostic("bad", span=Span(3, 5, 6, 1))
    assert github_annotation(diagnostic, "mlops.yaml") == (
        "::error file=mlops.yaml,line=3,endLine=6,title=mlops%3A mlops.yaml::bad"
    )


def test_json_record_of_an_unpositioned_diagnostic() -> None:
    assert record(Diagnostic("the spec is empty", hint="start"), "mlops.yaml") == {
        "file": "mlops.yaml",
        "line": None,
        "column": None,
        "end_line": None,
        "end_column": None,
        "severity": "error",
        "path": "",
        "message": "the spec is empty",
        "hint": "start",
    }
    assert json.loads(json_report([], 0)) == {
        "version": 1,
        "exit_code": 0,
        "errors": 0,
        "warnings": 0,
        "diagnostics": [],
    }


def test_warnings_print_with_exit_0_and_strict_makes_them_errors(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(project, {"mlops.yaml": WARNED})
    warned = run_cli(capsys, "validate")
    assert (warned.exit_code, warned.stdout) == (0, "mlops.yaml: ok (1 warning(s))\n")
    assert warned.stderr == (
        "mlops.yaml:4:16: warning: project.description: `yes` is the string 'yes' in YAML 1.2"
        " (as mlops reads it) but the boolean true in YAML 1.1\n"
        "    4 |   description: yes\n"
        "                       ^^^\n"
        "  hint: write `true` for a boolean, or quote it: 'yes'\n"
    )
    strict = run_cli(capsys, "validate", "--strict")
    assert (strict.exit_code, strict.stdout) == (2, "")
    assert strict.stderr == warned.stderr.replace(": warning: ", ": error: ")


def test_the_api_returns_warnings_alongside_and_raises_for_errors(project: Path) -> None:
    write_tree(project, {"mlops.yaml": WARNED})
    _project, warnings = check_spec(project / "mlops.yaml")
    assert [(w.severity, w.dotted_path) for w in warnings] == [
        (Severity.WARNING, "project.description")
    ]
    assert [w.dotted_path for w in compile_spec(project / "mlops.yaml").warnings] == [
        "project.description"
    ]
    with pytest.raises(SpecError) as caught:
        compile_spec(project / "mlops.yaml", strict=True)
    assert [d.severity for d in caught.value.diagnostics] == [Severity.ERROR]


def test_errors_and_warnings_are_told_together_in_line_order_one_per_mistake(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = WARNED.replace("  name: demo\n", "  name: demo\n  python: 0755\n")
    write_tree(project, {"mlops.yaml": spec})
    result = run_cli(capsys, "validate", "--format", "json")
    told = [(d["line"], d["severity"], d["path"]) for d in json.loads(result.stdout)["diagnostics"]]
    # `0755` is both an error (not a string) and a YAML 1.1 trap: only the error is told.
    assert told == [(4, "error", "project.python"), (5, "warning", "project.description")]
    assert result.exit_code == 2


def test_json_tells_a_crash_as_a_record_and_keeps_the_traceback_in_the_log(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import mlops_compiler.compiler as compiler

    def broken(path: Path, **options: object) -> None:
        raise RuntimeError("boom")

    write_tree(project, {"mlops.yaml": MINIMAL_SPEC})
    monkeypatch.setattr(compiler, "compile_spec", broken)
    result = run_cli(capsys, "compile", "--format", "json")

    assert result.exit_code == 70
    [diagnostic] = json.loads(result.stdout)["diagnostics"]
    assert (diagnostic["file"], diagnostic["message"]) == (None, "internal error: boom")
    assert "Traceback" not in result.stdout + result.stderr
    Path(diagnostic["hint"].split("details are in ")[1].split(";")[0]).unlink()
