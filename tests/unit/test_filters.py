"""Filters serialize values so that YAML 1.1 and 1.2 readers both get back exactly the value."""

from __future__ import annotations

import math

import pytest
import yaml

from mlops_compiler.load.scalars import resolve_plain_scalar
from mlops_compiler.render.filters import ini_value, yaml_block, yaml_inline, yaml_scalar

AMBIGUOUS = ["on", "no", "yes", "y", "N", "3.10", "0o755", "0755", "1e3", "12:30", "null", "~", ""]
TRICKY = ["a: b", "- a", "#x", " lead", "trail ", "a\nb", "prep\n  permissions: write-all", "é"]


@pytest.mark.parametrize("value", AMBIGUOUS + TRICKY)
def test_strings_stay_strings_in_yaml_1_1_and_1_2(value: str) -> None:
    emitted = yaml_scalar(value)
    assert "\n" not in emitted
    assert yaml.safe_load(f"k: {emitted}") == {"k": value}
    if emitted[0] not in "'\"":
        assert resolve_plain_scalar(emitted) == value


def test_plain_strings_stay_plain() -> None:
    assert yaml_scalar("python src/train.py --n {n}") == "python src/train.py --n {n}"


@pytest.mark.parametrize("value", [0, -3, 1.5, 1e-05, 1e20, True, None])
def test_numbers_booleans_and_null(value: object) -> None:
    assert yaml.safe_load(f"k: {yaml_scalar(value)}") == {"k": value}


def test_non_finite_floats() -> None:
    assert yaml_scalar(math.inf) == ".inf"
    assert yaml_scalar(-math.inf) == "-.inf"
    assert yaml_scalar(math.nan) == ".nan"


def test_flow_scalars_quote_flow_indicators() -> None:
    assert yaml_inline(["a,b", "c]"]) == "['a,b', 'c]']"
    assert yaml.safe_load("k: " + yaml_inline({"x": "a,b"})) == {"k": {"x": "a,b"}}


def test_blocks_nest_mappings_and_sequences() -> None:
    value = {"a": [1, {"b": [2], "c": {}}], "d": {"e": "on"}}
    assert yaml.safe_load("k:" + yaml_block(value, 2)) == {"k": value}


@pytest.mark.parametrize("value", ["s3://bucket/path", "has space", 'quote"d', "eu-west-1"])
def test_ini_values_round_trip(value: str) -> None:
    emitted = ini_value(value)
    assert emitted.strip("'\"") == value


def test_ini_values_cannot_span_lines() -> None:
    with pytest.raises(ValueError, match="cannot span lines"):
        ini_value("a\n[core]")
