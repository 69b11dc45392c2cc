"""Error messages a new user meets (issue 18), through the real CLI entry point.

The invalid-spec data files (`tests/cases/invalid/yaml-*`, `params-key-typo`,
`outputs-duplicated-with-dependant`, `params-password-in-flow-mapping`) hold the positioned
cases; these are the ones that need more than one file or a spec that must compile.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support import MINIMAL_SPEC, run_cli, write_tree


def test_a_missing_spec_points_at_mlops_init(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli(capsys, "compile")
    assert result.exit_code == 2
    assert "spec file not found: mlops.yaml" in result.stderr
    assert "run `mlops init`" in result.stderr


POINTER = "/spec/template/spec/containers/0/envFrom"


def test_a_json_pointer_of_forty_characters_is_not_an_aws_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert len(POINTER) == 40  # the length of an AWS secret access key
    monkeypatch.chdir(write_tree(tmp_path, {"mlops.yaml": _with_pointer()}))
    result = run_cli(capsys, "validate")
    assert (result.exit_code, result.stderr) == (0, "")


def _with_pointer() -> str:
    return MINIMAL_SPEC.replace(
        "  train: {lr: 0.1}\n",
        f"  train: {{lr: 0.1}}\n  deploy:\n    patch: {POINTER}\n",
    )


def test_a_random_forty_character_key_is_still_an_aws_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    spec = MINIMAL_SPEC.replace("  train: {lr: 0.1}\n", f"  train: {{lr: 0.1}}\n  key: {secret}\n")
    monkeypatch.chdir(write_tree(tmp_path, {"mlops.yaml": spec}))
    result = run_cli(capsys, "validate")
    assert result.exit_code == 2
    assert "an AWS secret access key" in result.stderr
    assert secret not in result.stderr
