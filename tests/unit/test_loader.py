"""The loader keeps a position for every node and refuses YAML that would mislead."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from mlops_compiler.errors import Span, SpecError
from mlops_compiler.load.loader import load_spec_bytes
from mlops_compiler.load.scalars import resolve_plain_scalar

SPEC = Path("mlops.yaml")


def load(text: str):  # type: ignore[no-untyped-def]
    return load_spec_bytes(text.encode("utf-8"), SPEC)


def messages(text: str | bytes) -> list[tuple[int | None, int | None, str]]:
    raw = text if isinstance(text, bytes) else text.encode("utf-8")
    with pytest.raises(SpecError) as caught:
        load_spec_bytes(raw, SPEC)
    return [
        (d.span.line if d.span else None, d.span.column if d.span else None, d.message)
        for d in caught.value.diagnostics
    ]


def test_every_key_and_value_has_a_span() -> None:
    document = load("version: 1\nproject:\n  name: demo\n  tags: [a, b]\n")
    assert document.key_spans[("project", "name")] == Span(3, 3, 3, 7)
    assert document.value_spans[("project", "name")] == Span(3, 9, 3, 13)
    assert document.value_spans[("project", "tags", 1)] == Span(4, 13, 4, 14)


def test_scalars_follow_yaml_1_2_not_1_1() -> None:
    document = load("a: on\nb: no\nc: yes\nd: 0o17\ne: 012\nf: 1e3\ng: ~\nh: 12:30\n")
    assert document.data == {
        "a": "on",
        "b": "no",
        "c": "yes",
        "d": 15,
        "e": 12,
        "f": 1000.0,
        "g": None,
        "h": "12:30",
    }


def test_unquoted_numbers_remember_their_source_text() -> None:
    document = load("python: 3.10\n")
    assert document.data == {"python": 3.1}
    assert document.plain_text[("python",)] == "3.10"


def test_duplicate_keys_are_rejected_at_the_second_one() -> None:
    assert messages("a: 1\nb: 2\na: 3\n") == [(3, 1, "duplicate key `a` (first defined on line 1)")]


def test_tags_are_rejected() -> None:
    assert messages("a: !!python/object/apply:os.system [ls]\n") == [
        (1, 4, "YAML tag `!!python/object/apply:os.system` is not allowed")
    ]


def test_non_string_keys_are_rejected() -> None:
    assert [m for _, _, m in messages("1: a\ntrue: b\n")] == [
        "key `1` is not a string",
        "key `true` is not a string",
    ]


def test_syntax_errors_are_positioned() -> None:
    [(line, _column, message)] = messages("a: [1, 2\nb: 3\n")
    assert line == 2
    assert message.startswith("YAML syntax error:")


def test_control_characters_are_positioned() -> None:
    assert messages("a: x\nb: 'safe\u202e'\n") == [
        (2, 9, "control character U+202E is not allowed")
    ]


def test_invalid_utf8_is_positioned() -> None:
    assert messages(b"a: 1\nb: \xff\n") == [(2, 4, "invalid UTF-8 byte 0xff")]


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 10):
        previous = chr(ord("a") + level - 1)
        name = chr(ord("a") + level)
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 10)}]")
    [(_, _, message)] = messages("\n".join(lines) + "\n")
    assert message == "aliases expand to more than 100000 nodes"


def test_empty_and_non_mapping_documents_are_rejected() -> None:
    assert messages("") == [(None, None, "the spec is empty")]
    assert messages("- a\n") == [(1, 1, "the top level must be a mapping of sections")]


def test_multiple_documents_are_rejected() -> None:
    [(_, _, message)] = messages("a: 1\n---\nb: 2\n")
    assert message == "YAML syntax error: the spec must be a single YAML document"


@pytest.mark.parametrize(
    ("text", "value"),
    [("true", True), ("False", False), ("0x1f", 31), ("-.inf", -math.inf), ("3.0", 3.0)],
)
def test_core_schema_resolution(text: str, value: object) -> None:
    assert resolve_plain_scalar(text) == value


def test_aliases_expand_and_their_values_keep_the_anchor_span() -> None:
    document = load("a: &x [1, 2]\nb: *x\nc: rm *.tmp && ls\n")
    assert document.data == {"a": [1, 2], "b": [1, 2], "c": "rm *.tmp && ls"}
    assert document.value_spans[("b", 1)] == document.value_spans[("a", 1)] == Span(1, 11, 1, 12)


def test_span_tables_list_every_location() -> None:
    document = load("a: [x, {b: c}]\n")
    assert dict(document.value_spans) == {
        (): Span(1, 1, 2, 1),
        ("a",): Span(1, 4, 1, 15),
        ("a", 0): Span(1, 5, 1, 6),
        ("a", 1): Span(1, 8, 1, 14),
        ("a", 1, "b"): Span(1, 12, 1, 13),
    }
    assert list(document.key_spans) == [("a",), ("a", 1, "b")]
    assert ("a", 2) not in document.value_spans


def test_a_packed_span_unpacks_to_the_nodes_positions_far_into_a_long_line() -> None:
    """Spans are kept packed (one int per value); a column past 2**24 still comes back."""
    import yaml

    from mlops_compiler.load.builder import node_span, packed_span, unpacked_span

    text = "a:\n" + "  b: " + "x" * (1 << 24) + "\n" + "  c: [1, 2]\n"
    root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    inner = root.value[0][1]
    nodes = [inner, *[node for pair in inner.value for node in pair]]
    assert [unpacked_span(packed_span(node)) for node in nodes] == [node_span(n) for n in nodes]
