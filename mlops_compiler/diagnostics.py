"""Format diagnostics for people: ``file:line:col: error: path: message``, the line, a caret."""

from __future__ import annotations

from mlops_compiler.errors import Diagnostic, SpecError

MAX_SHOWN = 50
"""More than this many problems are summarised as "... and N more"."""


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
    out = [f"{where}: {diagnostic.severity.value}: {subject}{diagnostic.message}"]
    span = diagnostic.span
    if span is not None and 0 < span.line <= len(lines):
        source = lines[span.line - 1].expandtabs(1)
        width = (span.end_column - span.column) if span.end_line == span.line else 1
        width = max(1, min(width, len(source) - span.column + 1))
        gutter = f"{span.line:>5} | "
        out.append(gutter + source)
        out.append(" " * (len(gutter) + span.column - 1) + "^" * width)
    if diagnostic.hint:
        out.append(f"  hint: {diagnostic.hint}")
    return "\n".join(out)
