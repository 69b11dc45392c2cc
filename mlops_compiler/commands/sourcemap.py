"""Which spec key produced each line of a generated file.

Compiling is deterministic, so the map is rebuilt from the same render a compile makes: the
output is parsed back with positions (the loader keeps a span for every key and value), each
output line gets the deepest data path on it, and the family that generates the file gives the
rule that maps that path to the spec path it came from (its ``explain`` step, see
``families/origins.py``). Files without a rule map every line to their section.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mlops_compiler.dataclass import dataclass
from mlops_compiler.errors import Loc, Span, SpecError
from mlops_compiler.families.origins import LineMapper, Rule, holds_data
from mlops_compiler.families.table import FAMILIES
from mlops_compiler.load.loader import LoadedDocument, load_spec_bytes
from mlops_compiler.render.engine import OutputFile

HEADER_LINES = 2
"""Every generated file with comments starts with a two-line header (``render.header``)."""


@dataclass(frozen=True)
class Origin:
    """Where one line of a generated file came from."""

    output_path: Loc
    """The data path in the generated file (``()`` for the header or a whole-file origin)."""
    spec_path: Loc
    """The spec location it came from."""


def line_origins(file: OutputFile, spec: LoadedDocument) -> dict[int, Origin]:
    """``{line: origin}`` for the lines of ``file`` that hold data."""
    lines = file.text.splitlines()
    whole = Origin((), (file.section,))
    rule = _rule(file.path, spec.data)
    if isinstance(rule, LineMapper):
        found = rule.origins(lines, spec.data, lambda loc: loc in spec.value_spans)
        return {line: Origin((), path) for line, path in found.items()}
    try:
        parsed = load_spec_bytes(file.text.encode("utf-8"), Path(file.path))
    except SpecError:
        parsed = None
    if rule is None or parsed is None:
        return {n: whole for n, line in enumerate(lines, 1) if holds_data(line)}
    chosen = _subjects(parsed, lines)
    return {
        line: Origin(path, rule(path, parsed.data, spec.data))
        for line, path in sorted(chosen.items())
        if holds_data(lines[line - 1])
    }


def _rule(path: str, spec: Any) -> Rule | None:
    """The first family that has a rule for the file (each knows its own files)."""
    for family in FAMILIES:
        found = family.steps().explain(path, spec)
        if found is not None:
            return found
    return None


def _subjects(parsed: LoadedDocument, lines: list[str]) -> dict[int, Loc]:
    """Per line, what it is about: its leftmost key; on a line without keys (a list item), the
    deepest value starting on it; on a continuation line, the deepest value running over it."""
    keys: dict[int, tuple[int, Loc]] = {}
    for path, span in parsed.key_spans.items():
        if span.line not in keys or span.column < keys[span.line][0]:
            keys[span.line] = (span.column, path)
    chosen = {line: path for line, (_column, path) in keys.items()}
    for path, span in parsed.value_spans.items():
        first = span.line if span.line not in keys else span.line + 1
        for line in range(first, min(_last_line(span, lines), len(lines)) + 1):
            if line not in keys and len(path) >= len(chosen.get(line, ())):
                chosen[line] = path
    return chosen


def _last_line(span: Span, lines: list[str]) -> int:
    """A block collection's span ends where the next token starts, on a line of its own."""
    if span.end_line == span.line:
        return span.line
    end = lines[span.end_line - 1][: span.end_column - 1] if span.end_line <= len(lines) else ""
    return span.end_line if end.strip() else span.end_line - 1
