"""Composed YAML nodes to plain data, with a span for every key and value.

The builder rejects duplicate keys, explicit tags and nesting past ``MAX_DEPTH``, records the
plain text of scalars (for "quote it" hints) and YAML 1.1 traps (as warnings), and counts what
aliases add, so a shared node cannot blow up memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

import yaml

from mlops_compiler.errors import Diagnostic, Loc, Severity, Span
from mlops_compiler.load.compose import IMPLICIT
from mlops_compiler.load.scalars import NOT_STRING_FIRST, PLAIN_SPECIAL_FIRST, resolve_plain_scalar
from mlops_compiler.load.textscan import refused_in_value
from mlops_compiler.load.yaml11 import yaml11_trap

MAX_ALIAS_REVISITS = 100_000
"""Extra nodes that aliases may add; counted before the data is built (``expansion.py``)."""

MAX_DEPTH = 64
"""Nesting deeper than this is certainly a mistake (or an attack on the stack)."""

MAX_TRAP_WARNINGS = 1000
"""YAML 1.1 warnings reported one by one; the rest are one warning at the first of them."""


def node_span(node: yaml.Node) -> Span:
    start, end = node.start_mark, node.end_mark
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


_RADIX = 1 << 32
"""Above any line or column of a text that fits in memory."""


def packed_span(node: yaml.Node) -> int:
    """A node's span as one int: four numbers in base ``_RADIX``, to keep for every value.

    The builder keeps a span for every key and value of the spec, and a compile shows a
    handful. Keeping the nodes' two marks (80 bytes each, plus their tuple) was a third of
    the memory a 10,000-stage spec costs once loaded; one int is 44 bytes.
    """
    start, end = node.start_mark, node.end_mark
    return ((start.line * _RADIX + start.column) * _RADIX + end.line) * _RADIX + end.column


def unpacked_span(packed: int) -> Span:
    rest, end_column = divmod(packed, _RADIX)
    rest, end_line = divmod(rest, _RADIX)
    line, column = divmod(rest, _RADIX)
    return Span(line + 1, column + 1, end_line + 1, end_column + 1)


class SpanTable(Mapping[Loc, Span]):
    """Spans by location, unpacked only when asked for (see ``packed_span``)."""

    __slots__ = ("_packed",)

    def __init__(self, packed: dict[Loc, int]) -> None:
        self._packed = packed

    def __getitem__(self, loc: Loc) -> Span:
        return unpacked_span(self._packed[loc])

    def __contains__(self, loc: object) -> bool:
        return loc in self._packed

    def __iter__(self) -> Iterator[Loc]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)


_ALIAS = re.compile(r"\*[0-9A-Za-z_-]")
_ANCHOR = re.compile(r"&[0-9A-Za-z_-]")


def may_alias(text: str) -> bool:
    """False when ``text`` certainly has no alias: libyaml names anchors with these characters
    only, and an alias needs an anchor. Then no node is shared, and the alias pre-count and
    the builder's identity tracking (a third of loading a large spec) can be skipped."""
    return bool(_ALIAS.search(text)) and bool(_ANCHOR.search(text))


