"""Load ``mlops.yaml`` into plain data plus a span for every key and value.

PyYAML's composer (the C one when available) gives us nodes with marks; we build the data
ourselves so that we can (1) keep a position for every node, (2) reject duplicate keys, which
PyYAML silently resolves to the last one, (3) apply YAML 1.2 core-schema scalars instead of
YAML 1.1's (``on`` and ``no`` stay strings), and (4) refuse tags and runaway alias expansion.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field, replace
from pathlib import Path
from typing import Any

import yaml

from mlops_compiler.collector import without_cycle_collector
from mlops_compiler.dataclass import dataclass
from mlops_compiler.errors import Diagnostic, Loc, Span, SpecError
from mlops_compiler.fingerprint import content_hash
from mlops_compiler.load.builder import (
    MAX_ALIAS_REVISITS,
    MAX_DEPTH,
    AliasBudgetError,
    Builder,
    SpanTable,
    may_alias,
    node_span,
)
from mlops_compiler.load.compose import MAX_NODES, NodeBudgetError, compose_marked
from mlops_compiler.load.expansion import alias_bomb
from mlops_compiler.load.specfile import MAX_SPEC_BYTES as MAX_SPEC_BYTES  # re-exported
from mlops_compiler.load.specfile import file_error as _file_error
from mlops_compiler.load.specfile import read_capped, too_large
from mlops_compiler.load.textscan import position, refused_characters, split_lines


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
    source_hash: str = ""
    """``content_hash`` of the bytes parsed: what the manifest records for the spec, even if
    the file changes while the compile runs."""

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
        raise _file_error(
            path,
            f"spec file not found: {path}",
            "run `mlops init` to create a starter mlops.yaml here, or pass -f PATH",
        )
    return load_spec_bytes(read_capped(path), path)


def load_spec_bytes(raw: bytes, path: Path) -> LoadedDocument:
    """Parse spec bytes; ``path`` is used for messages only.

    The size cap holds here too, for specs that never were a file (the one `mlops import`
    drafts from a repository's files)."""
    if len(raw) > MAX_SPEC_BYTES:
        raise too_large(path, raw, len(raw))
    with without_cycle_collector():  # a node, its marks and its positions per value, all kept
        document = _load_spec_bytes(raw, path)
    return replace(document, source_hash=content_hash(raw))


def _load_spec_bytes(raw: bytes, path: Path) -> LoadedDocument:
    text = _decode(raw, path)
    lines = split_lines(text)
    _reject_control_characters(text, path, lines)
    try:
        root = compose_marked(text, MAX_NODES)
    except NodeBudgetError as exc:
        raise SpecError(path, lines, [node_budget_diagnostic(exc)]) from None
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
    aliases = may_alias(text)
    bomb = alias_bomb(root, MAX_ALIAS_REVISITS, MAX_DEPTH) if aliases else None
    if bomb is not None:
        diagnostic = Diagnostic(
            f"aliases expand to more than {MAX_ALIAS_REVISITS} nodes",
            span=node_span(bomb[1]),
            loc=bomb[0],
            hint="aliases that refer to aliases multiply; write the values out",
        )
        raise SpecError(path, lines, [diagnostic])
    builder = Builder(aliases=aliases)
    try:
        data = builder.build(root, ())
    except AliasBudgetError as exc:
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
                    span=node_span(root),
                    hint="start with `version: 1` followed by `project:`",
                )
            ],
        )
    return LoadedDocument(
        path=path,
        data=data,
        lines=lines,
        value_spans=SpanTable(builder.value_marks),
        key_spans=builder.key_spans,
        plain_text=builder.plain_text,
        warnings=builder.warnings,
    )


def node_budget_diagnostic(exc: NodeBudgetError) -> Diagnostic:
    """The refusal of a document past the node budget, at the node that crossed it."""
    line, column = exc.mark.line + 1, exc.mark.column + 1
    return Diagnostic(
        f"the spec holds more than {exc.budget} keys, values and items; refused here",
        span=Span(line, column, line, column + 1),
        hint="a spec is written by people: keep bulk data in a file the stages read "
        "(`params_files:`, a data file under DVC)",
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
    elif mark is not None and (
        problem.startswith("mapping values are not allowed")
        or (problem == "did not find expected key" and "block mapping" in context)
    ):
        span, problem, hint = _indentation(problem, lines, mark.line, span)
    elif "undefined alias" in problem and mark is not None:
        name = line[mark.column + 1 :].split(" ")[0].rstrip(",]}")
        problem = f"alias `*{name}` refers to no anchor"
        hint = f"define `&{name}` on a value before this line, or write the value out"
    return Diagnostic(f"YAML syntax error: {problem}", span=span, hint=hint)


def _indentation(
    problem: str, lines: list[str], index: int, span: Span | None
) -> tuple[Span | None, str, str]:
    """libyaml's words for a key indented wrongly, turned into what to change and where.

    A key indented deeper than the key above it continues that key's value: libyaml stops at
    its colon ("mapping values are not allowed in this context"); one indented less than its
    siblings but more than its parent is "did not find expected key".
    """
    line = lines[index] if index < len(lines) else ""
    indent = len(line) - len(line.lstrip(" "))
    above = next(
        (
            lines[i]
            for i in range(index - 1, -1, -1)
            if lines[i].strip() and not lines[i].lstrip().startswith("#")
        ),
        "",
    )
    above_indent = len(above) - len(above.lstrip(" "))
    key = line.strip().split(":", 1)[0].strip()
    above_key = above.strip().split(":", 1)[0].strip().lstrip("- ")
    key_span = Span(index + 1, indent + 1, index + 1, indent + 1 + max(1, len(key)))
    if problem.startswith("mapping values") and indent > above_indent and ":" in above:
        return (
            key_span,
            f"`{key}:` is indented deeper than `{above_key}:` on the line above, so YAML reads"
            " it as part of that key's value",
            f"indent `{key}:` like the keys beside it (column {above_indent + 1}); a value that"
            ' itself contains `: ` must be quoted ("a: b")',
        )
    if problem.startswith("mapping values"):
        return (
            span,
            "a value contains `: `, which YAML reads as a nested key",
            'quote the value ("a: b"), or put the key on its own line',
        )
    if indent < above_indent:
        columns = _enclosing_keys(lines, index)
        shown = " or ".join(f"column {column + 1} (beside `{name}:`)" for column, name in columns)
        return (
            key_span,
            f"`{key}:` starts in column {indent + 1}, which lines up with no key above it",
            f"keys of one mapping start in the same column: move `{key}:` to {shown}",
        )
    return (span, problem, "keys of one mapping must start in the same column")


def _enclosing_keys(lines: list[str], index: int) -> list[tuple[int, str]]:
    """(indent, key) of the line above ``index`` and of each key that holds it, innermost first."""
    found: list[tuple[int, str]] = []
    for line in reversed(lines[:index]):
        text = line.strip()
        if not text or text.startswith(("#", "-")) or ":" not in text:
            continue
        indent = len(line) - len(line.lstrip(" "))
        if not found or indent < found[-1][0]:
            found.append((indent, text.split(":", 1)[0].strip()))
    return found[:3]
