"""Hostile specs as data files: each one is refused with exit 2 at a position, nothing written.

A case is `tests/cases/hostile/<finding>.yaml`: its first line says what it shows, its second
(`# expect: TEXT`) a text the refusal must hold; a `# strict: WHY` line compiles it with
`--strict` (a warning without it). Each is a class of the security review (issue
16): a dangerous workflow or Dockerfile reached through `overrides:`, `files:` or a field that
lands in a script. The policy reads the final bytes (render/policy.py); `allow:` relaxes a rule.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from support import MINIMAL_SPEC, run_cli

from mlops_compiler.cli.main import main
from mlops_compiler.render.policy import RULES
from mlops_compiler.spec import PolicyRule

CASES = sorted((Path(__file__).resolve().parent / "cases" / "hostile").glob("*.yaml"))
FIRST_LINE = re.compile(r"^mlops\.yaml:\d+:\d+: error: ")


def _expected(case: Path) -> str:
    second = case.read_text(encoding="utf-8").splitlines()[1]
    assert second.startswith("# expect: "), f"{case.name}: the second line names the refusal"
    return second.removeprefix("# expect: ")


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_a_hostile_spec_is_refused_at_a_position(
    case: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    shutil.copyfile(case, tmp_path / "mlops.yaml")
    monkeypatch.chdir(tmp_path)

    strict = "# strict: " in case.read_text(encoding="utf-8").split("\nversion:")[0]
    exit_code = main(["compile", "--strict"] if strict else ["compile"])
    captured = capsys.readouterr()

    assert exit_code == 2, captured
    assert FIRST_LINE.match(captured.err), captured.err
    assert _expected(case) in captured.err
    assert "Traceback" not in captured.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mlops.yaml"]


def test_every_rule_has_a_case_and_a_name_allow_takes() -> None:
    texts = "".join(case.read_text(encoding="utf-8") for case in CASES)
    assert set(RULES) == set(PolicyRule.__args__)  # type: ignore[attr-defined]
    for rule in RULES:
        assert f"policy `{rule}`" in texts, f"no hostile case breaks `{rule}`"


_LABEL = """\
files:
  .github/workflows/label.yml:
    text: |
      name: label
      on: pull_request_target
      permissions: {}
      jobs:
        label:
          runs-on: ubuntu-latest
          steps:
            - run: echo labelled
"""


def test_allow_relaxes_a_rule_and_strict_names_it_where_it_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "mlops.yaml"
    spec.write_text(MINIMAL_SPEC + _LABEL + "allow: [pull_request_target]\n", encoding="utf-8")

    strict = run_cli(capsys, "compile", "--strict", "-f", str(spec))
    assert strict.exit_code == 2
    assert "the spec relaxes the security rule `pull_request_target`" in strict.stderr
    line = MINIMAL_SPEC.count("\n") + _LABEL.count("\n") + 1
    assert strict.stderr.startswith(f"{spec}:{line}:9: error: ") or (
        f"mlops.yaml:{line}:9: error: " in strict.stderr
    ), strict.stderr

    relaxed = run_cli(capsys, "compile", "-f", str(spec))
    assert relaxed.exit_code == 0, relaxed
    assert "on: pull_request_target" in (tmp_path / ".github/workflows/label.yml").read_text()


def test_allowing_one_rule_relaxes_no_other(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "mlops.yaml"
    hostile = _LABEL.replace("echo labelled", "echo ${{ github.event.pull_request.title }}")
    spec.write_text(MINIMAL_SPEC + hostile + "allow: [pull_request_target]\n", encoding="utf-8")

    result = run_cli(capsys, "compile", "-f", str(spec))

    assert result.exit_code == 2
    assert "policy `expressions_in_run`" in result.stderr
    assert "policy `pull_request_target`" not in result.stderr


def test_absorb_refuses_a_hand_edit_the_policy_refuses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "mlops.yaml"
    spec.write_text(MINIMAL_SPEC + "ci:\n  test: [pytest -q]\n", encoding="utf-8")
    assert run_cli(capsys, "compile", "-f", str(spec)).exit_code == 0
    workflow = tmp_path / ".github/workflows/ci.yml"
    text = workflow.read_text(encoding="utf-8")
    assert "\npermissions: {}\n" in text
    workflow.write_text(text.replace("\npermissions: {}\n", "\npermissions: write-all\n"))
    before = spec.read_text(encoding="utf-8")

    result = run_cli(capsys, "absorb", "-f", str(spec))

    assert result.exit_code == 2, result
    assert "policy `write_all`" in result.stderr
    assert spec.read_text(encoding="utf-8") == before
