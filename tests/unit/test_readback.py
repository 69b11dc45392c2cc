"""The fast parse-back of outputs vouches only for text both YAML readings agree on.

``read_back`` stands in for two exact readings of every YAML output: the loader (YAML 1.2) and
PyYAML's ``safe_load`` (YAML 1.1). Whenever it returns data, both must return that same data
(types included); when it cannot be sure it returns None and the exact path decides.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from mlops_compiler.errors import InternalError, SpecError
from mlops_compiler.families.dvc.targets import TARGETS
from mlops_compiler.load.loader import load_spec_bytes
from mlops_compiler.render.engine import _check_round_trip, _same
from mlops_compiler.render.readback import read_back

_PYYAML = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _exact(text: str) -> tuple[Any, Any] | None:
    """The loader's and PyYAML's readings of ``text``, or None when either refuses it."""
    try:
        yaml12 = load_spec_bytes(text.encode("utf-8"), Path("out.yaml")).data
        yaml11 = yaml.load(text, Loader=_PYYAML)
    except (SpecError, yaml.YAMLError, ValueError):
        return None
    return yaml12, yaml11


def _assert_sound(text: str) -> Any:
    """Whatever ``read_back`` vouches for, both exact readings return (types included)."""
    vouched = read_back(text)
    if vouched is not None:
        readings = _exact(text)
        assert readings is not None, text
        assert _same(vouched, readings[0]), (text, vouched, readings[0])
        assert _same(vouched, readings[1]), (text, vouched, readings[1])
    return vouched


@pytest.mark.parametrize(
    ("text", "data"),
    [
        ("a: b\n", {"a": "b"}),
        ("a: [1, 2.5, true, null, x, -3, 0x1f]\n", {"a": [1, 2.5, True, None, "x", -3, 31]}),
        ("a:\nb: ~\nc: 'yes'\nd: \"on\"\n", {"a": None, "b": None, "c": "yes", "d": "on"}),
        ("run: |\n  echo 1\n  echo 2\n", {"run": "echo 1\necho 2\n"}),
        ("'on': x\n'1': y\n", {"on": "x", "1": "y"}),
        ("cmd: rm *.tmp && ls\n", {"cmd": "rm *.tmp && ls"}),
        ('tab: "a\\tb"\n', {"tab": "a\tb"}),
        ("a: y\nb: n\n", {"a": "y", "b": "n"}),  # strings to PyYAML too (it has no y/n booleans)
        ("a: ü\n", {"a": "ü"}),
        ("# header\ns:\n  s0:\n    deps:\n      - a.py\n", {"s": {"s0": {"deps": ["a.py"]}}}),
    ],
)
def test_text_both_versions_read_alike_is_vouched_for(text: str, data: Any) -> None:
    vouched = _assert_sound(text)
    assert vouched is not None
    assert _same(vouched, data)


@pytest.mark.parametrize(
    "text",
    [
        "a: yes\n",  # YAML 1.1 booleans, values or keys
        "on: x\n",
        "a: 0755\n",  # octal, sexagesimal, underscores, exponent without a dot, dates
        "a: 12:30\n",
        "a: 1_000\n",
        "a: 1e3\n",
        "a: 2024-01-31\n",
        "a: =\n",  # PyYAML's value tag, which safe_load cannot construct
        "a: <<\n",
        "a: ! 1\n",  # a `!` tag makes PyYAML resolve even quoted text: `! "1"` is 1
        "a: ! '1'\n",
        "a: !!str x\n",
        "a: &x [1]\nb: *x\n",  # aliases, a cycle among them
        "a: &x [*x]\n",
        "&r {a: *r}\n",
        "<<: {a: 1}\n",  # a merge key
        "a: 1\na: 2\n",  # a duplicate key
        "? [1]\n: x\n",  # a collection as a key
        "1: x\n",  # a number as a key
        'a: "\\x7f"\n',  # an escape that spells a refused character
        "a: x\u202e\n",  # a refused character
        "\ufeffa: b\n",  # a byte-order mark
        "- a\n",  # not a mapping
        "",
        "# nothing\n",
        "a: 1\n---\nb: 2\n",  # two documents
        "a: [\n",  # not YAML
        "a: " + "[" * 70 + "]" * 70 + "\n",  # deeper than the loader allows
        "a: " + "9" * 5000 + "\n",  # too long a number for int()
    ],
)
def test_anything_unusual_takes_the_exact_path(text: str) -> None:
    assert read_back(text) is None


_WORD = st.text(alphabet="aoynNtTf019.:-+_eExX~=<!&*'\" #[]{},|>\\", max_size=8)


@settings(max_examples=400, derandomize=True, deadline=None, database=None)
@given(st.lists(st.tuples(_WORD, _WORD), min_size=1, max_size=5))
def test_random_documents_are_vouched_for_only_when_both_readings_agree(
    pairs: list[tuple[str, str]],
) -> None:
    text = "".join(f"{key}: {value}\n" for key, value in pairs)
    vouched = _assert_sound(text)
    if vouched is None:
        return
    readings = _exact(text)
    assert readings is not None and _same(readings[0], readings[1])


_SCALARS = [
    *("yes", "No", "ON", "off", "y", "N", "true", "True", "FALSE", "null", "Null", "NULL", "~"),
    *("0", "-0", "+1", "0755", "0o17", "0x1F", "0b101", "1_000", "12:30", "-1:30", "190:20:30"),
    *("1.0", "3.10", "1e3", "1.0e+3", "1.5E-2", ".5", "5.", ".nan", ".NaN", "-.inf", ".Inf"),
    *("2024-01-31", "2001-12-14t21:59:43.10-05:00", "=", "<<", "x", "'x'", '"0"', "a b"),
]


@settings(max_examples=300, derandomize=True, deadline=None, database=None)
@given(st.lists(st.sampled_from(_SCALARS), min_size=1, max_size=6), st.booleans())
def test_every_scalar_both_versions_read_alike_is_vouched_for(
    values: list[str], as_keys: bool
) -> None:
    lines = [f"{value}: k{i}" if as_keys else f"k{i}: {value}" for i, value in enumerate(values)]
    text = "\n".join(lines) + "\n"
    vouched = _assert_sound(text)
    readings = _exact(text)
    agree = readings is not None and _same(readings[0], readings[1])
    if as_keys and "=" in values:
        return  # PyYAML reads a `=` key as "=" (but not a value): not worth a special case
    assert (vouched is not None) == agree, (text, readings)


def test_a_mismatch_found_on_the_fast_path_is_reported_by_the_exact_one() -> None:
    target = next(target for target in TARGETS if target.format == "yaml")
    text = "a: b\n"
    assert read_back(text) is not None
    with pytest.raises(InternalError, match=r"does not parse back .* \(YAML 1\.2\)") as caught:
        _check_round_trip(target, text, {"a": "c"})
    assert caught.value.details[:2] == ["intended: {'a': 'c'}", "parsed:   {'a': 'b'}"]


def test_a_yaml_1_1_difference_is_named_as_before() -> None:
    target = next(target for target in TARGETS if target.format == "yaml")
    with pytest.raises(InternalError, match=r"\(YAML 1\.1\)"):
        _check_round_trip(target, "a: on\n", {"a": "on"})
