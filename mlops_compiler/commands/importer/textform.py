"""The text of a workflow or Dockerfile as mlops.yaml can carry it, or why it cannot.

mlops.yaml refuses control characters (a carriage return among them: see ``textscan``), so a
file carried under `files:` is carried with LF line ends. That is faithful only where the
owning tool reads a CR as part of a line end: YAML (GitHub) reads CRLF and a lone CR as one
line break each; Docker reads CRLF as a line end (Go's line scanner drops the CR) but a lone CR
as part of the line. What cannot be carried faithfully is refused for that file alone, with the
line and column an editor shows.

A file that mlops itself generated starts with the generated-file header (after a Dockerfile's
parser directives); compile writes a fresh header, so the old one is left out here.
"""

from __future__ import annotations

import re

from mlops_compiler.commands.importer.readers import Reader, Unreadable
from mlops_compiler.load.textscan import position, refused_characters
from mlops_compiler.render.engine import GENERATED_MARKER

_DIRECTIVE = re.compile(r"^#\s*[a-zA-Z]+\s*=")
_LONE_CR = re.compile(r"\r(?!\n)")


def carriable_text(text: str, path: str, reader: Reader) -> str | Unreadable:
    """``text`` with LF line ends and without an old mlops header, or an ``Unreadable``.

    The caller compares what the owning tool reads from the result with what it reads from the
    original; this function only makes the text one mlops.yaml can hold.
    """
    lone = _LONE_CR.search(text)
    if lone is not None and reader != "workflow":
        line, column = position(text, lone.start())
        return Unreadable(
            path,
            "a carriage return without a line feed: Docker reads it as part of the line, and"
            " mlops.yaml cannot carry it (save the file with LF or CRLF line endings)",
            line,
            column,
        )
    refused = refused_characters(text.replace("\r", " "))  # same offsets, CRs dealt with
    if refused:
        first = refused[0]
        span = first.span
        return Unreadable(
            path,
            f"{first.message}: mlops.yaml cannot carry it ({first.hint})",
            span.line if span else None,
            span.column if span else None,
        )
    return without_header(_LONE_CR.sub("\n", text.replace("\r\n", "\n")), reader)


def without_header(text: str, reader: Reader) -> str:
    """``text`` less the two-line header mlops writes (a Dockerfile's directives stay first)."""
    lines = text.split("\n")
    start = 0
    if reader == "dockerfile":
        while start < len(lines) and _DIRECTIVE.match(lines[start]):
            start += 1
    if start < len(lines) and lines[start].startswith("#") and GENERATED_MARKER in lines[start]:
        end = start + 1
        if end < len(lines) and lines[end].startswith("#") and "`mlops compile`" in lines[end]:
            end += 1
        lines[start:end] = []
    return "\n".join(lines)
