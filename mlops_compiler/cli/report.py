"""Diagnostics for machines: one JSON document for editors and scripts, GitHub annotations.

``--format`` changes how problems are told, never what a command does or its exit code:

- ``text`` (default): ``mlops.yaml:L:C: error: path: message``, the line, a caret, a hint; stderr.
- ``github``: one workflow command per problem, ``::error file=…,line=…,col=…,endLine=…,
  endColumn=…,title=…::message``, on stdout (where GitHub documents them; ``--check`` puts its
  drift annotations there too).
- ``json``: one JSON document on stdout, whatever happens (see ``json_report``); everything the
  command would otherwise print on stdout (files written, the ``--check`` diff) goes to stderr.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mlops_compiler.errors import Diagnostic, Severity

FORMATS = ("text", "json", "github")
JSON_VERSION = 1
"""Bumped only when a key of the JSON document changes meaning or disappears."""

Record = dict[str, Any]


def record(diagnostic: Diagnostic, display_path: str | None) -> Record:
    """One diagnostic as a JSON object; positions are 1-based and ``end_column`` is exclusive."""
    span = diagnostic.span
    return {
        "file": display_path,
        "line": span.line if span else None,
        "column": span.column if span else None,
        "end_line": span.end_line if span else None,
        "end_column": span.end_column if span else None,
        "severity": diagnostic.severity.value,
        "path": diagnostic.dotted_path,
        "message": diagnostic.message,
        "hint": diagnostic.hint,
    }


def unpositioned_record(message: str, hint: str | None) -> Record:
    """An error that is not about a place in the spec (a missing file, a refused write)."""
    return {
        **dict.fromkeys(("file", "line", "column", "end_line", "end_column")),
        "severity": Severity.ERROR.value,
        "path": "",
        "message": message,
        "hint": hint,
    }


def json_report(
    records: Iterable[Record], exit_code: int, result: dict[str, Any] | None = None
) -> str:
    """The whole JSON document: ``{"version", "exit_code", "errors", "warnings", "diagnostics"}``
    and the command's own keys (``result``; docs/cli.md lists them per command).

    ``diagnostics`` is in line order (unpositioned problems first) and is never truncated.
    """
    listed = list(records)
    errors = sum(1 for item in listed if item["severity"] == Severity.ERROR.value)
    document = {
        "version": JSON_VERSION,
        "exit_code": exit_code,
        "errors": errors,
        "warnings": len(listed) - errors,
        "diagnostics": listed,
        **(result or {}),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def annotation_path(path: Path) -> str:
    """``path`` as GitHub wants it in an annotation: relative to the repository's checkout
    (`GITHUB_WORKSPACE`), wherever the step ran (a monorepo project's steps run in its folder);
    outside Actions, relative to the current folder."""
    base = os.environ.get("GITHUB_WORKSPACE") or str(Path.cwd())
    try:
        return Path(os.path.relpath(path.absolute(), base)).as_posix()
    except ValueError:  # another drive (Windows)
        return path.as_posix()


def github_annotation(diagnostic: Diagnostic, display_path: str | None) -> str:
    """A GitHub Actions workflow command that annotates the spec at the problem."""
    properties: list[tuple[str, object]] = []
    if display_path is not None:
        properties.append(("file", display_path))
    span = diagnostic.span
    if span is not None:
        properties += [("line", span.line), ("endLine", max(span.line, span.end_line))]
        # The runner drops an annotation whose columns span lines or run backwards.
        if span.end_line == span.line:
            properties += [
                ("col", span.column),
                ("endColumn", max(span.column, span.end_column - 1)),
            ]
    properties.append(("title", f"mlops: {diagnostic.dotted_path or display_path or 'spec'}"))
    message = diagnostic.message + (f"\nhint: {diagnostic.hint}" if diagnostic.hint else "")
    return _command(diagnostic.severity.value, properties, message)


def github_message(severity: Severity, message: str, hint: str | None = None) -> str:
    """An unpositioned annotation (a missing file, a refused write, a crash)."""
    text = message + (f"\nhint: {hint}" if hint else "")
    return _command(severity.value, [("title", "mlops")], text)


def _command(name: str, properties: list[tuple[str, object]], message: str) -> str:
    shown = ",".join(f"{key}={_escape_property(str(value))}" for key, value in properties)
    return f"::{name} {shown}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
