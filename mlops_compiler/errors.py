"""The error hierarchy: one root, every user-facing failure carries what to do next.

The CLI maps each class to an exit code (see README, "Exit codes"); nothing below prints.
"""

from __future__ import annotations

import json
from dataclasses import field
from enum import StrEnum
from pathlib import Path

from mlops_compiler.dataclass import dataclass


class Severity(StrEnum):
    """How bad a diagnostic is: errors stop the compile, warnings do not (unless ``--strict``)."""

    ERROR = "error"
    WARNING = "warning"


Loc = tuple[str | int, ...]
"""A place in the spec's data: the keys and list indexes from the root, as in
``("pipeline", "stages", "train", "deps", 0)``. The loader maps it to a ``Span``."""


@dataclass(frozen=True, order=True)
class Span:
    """A 1-based, inclusive-start and exclusive-end region of the spec's source text."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in the spec, at a place a person can go to."""

    message: str
    span: Span | None = None
    loc: Loc = ()
    severity: Severity = Severity.ERROR
    hint: str | None = None
    on_key: bool = False
    """Point at the key rather than its value (the entry as a whole is the problem)."""
    needle: str | None = None
    """Underline this text inside the value rather than the whole value."""
    redact: bool = False
    """The value on the shown line is a secret: do not echo it into terminals and CI logs."""

    @property
    def dotted_path(self) -> str:
        """The location as people write it in docs: ``pipeline.stages.train.deps[0]``."""
        text = ""
        for part in self.loc:
            if isinstance(part, int):
                text += f"[{part}]"
            elif not part or not part.isprintable() or any(c.isspace() or c in '"[]' for c in part):
                text += f"[{json.dumps(part)}]"  # an empty, blank or odd key stays visible
            else:
                text += f".{part}" if text else part
        return text


class CompilerError(Exception):
    """Root of every error the compiler raises on purpose."""

    exit_code = 70


class SpecError(CompilerError):
    """The spec is invalid; carries every diagnostic found, so they are reported all at once."""

    exit_code = 2

    def __init__(self, source_path: Path, source_lines: list[str], diagnostics: list[Diagnostic]):
        self.source_path = source_path
        self.source_lines = source_lines
        self.diagnostics = sorted(
            diagnostics, key=lambda d: (d.span or Span(0, 0, 0, 0), d.dotted_path)
        )
        super().__init__(f"{len(self.diagnostics)} problem(s) in {source_path}")


class HintedError(CompilerError):
    """An error of one message, with what to do next (shown by the CLI as ``hint:``)."""

    def __init__(self, message: str, hint: str | None = None):
        self.hint = hint
        super().__init__(message)


class UsageError(HintedError):
    """The command line asked for something impossible (a missing spec file, say)."""

    exit_code = 2


class RefusedError(HintedError):
    """The compiler refused to act because acting could lose a person's data."""

    exit_code = 3


class WriteError(CompilerError):
    """Writing failed part-way; the files already replaced were restored."""

    exit_code = 4


@dataclass
class InternalError(CompilerError):
    """A bug in the compiler itself: the rendered output does not mean what the IR meant."""

    message: str
    details: list[str] = field(default_factory=list)
    exit_code = 70

    def __post_init__(self) -> None:
        super().__init__(self.message)
