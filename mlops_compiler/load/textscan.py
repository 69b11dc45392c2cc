"""The spec as text, before YAML sees it: lines as editors count them, and characters to refuse.

PyYAML refuses some characters with only an offset ("position 50"), and counts NEL, U+2028,
U+2029 and a lone carriage return as line breaks where editors do not, which would put every
later position on the wrong line. So these are found here first, with the line and column an
editor shows, counting lines on ``\\n`` only.
"""

from __future__ import annotations

import re

from mlops_compiler.errors import Diagnostic, Span

_REFUSED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 and C1 controls, DEL, NEL (U+0085)
    "\u200b-\u200d\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]"
    "|\r(?!\n)"
)

_INVISIBLE = "invisible and bidirectional characters can hide what a line does; delete it"
_LINE_BREAKS = "YAML reads it as a line break where editors show none; delete it"


def split_lines(text: str) -> list[str]:
    """The lines an editor shows: split on LF, a CRLF's CR dropped, no empty last line."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.removesuffix("\r") for line in lines]


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of the character at ``offset``, counting lines on LF only."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def refused_characters(text: str) -> list[Diagnostic]:
    """A positioned error for every control, invisible or bidirectional character."""
    diagnostics = []
    for match in _REFUSED.finditer(text):
        line, column = position(text, match.start())
        message, hint = _describe(match.group())
        diagnostics.append(Diagnostic(message, Span(line, column, line, column + 1), hint=hint))
    return diagnostics


def refused_in_value(value: str) -> Diagnostic | None:
    """A value written with escapes (`"\\x7f"`, `"\\u202e"`) that decode to a refused
    character; tabs and line feeds are fine in a value. The caller positions it."""
    if value.isprintable():
        return None  # every refused character is unprintable; this test runs in C
    for char in value:
        if char not in "\t\n" and (char == "\r" or _REFUSED.match(char)):
            message, hint = _describe(char)
            if char == "\r":
                message = "control character U+000D is not allowed"
                hint = "write line breaks as \\n"
            return Diagnostic(f"{message} (written as an escape)", hint=hint)
    return None


def _describe(char: str) -> tuple[str, str]:
    if char == "\r":
        return (
            "a carriage return (U+000D) without a line feed",
            "save the file with LF (or CRLF) line endings",
        )
    message = f"control character U+{ord(char):04X} is not allowed"
    if char == "\x00":
        return message, "a NUL byte: is this a binary or truncated file? delete it"
    if char in "\x85\u2028\u2029":
        return message, _LINE_BREAKS
    if char < "\xa0" or char in "\ufffe\uffff":
        return message, "control characters do not belong in a text file; delete it"
    return message, _INVISIBLE
