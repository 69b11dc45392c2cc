"""Valid but suspicious specs as data files: warned about (exit 0, files written), and refused
with ``--strict`` (exit 2, nothing written). The exact stderr of every case is snapshotted.

A case is `tests/cases/warnings/<trap>.yaml`, first line a comment saying what it shows. Cases in
``CLEAN`` show what does not warn.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from mlops_compiler.cli.main import main

CASES_DIR = Path(__file__).resolve().parent / "cases" / "warnings"
CASES = sorted(CASES_DIR.glob("*.yaml"))
CASE_IDS = [case.stem for case in CASES]
CLEAN = {"quoted-values-are-not-warned", "dvc-plugin-in-dependencies-is-not-warned"}
WARNED = [case for case in CASES if case.stem not in CLEAN]
HEADER = re.compile(r"^mlops\.yaml:(\d+):(\d+): (error|warning): ", re.MULTILINE)


def _compile(case: Path, root: Path, capsys: pytest.CaptureFixture[str], *options: str):  # type: ignore[no-untyped-def]
    spec = root / "mlops.yaml"
    shutil.copyfile(case, spec)
    exit_code = main(["compile", "-f", str(spec), *options])
    captured = capsys.readouterr()
    return exit_code, captured.out, captured.err


def test_there_are_cases_of_each_kind() -> None:
    assert len(WARNED) >= 5
    assert set(CASE_IDS) >= CLEAN


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_warnings_are_shown_and_the_compile_goes_on(
    case: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    snapshot,  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.chdir(tmp_path)
    exit_code, stdout, stderr = _compile(case, tmp_path, capsys)

    assert exit_code == 0, stderr
    assert "written" in stdout
    assert (tmp_path / "params.yaml").is_file() or (tmp_path / "dvc.yaml").is_file()
    severities = {match.group(3) for match in HEADER.finditer(stderr)}
    if case.stem in CLEAN:
        assert stderr == ""
    else:
        assert severities == {"warning"}
    assert {"exit_code": exit_code, "stderr": stderr} == snapshot


@pytest.mark.parametrize("case", WARNED, ids=[case.stem for case in WARNED])
def test_strict_turns_every_warning_into_an_error(
    case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    _code, _stdout, warned = _compile(case, tmp_path, capsys)
    for generated in tmp_path.iterdir():
        if generated.name != "mlops.yaml":
            shutil.rmtree(generated) if generated.is_dir() else generated.unlink()

    exit_code, stdout, stderr = _compile(case, tmp_path, capsys, "--strict")

    assert exit_code == 2
    assert stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mlops.yaml"]
    assert stderr == warned.replace(": warning: ", ": error: ")


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_case_says_what_it_shows(case: Path) -> None:
    assert re.match(r"^# \S.{10,}$", case.read_text(encoding="utf-8").splitlines()[0])
