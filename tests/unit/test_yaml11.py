"""The YAML 1.1 traps: plain scalars that 1.1 readers read differently from YAML 1.2."""

from __future__ import annotations

import pytest

from mlops_compiler.load.scalars import resolve_plain_scalar
from mlops_compiler.load.yaml11 import yaml11_trap


@pytest.mark.parametrize(
    ("text", "reading_in_yaml_1_1"),
    [
        ("on", "the boolean true"),
        ("Off", "the boolean false"),
        ("yes", "the boolean true"),
        ("NO", "the boolean false"),
        ("y", "the boolean true"),
        ("n", "the boolean false"),
        ("0755", "the number 493"),
        ("12:30", "the number 750"),
        ("1_000", "the number 1000"),
        ("0b101", "the number 5"),
        ("1e3", "the string '1e3'"),
        ("0o17", "the string '0o17'"),
        ("2024-01-31", "the date 2024-01-31"),
    ],
)
def test_scalars_that_yaml_1_1_reads_differently_are_named(
    text: str, reading_in_yaml_1_1: str
) -> None:
    trap = yaml11_trap(text, resolve_plain_scalar(text))
    assert trap is not None
    message, hint = trap
    assert message.endswith(f"but {reading_in_yaml_1_1} in YAML 1.1")
    assert f"quote it: '{text}'" in hint


@pytest.mark.parametrize(
    "text",
    ["true", "false", "null", "~", "42", "3.10", "1.0e+3", ".nan", "-.inf", "0x1f", "x", "="],
)
def test_scalars_both_versions_agree_on_are_not_traps(text: str) -> None:
    assert yaml11_trap(text, resolve_plain_scalar(text)) is None


def test_hints_say_how_to_write_each_reading() -> None:
    assert yaml11_trap("on", "on") == (
        "`on` is the string 'on' in YAML 1.2 (as mlops reads it) but the boolean true in YAML 1.1",
        "write `true` for a boolean, or quote it: 'on'",
    )
    assert yaml11_trap("0755", 755) == (
        "`0755` is the number 755 in YAML 1.2 (as mlops reads it) but the number 493 in YAML 1.1",
        "write 0o755 for an octal number, or quote it: '0755'",
    )
    assert yaml11_trap("1e3", 1000.0) == (
        "`1e3` is the number 1000.0 in YAML 1.2 (as mlops reads it) but the string '1e3' in"
        " YAML 1.1",
        "write 1000.0 so that every reader sees a number, or quote it: '1e3'",
    )