class Builder:
    """Walks composed nodes into plain data, recording spans and problems."""

    def __init__(self, *, aliases: bool = True) -> None:
        self.value_marks: dict[Loc, int] = {}
        self.key_marks: dict[Loc, int] = {}
        self.key_spans = SpanTable(self.key_marks)
        self.plain_text: dict[Loc, str] = {}
        self.diagnostics: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        self._aliases = aliases
        """Whether nodes may be shared (see ``may_alias``); without, no identity tracking."""
        self._seen: set[int] = set()
        self._revisits = 0
        self._active: set[int] = set()

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        if self._aliases:
            self._count_visit(node, loc)
        self.value_marks[loc] = packed_span(node)
        if node.tag != IMPLICIT and self._refused_tag(node, loc):
            return None
        if len(loc) > MAX_DEPTH:
            hint = "flatten it; keep deep data in a file the stage reads (`pipeline.vars`)"
            self._error(node, f"nesting is deeper than {MAX_DEPTH} levels", hint, loc)
            return None
        if type(node) is yaml.ScalarNode:
            text = node.value
            if not node.style and text and text[0] not in PLAIN_SPECIAL_FIRST:
                return text  # most values: a string in YAML 1.2 and no YAML 1.1 trap
            return self._scalar(node, loc)
        if not self._aliases:
            value = self._collection(node, loc)
            # Built: let the subtree go now rather than with the root. Without aliases no node
            # is shared, and nothing reads a node's children again; the tree and the data
            # built from it no longer peak together (a third of a 10,000-stage spec's memory).
            node.value = []
            return value
        if id(node) in self._active:
            self._error(node, "an alias refers to a node that contains it", "remove the alias", loc)
            return None
        self._active.add(id(node))
        try:
            return self._collection(node, loc)
        finally:
            self._active.discard(id(node))

    def _count_visit(self, node: yaml.Node, loc: Loc) -> None:
        if id(node) in self._seen:
            self._revisits += 1
            if self._revisits > MAX_ALIAS_REVISITS:
                raise AliasBudgetError(loc)
        else:
            self._seen.add(id(node))

    def _collection(self, node: yaml.Node, loc: Loc) -> Any:
        if type(node) is yaml.SequenceNode:
            return [self.build(item, (*loc, index)) for index, item in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)
        return self._mapping(node, loc)

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        result: dict[str, Any] = {}
        seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = self._key(key_node, loc)
            if key is None:
                continue
            if key in seen:
                first = seen[key].start_mark.line + 1
                self._error(
                    key_node,
                    f"duplicate key `{key}` (first defined on line {first})",
                    "keep one of them; YAML would silently drop the first",
                    (*loc, key),
                )
                continue
            seen[key] = key_node
            child = (*loc, key)
            self.key_marks[child] = packed_span(key_node)
            result[key] = self.build(value_node, child)
        return result

    def _key(self, node: yaml.Node, loc: Loc) -> str | None:
        if node.tag != IMPLICIT and self._refused_tag(node, loc):
            return None
        if type(node) is yaml.ScalarNode and not node.style:
            text: str = node.value
            if text and text[0] not in NOT_STRING_FIRST and text != "<<":
                return text  # most keys: a plain word
        if not isinstance(node, yaml.ScalarNode):
            self._error(node, "keys must be plain strings", "write the key as a plain word", loc)
            return None
        if node.value == "<<" and not node.style:
            self._error(node, "YAML merge keys (`<<`) are not supported", "write the keys out", loc)
            return None
        if node.style:
            return self._escaped(node, loc)  # a quoted key is a string (or already refused)
        try:
            value = resolve_plain_scalar(node.value)
        except ValueError:
            value = None
        if not isinstance(value, str):
            message, hint = f"key `{node.value}` is not a string", f"quote it: '{node.value}'"
            self._error(node, message, hint, loc)
            return None
        return value

    def _scalar(self, node: yaml.ScalarNode, loc: Loc) -> Any:
        if node.style:
            return self._escaped(node, loc)
        try:
            value = resolve_plain_scalar(node.value)
        except ValueError:
            message = f"a {len(node.value)}-digit number is too large"
            self._error(node, message, "quote it if it is meant as text", loc)
            return None
        if not isinstance(value, str):
            self.plain_text[loc] = node.value
        trap = yaml11_trap(node.value, value)
        if trap is not None:
            self._trap(node, loc, *trap)
        return value

    def _trap(self, node: yaml.ScalarNode, loc: Loc, message: str, hint: str) -> None:
        """A YAML 1.1 warning; past ``MAX_TRAP_WARNINGS`` one more only counts them (a flow
        list of 200,000 `yes` would otherwise cost seconds and hundreds of MiB of warnings)."""
        if len(self.warnings) == MAX_TRAP_WARNINGS:
            self.warnings.append(
                Diagnostic(
                    "more plain scalars that YAML 1.1 reads differently, from here on",
                    node_span(node),
                    loc,
                    severity=Severity.WARNING,
                    hint="quote them; only the first ones are reported one by one",
                )
            )
        if len(self.warnings) > MAX_TRAP_WARNINGS:
            return
        self.warnings.append(
            Diagnostic(message, node_span(node), loc, severity=Severity.WARNING, hint=hint)
        )

    def _escaped(self, node: yaml.ScalarNode, loc: Loc) -> str | None:
        """A quoted scalar; double quotes decode escapes, which may spell a refused character."""
        value = str(node.value)
        refused = refused_in_value(value) if node.style == '"' else None
        if refused is not None:
            self._error(node, refused.message, refused.hint, loc)
            return None
        return value

    def _error(self, node: yaml.Node, message: str, hint: str | None, loc: Loc = ()) -> None:
        self.diagnostics.append(Diagnostic(message, span=node_span(node), loc=loc, hint=hint))

    def _refused_tag(self, node: yaml.Node, loc: Loc) -> bool:
        """Report an explicit tag on a value or a key; True when there is one."""
        if node.tag == IMPLICIT:
            return False
        tag = _short_tag(node.tag)
        self._error(node, f"YAML tag `{tag}` is not allowed", "remove the tag", loc)
        return True


def _short_tag(tag: str) -> str:
    """Show a tag as it was written: ``!!python/...`` rather than ``tag:yaml.org,2002:...``."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag.removeprefix(prefix) if tag.startswith(prefix) else tag


class AliasBudgetError(Exception):
    def __init__(self, loc: Loc):
        self.loc = loc
