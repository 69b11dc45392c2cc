"""Format diagnostics for people: ``file:line:col: error: path: message``, the line, a caret.

The shown line is made safe to print: invisible and bidirectional characters appear as
``<U+202E>``, secrets are redacted, long lines are cut around the problem, and the caret is
placed by display width, so wide (CJK) characters do not shift it.
"""

from __future__ import annotations

import unicodedata

from mlops_compiler.errors import Diagnostic, Span, SpecError

MAX_SHOWN = 50
"""More than this many problems are summarised as "... and N more"."""

MAX_LINE_WIDTH = 100
"""A longer source line is cut to a window around the caret."""


def format_spec_error(error: SpecError, display_path: str) -> str:
    """Every diagnostic of ``error``, in line order, each with its source line and a hint."""
    blocks = [
        format_diagnostic(d, display_path, error.source_lines)
        for d in error.diagnostics[:MAX_SHOWN]
    ]
    hidden = len(error.diagnostics) - MAX_SHOWN
    if hidden > 0:
        blocks.append(f"... and {hidden} more")
    return "\n".join(blocks)


def format_diagnostic(diagnostic: Diagnostic, display_path: str, lines: list[str]) -> str:
    """One diagnostic as a few lines of text."""
    where = display_path
    if diagnostic.span is not None:
        where += f":{diagnostic.span.line}:{diagnostic.span.column}"
    subject = f"{diagnostic.dotted_path}: " if diagnostic.loc else ""
    said = _visible(f"{subject}{diagnostic.message}")  # user text may hold control characters
    out = [f"{where}: {diagnostic.severity.value}: {said}"]
    span = diagnostic.span
    if span is not None and 0 < span.line <= len(lines):
        source = lines[span.line - 1]
        if diagnostic.redact:
            source = _redact(source, span)
        out += _excerpt(source, span)
    if diagnostic.hint:
        out.append(f"  hint: {_visible(diagnostic.hint)}")
    return "\n".join(out)


def _visible(text: str) -> str:
    return "".join(char if char == "\t" else _display(char) for char in text)


def source_excerpt(source: str, span: Span) -> list[str]:
    """The line and a caret line under ``span``, as in a diagnostic (for `mlops explain`)."""
    return _excerpt(source, span)


def _redact(source: str, span: Span) -> str:
    """Everything after the key's colon becomes `<redacted>`; the brackets of a flow
    collection still open at the key are closed again, so the line keeps its shape."""
    colon = source.find(":", span.end_column - 1)
    if colon < 0:
        return source
    return source[: colon + 1] + " <redacted>" + _closers(source[: span.column - 1])


def _closers(text: str) -> str:
    """The `}` and `]` that close the flow collections open at the end of ``text``."""
    opened: list[str] = []
    quote = ""
    for char in text:
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "{[":
            opened.append("}" if char == "{" else "]")
        elif char in "}]" and opened:
            opened.pop()
        elif char == "#":
            break
    return "".join(reversed(opened))


def _excerpt(source: str, span: Span) -> list[str]:
    """The source line and a caret line under ``span``, both in display cells."""
    # Only the characters near the caret can be shown: a one-line flow mapping of a MiB with
    # a warning per item would otherwise cost a pass over the whole line for each of them.
    # The margins keep the cut (and its `...`) exactly where `_window` puts it.
    column = min(span.column - 1, len(source))
    lo = max(0, column - 2 * MAX_LINE_WIDTH)
    hi = column + 4 * MAX_LINE_WIDTH
    cells = [_display(char) for char in source[lo:hi]]
    start = min(span.column - 1 - lo, len(cells))
    end = span.end_column - 1 - lo if span.end_line == span.line else len(cells)
    end = max(start + 1, min(end, len(cells)))
    width = max(1, sum(_width(cell) for cell in cells[start:end]))
    shown = "".join(cells)
    caret_at = sum(_width(cell) for cell in cells[:start])
    if sum(_width(cell) for cell in cells) > MAX_LINE_WIDTH:
        shown, caret_at, width = _window(cells, start, end)
    gutter = f"{span.line:>5} | "
    return [gutter + shown, " " * (len(gutter) + caret_at) + "^" * min(width, MAX_LINE_WIDTH)]


def _window(cells: list[str], start: int, end: int) -> tuple[str, int, int]:
    """Cut the line to about MAX_LINE_WIDTH cells around the caret, marking cuts with `...`."""
    left = max(0, start - MAX_LINE_WIDTH // 3)
    right = min(len(cells), left + MAX_LINE_WIDTH - 6)
    shown = (
        ("..." if left else "") + "".join(cells[left:right]) + ("..." if right < len(cells) else "")
    )
    caret_at = (3 if left else 0) + sum(_width(cell) for cell in cells[left:start])
    width = sum(_width(cell) for cell in cells[start : min(end, right)])
    return shown, caret_at, max(1, width)


def _display(char: str) -> str:
    if char == "\t":
        return " "
    if not char.isprintable() or unicodedata.category(char) == "Cf":
        return f"<U+{ord(char):04X}>"
    return char


def _width(cell: str) -> int:
    if len(cell) > 1:
        return len(cell)
    return 2 if unicodedata.east_asian_width(cell) in ("W", "F") else 1
