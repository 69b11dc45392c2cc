"""Load ``mlops.yaml`` into plain data plus a span for every key and value.

PyYAML's composer (the C one when available) gives us nodes with marks; we build the data
ourselves so that we can (1) keep a position for every node, (2) reject duplicate keys, which
PyYAML silently resolves to the last one, (3) apply YAML 1.2 core-schema scalars instead of
YAML 1.1's (``on`` and ``no`` stay strings), and (4) refuse tags and runaway alias expansion.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from mlops_compiler.errors import Diagnostic, Loc, Severity, Span, SpecError
from mlops_compiler.load.expansion import alias_bomb
from mlops_compiler.load.specfile import MAX_SPEC_BYTES as MAX_SPEC_BYTES  # re-exported
from mlops_compiler.load.specfile import file_error as _file_error
from mlops_compiler.load.specfile import read_capped
from mlops_compiler.load.textscan import position, refused_characters, refused_in_value, split_lines
from mlops_compiler.load.yaml11 import TRAP_FIRST, yaml11_trap

MAX_ALIAS_REVISITS = 100_000
"""Extra nodes that aliases may add; counted before the data is built (``expansion.py``)."""

MAX_DEPTH = 64
"""Nesting deeper than this is certainly a mistake (or an attack on the stack)."""

_IMPLICIT = "mlops:implicit"
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT_DEC = re.compile(r"^[-+]?[0-9]+$")
_INT_OCT = re.compile(r"^0o[0-7]+$")
_INT_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")

_BaseLoader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _MarkingLoader(_BaseLoader):  # type: ignore[misc]
    """Composes nodes only; every implicit tag becomes a sentinel so explicit tags stand out."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        return _IMPLICIT

    # The composer calls these two around every node, for path resolvers, which this loader
    # never has: C builtins that take the same arguments and do nothing instead of PyYAML's
    # Python methods (a tenth of composing a 1,000-stage spec, and again for its dvc.yaml).
    descend_resolver = dict[Any, Any]().get  # (parent, index) -> ignored
    ascend_resolver = tuple  # () -> ignored


def compose_marked(text: str) -> yaml.Node | None:
    """The node tree of ``text``; an untagged node's tag is ``_IMPLICIT``. Raises YAMLError."""
    root: yaml.Node | None = yaml.compose(text, Loader=_MarkingLoader)
    return root


@dataclass(frozen=True)
class LoadedDocument:
    """The spec as plain data, with where every part of it came from."""

    path: Path
    data: dict[str, Any]
    lines: list[str]
    value_spans: Mapping[Loc, Span] = field(repr=False)
    key_spans: Mapping[Loc, Span] = field(repr=False)
    plain_text: dict[Loc, str] = field(repr=False)
    """Source text of unquoted scalars that did not become strings (for "quote it" hints)."""
    warnings: list[Diagnostic] = field(default_factory=list, repr=False)
    """Valid but suspicious: plain scalars that YAML 1.1 readers read differently."""

    def span_of(self, loc: Loc, *, key: bool = False) -> Span | None:
        """The span of ``loc`` or of its nearest ancestor that has one."""
        table = self.key_spans if key else self.value_spans
        probe = tuple(loc)
        while probe:
            if probe in table:
                return table[probe]
            if key and probe in self.value_spans:
                return self.value_spans[probe]
            probe = probe[:-1]
        return self.value_spans.get((), None)

    def position(self, diagnostic: Diagnostic) -> Diagnostic:
        """The diagnostic with a span: its key, its value, or the text it names in the value."""
        if diagnostic.span is not None or not diagnostic.loc:
            return diagnostic
        span = self.span_of(diagnostic.loc, key=diagnostic.on_key)
        if diagnostic.needle is not None and span is not None:
            span = self.find_in(span, diagnostic.needle) or span
        return replace(diagnostic, span=span)

    def find_in(self, span: Span, needle: str) -> Span | None:
        """The first occurrence of ``needle`` inside ``span`` (for underlining part of a value)."""
        for line_number in range(span.line, span.end_line + 1):
            if line_number > len(self.lines):
                break
            text = self.lines[line_number - 1]
            start = span.column - 1 if line_number == span.line else 0
            found = text.find(needle, start)
            if found >= 0:
                column = found + 1
                return Span(line_number, column, line_number, column + len(needle))
        return None


def load_spec_file(path: Path) -> LoadedDocument:
    """Read and parse the spec at ``path``; raise ``SpecError`` with positions on any problem."""
    if not path.exists():
        raise _file_error(path, f"spec file not found: {path}", "create it, or pass -f PATH")
    return load_spec_bytes(read_capped(path), path)


