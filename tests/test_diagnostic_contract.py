"""What every invalid case must tell, whatever the format: a position (except the documented
file-level ones), a dotted path where there is one, and a hint saying what to do."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from support import run_cli
from test_invalid_cases import CASE_IDS, CASES, UNPOSITIONED

ANNOTATION = re.compile(
    r"^::(error|warning) file=mlops\.yaml,line=\d+,endLine=\d+(,col=\d+,endColumn=\d+)?,"
    r"title=mlops%3A [^:]+::[^\r\n]+$"
)


def _run(case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], *options: str):  # type: ignore[no-untyped-def]
    shutil.copyfile(case, tmp_path / "mlops.yaml")
    return run_cli(capsys, "compile", "-f", "mlops.yaml", *options)


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_every_problem_has_a_hint_and_json_agrees_with_the_text(
    case: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    text = _run(case, tmp_path, capsys)
    machine = _run(case, tmp_path, capsys, "--format", "json")

    assert machine.exit_code == text.exit_code == 2
    document = json.loads(machine.stdout)
    assert document["exit_code"] == 2
    assert document["errors"] >= 1
    for diagnostic in document["diagnostics"]:
        assert diagnostic["hint"], diagnostic
        positioned = diagnostic["line"] is not None and diagnostic["column"] is not None
        assert positioned or case.stem in UNPOSITIONED, diagnostic
        header = f"mlops.yaml:{diagnostic['line']}:{diagnostic['column']}: " if positioned else ""
        assert header in text.stderr
        assert diagnostic["message"] in text.stderr


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_github_annotations_are_well_formed(
    case: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    result = _run(case, tmp_path, capsys, "--format", "github")

    assert result.exit_code == 2
    for line in result.stdout.splitlines():
        if case.stem in UNPOSITIONED:
            assert line.startswith("::error file=mlops.yaml,title="), line
        else:
            assert ANNOTATION.match(line), line
