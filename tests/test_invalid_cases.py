"""Invalid specs as data files: each one must be refused with exit 2, a positioned message, and
nothing written. The exact stderr of every case is snapshotted (review every `.ambr` diff).

A case is one file, `tests/cases/invalid/<mistake>.yaml`, whose first line is a comment saying
what it shows. It is copied to `mlops.yaml` in an empty folder and compiled from that folder, so
messages read `mlops.yaml:LINE:COL`, as a user would see them.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from mlops_compiler.cli.main import main

CASES_DIR = Path(__file__).resolve().parent / "cases" / "invalid"
CASES = sorted(CASES_DIR.glob("*.yaml"))
CASE_IDS = [case.stem for case in CASES]

EXIT_INVALID = 2
FIRST_LINE = re.compile(r"^mlops\.yaml:\d+:\d+: (error|warning): ")

UNPOSITIONED = {
    "empty-file": "a file with no bytes has no line to point at",
    "comments-only": "a file of comments holds no YAML node to point at",
}
"""Cases whose diagnostic genuinely has no position, with the reason."""

NO_HEADER_COMMENT = {
    "empty-file": "a comment would make the file non-empty",
}
"""Cases that cannot start with a comment saying what they show, with the reason."""


def _compile_case(
    case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    spec = tmp_path / "mlops.yaml"
    shutil.copyfile(case, spec)  # byte for byte: some cases are not valid UTF-8
    monkeypatch.chdir(tmp_path)
    exit_code = main(["compile", "-f", str(spec)])
    captured = capsys.readouterr()
    return exit_code, captured.out, captured.err


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_invalid_spec_is_refused(
    case: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    snapshot,  # type: ignore[no-untyped-def]
) -> None:
    exit_code, stdout, stderr = _compile_case(case, tmp_path, monkeypatch, capsys)

    assert exit_code == EXIT_INVALID, f"exit {exit_code}; stdout:\n{stdout}\nstderr:\n{stderr}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mlops.yaml"]
    assert "Traceback" not in stderr
    assert stdout == ""
    assert {"exit_code": exit_code, "stderr": stderr} == snapshot


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_first_diagnostic_is_positioned(
    case: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    exit_code, _stdout, stderr = _compile_case(case, tmp_path, monkeypatch, capsys)
    assert stderr, f"nothing on stderr (exit {exit_code}): the spec was not refused"
    first = stderr.splitlines()[0]

    if case.stem in UNPOSITIONED:
        assert first.startswith("mlops.yaml: error: "), first
    else:
        assert FIRST_LINE.match(first), first


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_case_says_what_it_shows(case: Path) -> None:
    first_line = case.read_bytes().split(b"\n", 1)[0]

    if case.stem in NO_HEADER_COMMENT:
        assert not first_line.startswith(b"#")
    else:
        assert re.match(rb"^# \S.{10,}$", first_line), first_line


def test_exception_lists_name_real_cases() -> None:
    assert set(UNPOSITIONED) <= set(CASE_IDS)
    assert set(NO_HEADER_COMMENT) <= set(CASE_IDS)