def load_spec_bytes(raw: bytes, path: Path) -> LoadedDocument:
    """Parse spec bytes; ``path`` is used for messages only."""
    text = _decode(raw, path)
    lines = split_lines(text)
    _reject_control_characters(text, path, lines)
    try:
        root = compose_marked(text)
    except yaml.MarkedYAMLError as exc:
        raise SpecError(path, lines, [_yaml_error_diagnostic(exc, lines)]) from None
    except yaml.reader.ReaderError as exc:  # only an offset; refused_characters runs first
        line, column = position(text, exc.position)
        span = Span(line, column, line, column + 1)
        diagnostic = Diagnostic(f"YAML error: {exc.reason}", span, hint="delete the character")
        raise SpecError(path, lines, [diagnostic]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML marks every other parse error
        raise SpecError(path, lines, [Diagnostic(f"YAML error: {exc}")]) from None
    if root is None:
        raise SpecError(
            path, lines, [Diagnostic("the spec is empty", hint="start with `version: 1`")]
        )
    aliases = _may_alias(text)
    bomb = alias_bomb(root, MAX_ALIAS_REVISITS, MAX_DEPTH) if aliases else None
    if bomb is not None:
        diagnostic = Diagnostic(
            f"aliases expand to more than {MAX_ALIAS_REVISITS} nodes",
            span=_span(bomb[1]),
            loc=bomb[0],
            hint="aliases that refer to aliases multiply; write the values out",
        )
        raise SpecError(path, lines, [diagnostic])
    builder = _Builder(aliases=aliases)
    try:
        data = builder.build(root, ())
    except _AliasBudgetError as exc:
        diagnostic = Diagnostic(
            f"aliases expand to more than {MAX_ALIAS_REVISITS} nodes",
            span=builder.key_spans.get(exc.loc[:2]) or builder.key_spans.get(exc.loc[:1]),
            loc=exc.loc[:2],
            hint="aliases that refer to aliases multiply; write the values out",
        )
        raise SpecError(path, lines, [diagnostic]) from None
    if builder.diagnostics:
        raise SpecError(path, lines, builder.diagnostics)
    if not isinstance(data, dict):
        raise SpecError(
            path,
            lines,
            [
                Diagnostic(
                    "the top level must be a mapping of sections",
                    span=_span(root),
                    hint="start with `version: 1` followed by `project:`",
                )
            ],
        )
    return LoadedDocument(
        path=path,
        data=data,
        lines=lines,
        value_spans=_SpanTable(builder.value_marks),
        key_spans=builder.key_spans,
        plain_text=builder.plain_text,
        warnings=builder.warnings,
    )


def _decode(raw: bytes, path: Path) -> str:
    try:
        return raw.decode("utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", errors="replace")) + 1
        lines = split_lines(raw.decode("utf-8", errors="replace"))
        return_error = Diagnostic(
            f"invalid UTF-8 byte 0x{raw[exc.start]:02x}",
            span=Span(line, column, line, column + 1),
            hint="save the file as UTF-8",
        )
        raise SpecError(path, lines, [return_error]) from None


def _reject_control_characters(text: str, path: Path, lines: list[str]) -> None:
    diagnostics = refused_characters(text)
    if diagnostics:
        raise SpecError(path, lines, diagnostics)


def _yaml_error_diagnostic(exc: yaml.MarkedYAMLError, lines: list[str]) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    span = Span(mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 2) if mark else None
    problem = str(exc.problem or exc.context or "invalid YAML")
    context = str(exc.context or "")
    line = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    hint: str | None = None
    if "expected a single document" in context:
        problem, hint = "the spec must be a single YAML document", "remove the `---` separator"
    elif "\t" in line[: len(line) - len(line.lstrip())]:
        problem, hint = "a tab character is used for indentation", "indent with spaces only"
    elif "${" in line and "flow" in context:
        hint = (
            "quote values containing `${...}` inside `[...]`, or write the list as `- item` lines"
        )
    elif exc.context_mark is not None and context.startswith("while parsing a flow"):
        opened = exc.context_mark
        what = context.removeprefix("while parsing a ")
        hint = (
            f"the {what} opened at line {opened.line + 1}, column {opened.column + 1} is not closed"
        )
    elif "undefined alias" in problem and mark is not None:
        name = line[mark.column + 1 :].split(" ")[0].rstrip(",]}")
        problem = f"alias `*{name}` refers to no anchor"
        hint = f"define `&{name}` on a value before this line, or write the value out"
    return Diagnostic(f"YAML syntax error: {problem}", span=span, hint=hint)


def _span(node: yaml.Node) -> Span:
    return _marks_span(node.start_mark, node.end_mark)


def _marks_span(start: yaml.Mark, end: yaml.Mark) -> Span:
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


_Marks = tuple[yaml.Mark, yaml.Mark]


