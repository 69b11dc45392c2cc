"""The carry-verbatim function, and the spec writer's promise that its text reads back."""

from __future__ import annotations

import datetime
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlops_compiler import ir
from mlops_compiler.commands.importer.carry import (
    CannotCarryError,
    carry_verbatim,
    patch_path,
    same_data,
)
from mlops_compiler.commands.importer.specwriter import write_spec
from mlops_compiler.load.loader import load_spec_bytes
from mlops_compiler.render.overrides import apply_patches


@pytest.mark.parametrize(
    ("segments", "text"),
    [
        (["stages", "train", "outs", 0], "stages.train.outs[0]"),
        (["entry_points", "main", "parameters", "a b"], "entry_points.main.parameters.a b"),
        (["stages", "v1.2", "cmd"], "/stages/v1.2/cmd"),
        (["plots", 0, "eval/roc.json"], "/plots/0/eval~1roc.json"),
        (["a~b", "c.d"], "/a~0b/c.d"),
    ],
)
def test_patch_paths_are_dotted_when_they_can_be(segments: list[Any], text: str) -> None:
    assert patch_path(segments) == text


def test_a_digit_key_that_needs_a_pointer_cannot_be_named() -> None:
    with pytest.raises(CannotCarryError):
        patch_path(["a.b", "0"])


def test_the_patches_are_the_smallest_that_make_the_data_equal() -> None:
    compiled = {"name": "x", "stages": {"a": {"cmd": "go", "deps": ["x", "y"], "desc": "d"}}}
    original = {"name": "x", "stages": {"a": {"cmd": "go", "deps": ["x", "z"], "frozen": True}}}
    assert carry_verbatim(compiled, original) == [
        {"delete": "stages.a.desc"},
        {"set": "stages.a.deps[1]", "value": "z"},
        {"set": "stages.a.frozen", "value": True},
    ]


def test_lists_of_another_length_are_set_whole() -> None:
    assert carry_verbatim({"l": [1, 2]}, {"l": [1]}) == [{"set": "l", "value": [1]}]


@pytest.mark.parametrize(
    ("compiled", "original"),
    [
        ({"a": 1}, ["a"]),
        ({"a": "2020-01-01"}, {"a": datetime.date(2020, 1, 1)}),
        ({"a": {}}, {"a": {1: "int key"}}),
    ],
)
def test_what_json_cannot_hold_cannot_be_carried(compiled: Any, original: Any) -> None:
    with pytest.raises(CannotCarryError):
        carry_verbatim(compiled, original)


def test_the_patches_applied_by_overrides_give_back_the_original() -> None:
    compiled = {"stages": {"a": {"cmd": "go", "outs": ["m"]}}, "vars": [{"x": 1}]}
    original = {"stages": {"a": {"cmd": "go", "outs": [{"m": {"cache": False}}]}}, "vars": []}
    patches = carry_verbatim(compiled, original)
    override = ir.FileOverride(
        path="dvc.yaml",
        mode="managed",
        patches=tuple(
            ir.Patch(op=op, path=patch[op], value=patch.get("value"))
            for patch in patches
            for op in ("set", "delete", "append")
            if op in patch
        ),
    )
    assert same_data(apply_patches(compiled, override, ("overrides", "dvc.yaml")), original)


def test_same_data_is_type_strict_and_order_free() -> None:
    assert same_data({"a": 1, "b": [1, 2]}, {"b": [1, 2], "a": 1})
    assert not same_data({"a": 1}, {"a": True})
    assert not same_data([1, 2], [2, 1])
    assert same_data(math.nan, math.nan)


TRICKY = [
    "on", "yes", "n", "null", "~", "1_000", "0755", "1e3", "0x1F", ".5", "", " lead", "trail ",
    "#x", "a #b", "${x}", "- x", "key: value", "[a]", "{a: b}", "'q'", '"q"', "tab\there",
    "two\nlines", "ends\n", "ends\n\n", "\u00e9t\u00e9", "12:30", "2020-01-01", "@x", "%x",
]  # fmt: skip


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_strings_read_back_as_the_same_strings(text: str) -> None:
    data = {"version": 1, "project": {"name": "x"}, "params": {text or "k": text, "l": [text]}}
    written = write_spec(data, {})
    document = load_spec_bytes(written.encode(), _SPEC)
    assert same_data(document.data, data)
    assert document.warnings == []


_SPEC = __import__("pathlib").Path("mlops.yaml")
# Characters mlops.yaml refuses even when spelt as escapes ("\u202e"): controls, line and
# paragraph separators, format characters (bidi, zero-width, BOM) and U+FFFE/U+FFFF.
_KEYS = st.text(
    st.characters(
        codec="utf-8",
        exclude_categories=("Cs", "Cc", "Zl", "Zp", "Cf"),
        exclude_characters="\ufffe\uffff",
    ),
    max_size=8,
)
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**12), max_value=10**12)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from(TRICKY)
    | _KEYS
)


def _containers(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.lists(inner, max_size=4), st.dictionaries(_KEYS, inner, max_size=4))


_DATA = st.recursive(_SCALARS, _containers, max_leaves=12)


@settings(max_examples=150, deadline=None)
@given(params=st.dictionaries(_KEYS.filter(bool), _DATA, max_size=4))
def test_any_params_data_reads_back_exactly(params: dict[str, Any]) -> None:
    data = {"version": 1, "project": {"name": "x"}, "params": params}
    document = load_spec_bytes(write_spec(data, {}).encode(), _SPEC)
    assert same_data(document.data, data)
    assert document.warnings == []
