"""How a run ends: the exit codes, and a failure told once, in the words and the format
(text, JSON, GitHub annotations) the user asked for; never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from typing import TYPE_CHECKING, Any

from mlops_compiler import __version__

if TYPE_CHECKING:
    from mlops_compiler.errors import SpecError


Records = list[dict[str, Any]]

EXIT_OK = 0
EXIT_DRIFT = 1
EXIT_INVALID = 2
EXIT_REFUSED = 3
EXIT_IO = 4
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130


def _report(exc: Exception, arguments: argparse.Namespace) -> int:
    from mlops_compiler.errors import CompilerError, InternalError, SpecError

    output = getattr(arguments, "format", "text")
    records: Records = getattr(arguments, "records", [])
    if isinstance(exc, SpecError):
        _tell_spec_error(exc, output, records)
        return exc.exit_code
    if isinstance(exc, OSError):  # the disk, a pipe, a closed stdout: never a bug report
        return _io_error(exc, output, records)
    if isinstance(exc, CompilerError) and not isinstance(exc, InternalError):
        hint = getattr(exc, "hint", None)
        if not _tell_machine(output, records, str(exc), hint):
            print(f"mlops: error: {exc}", file=sys.stderr)
            if hint:
                print(f"  hint: {hint}", file=sys.stderr)
        return exc.exit_code
    return _crash(exc, output, records)


def _io_error(exc: OSError, output: str, records: Records) -> int:
    """An operating-system error nothing below caught: one line and exit 4 (no traceback)."""
    if isinstance(exc, BrokenPipeError):  # the reader of stdout went away: stop writing to it
        _silence_stdout()
        message = "standard output was closed before mlops finished writing to it"
    else:
        where = f": {exc.filename}" if exc.filename else ""
        message = f"{exc.strerror or exc}{where}"
    hint = "nothing was left half-written; fix the cause and run the command again"
    if not _tell_machine(output, records, message, hint):
        with contextlib.suppress(OSError, ValueError):
            print(f"mlops: error: {message}\n  hint: {hint}", file=sys.stderr)
    return EXIT_IO


def _silence_stdout() -> None:
    """Point stdout at the null device, so the interpreter's last flush cannot fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)


def _tell_spec_error(error: SpecError, output: str, records: Records) -> None:
    """Every diagnostic of ``error`` (errors and warnings) in the format asked for."""
    path = error.source_path
    display = os.path.relpath(path) if path.is_absolute() else str(path)
    if output == "json":
        from mlops_compiler.cli.report import record

        records += [record(diagnostic, display) for diagnostic in error.diagnostics]
    elif output == "github":
        from mlops_compiler.cli.report import annotation_path, github_annotation
        from mlops_compiler.diagnostics import MAX_SHOWN

        for diagnostic in error.diagnostics[:MAX_SHOWN]:
            print(github_annotation(diagnostic, annotation_path(path)))
        if len(error.diagnostics) > MAX_SHOWN:
            print(f"... and {len(error.diagnostics) - MAX_SHOWN} more")
    else:
        from mlops_compiler.diagnostics import format_spec_error

        print(format_spec_error(error, display), file=sys.stderr)


def _tell_machine(output: str, records: Records, message: str, hint: str | None) -> bool:
    """An unpositioned error as a JSON record or an annotation; False in the text format."""
    from mlops_compiler.cli.report import github_message, unpositioned_record
    from mlops_compiler.errors import Severity

    if output == "json":
        records.append(unpositioned_record(message, hint))
        return True
    if output == "github":
        print(github_message(Severity.ERROR, message, hint))
        return True
    return False


def _crash(exc: Exception, output: str = "text", records: Records | None = None) -> int:
    """A bug: keep the traceback in a log file, show the user one line and where it is."""
    import tempfile  # only here: with traceback, ~15 ms that a run without a crash never needs
    import traceback

    with tempfile.NamedTemporaryFile(
        "w", prefix="mlops-crash-", suffix=".log", delete=False, encoding="utf-8"
    ) as log:
        log.write(f"mlops-compiler {__version__}\n")
        log.write("".join(traceback.format_exception(exc)))
        details = getattr(exc, "details", None)
        if details:
            log.write("\n".join(details))
    advice = f"This is a bug in mlops-compiler. The details are in {log.name};" + (
        " please attach that file to a bug report."
    )
    message = f"internal error: {exc}"
    if not _tell_machine(output, records if records is not None else [], message, advice):
        print(f"mlops: {message}\n  {advice}", file=sys.stderr)
    return EXIT_INTERNAL