class _SpanTable(Mapping[Loc, Span]):
    """Spans by location, made from the nodes' marks only when asked for.

    A spec has a span for every key and value, and a compile asks for a handful (those of its
    diagnostics): building all of them up front was a fifth of loading a large spec.
    """

    __slots__ = ("_marks",)

    def __init__(self, marks: dict[Loc, _Marks]) -> None:
        self._marks = marks

    def __getitem__(self, loc: Loc) -> Span:
        return _marks_span(*self._marks[loc])

    def __contains__(self, loc: object) -> bool:
        return loc in self._marks

    def __iter__(self) -> Iterator[Loc]:
        return iter(self._marks)

    def __len__(self) -> int:
        return len(self._marks)


_ALIAS = re.compile(r"\*[0-9A-Za-z_-]")
_ANCHOR = re.compile(r"&[0-9A-Za-z_-]")


def _may_alias(text: str) -> bool:
    """False when ``text`` certainly has no alias: libyaml names anchors with these characters
    only, and an alias needs an anchor. Then no node is shared, and the alias pre-count and
    the builder's identity tracking (a third of loading a large spec) can be skipped."""
    return bool(_ALIAS.search(text)) and bool(_ANCHOR.search(text))


class _Builder:
    """Walks composed nodes into plain data, recording spans and problems."""

    def __init__(self, *, aliases: bool = True) -> None:
        self.value_marks: dict[Loc, _Marks] = {}
        self.key_marks: dict[Loc, _Marks] = {}
        self.key_spans = _SpanTable(self.key_marks)
        self.plain_text: dict[Loc, str] = {}
        self.diagnostics: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        self._aliases = aliases
        """Whether nodes may be shared (see ``_may_alias``); without, no identity tracking."""
        self._seen: set[int] = set()
        self._revisits = 0
        self._active: set[int] = set()

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        if self._aliases:
            self._count_visit(node, loc)
        self.value_marks[loc] = (node.start_mark, node.end_mark)
        if node.tag != _IMPLICIT and self._refused_tag(node, loc):
            return None
        if len(loc) > MAX_DEPTH:
            hint = "flatten it; keep deep data in a file the stage reads (`pipeline.vars`)"
            self._error(node, f"nesting is deeper than {MAX_DEPTH} levels", hint, loc)
            return None
        if type(node) is yaml.ScalarNode:
            text = node.value
            if not node.style and text and text[0] not in _PLAIN_SPECIAL_FIRST:
                return text  # most values: a string in YAML 1.2 and no YAML 1.1 trap
            return self._scalar(node, loc)
        if not self._aliases:
            return self._collection(node, loc)
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
                raise _AliasBudgetError(loc)
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
            self.key_marks[child] = (key_node.start_mark, key_node.end_mark)
            result[key] = self.build(value_node, child)
        return result

    def _key(self, node: yaml.Node, loc: Loc) -> str | None:
        if node.tag != _IMPLICIT and self._refused_tag(node, loc):
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
            message, hint = trap
            self.warnings.append(
                Diagnostic(message, _span(node), loc, severity=Severity.WARNING, hint=hint)
            )
        return value

    def _escaped(self, node: yaml.ScalarNode, loc: Loc) -> str | None:
        """A quoted scalar; double quotes decode escapes, which may spell a refused character."""
        value = str(node.value)
        refused = refused_in_value(value) if node.style == '"' else None
        if refused is not None:
            self._error(node, refused.message, refused.hint, loc)
            return None
        return value

    def _error(self, node: yaml.Node, message: str, hint: str | None, loc: Loc = ()) -> None:
        self.diagnostics.append(Diagnostic(message, span=_span(node), loc=loc, hint=hint))

    def _refused_tag(self, node: yaml.Node, loc: Loc) -> bool:
        """Report an explicit tag on a value or a key; True when there is one."""
        if node.tag == _IMPLICIT:
            return False
        tag = _short_tag(node.tag)
        self._error(node, f"YAML tag `{tag}` is not allowed", "remove the tag", loc)
        return True


def _short_tag(tag: str) -> str:
    """Show a tag as it was written: ``!!python/...`` rather than ``tag:yaml.org,2002:...``."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag.removeprefix(prefix) if tag.startswith(prefix) else tag


class _AliasBudgetError(Exception):
    def __init__(self, loc: Loc):
        self.loc = loc


NOT_STRING_FIRST = frozenset("~nNtTfF+-.0123456789")
"""First characters of the YAML 1.2 core schema's nulls, booleans and numbers."""
_PLAIN_SPECIAL_FIRST = NOT_STRING_FIRST | TRAP_FIRST
"""A plain scalar starting otherwise is a string with no YAML 1.1 trap (nothing to record)."""


def resolve_plain_scalar(text: str) -> Any:
    """YAML 1.2 core schema: only these spellings are not strings."""
    if text and text[0] not in NOT_STRING_FIRST:
        return text  # most scalars: skip the eight patterns below
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT_DEC.match(text):
        return int(text)
    if _INT_OCT.match(text):
        return int(text[2:], 8)
    if _INT_HEX.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    if _INF.match(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN.match(text):
        return math.nan
    return text
