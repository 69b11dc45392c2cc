"""Reading the spec file: never blocking, never more than a cap, refusing what is not a file.

The cap is 1 MiB: a spec is written by people (a 1,000-stage pipeline is 160 KiB), and the
same reader, with the same cap, reads every file `mlops import` takes over.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from mlops_compiler.errors import Diagnostic, Span, SpecError
from mlops_compiler.load.textscan import split_lines

MAX_SPEC_BYTES = 1024 * 1024
"""A spec larger than this is refused before parsing (10,000 stages written one a line, in
flow style, is about 0.9 MiB)."""

_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_BINARY", 0)  # Windows: no CRLF or Ctrl-Z translation
    | getattr(os, "O_NONBLOCK", 0)  # these three Windows lacks: never blocking on a FIFO,
    | getattr(os, "O_NOCTTY", 0)  # never a controlling terminal, not inherited
    | getattr(os, "O_CLOEXEC", 0)
)


def read_capped(path: Path) -> bytes:
    """The bytes of a regular file of at most ``MAX_SPEC_BYTES``, never blocking on the way.

    The file is opened without blocking and checked on the open descriptor, so a FIFO, a
    device (a symlink to /dev/zero) or a directory is refused without reading a byte, even if
    it replaced a regular file after any earlier check. A larger file is read up to the cap
    only, to say at which line and column it passes it.
    """
    try:
        descriptor = os.open(path, _READ_FLAGS)
    except OSError as exc:
        if exc.errno == errno.EISDIR:
            raise _not_regular(path, "a directory") from None
        raise file_error(path, f"cannot read {path}: {exc.strerror}", None) from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise _not_regular(path, _file_kind(status.st_mode))
    except BaseException:
        os.close(descriptor)
        raise
    with os.fdopen(descriptor, "rb") as handle:
        raw = handle.read(MAX_SPEC_BYTES + 1)
    if len(raw) > MAX_SPEC_BYTES:  # also when the file grew after fstat
        raise too_large(path, raw, max(status.st_size, len(raw)))
    return raw


def _not_regular(path: Path, kind: str) -> SpecError:
    return file_error(
        path, f"{path} is {kind}, not a regular file", "point -f at an mlops.yaml file"
    )


def _file_kind(mode: int) -> str:
    kinds = [
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ]
    return next((kind for test, kind in kinds if test(mode)), "not a file")


def too_large(path: Path, raw: bytes, size: int) -> SpecError:
    """Refused at the line and column of the first character past the cap."""
    text = raw[:MAX_SPEC_BYTES].decode("utf-8", errors="replace")
    line = text.count("\n") + 1
    column = len(text) - (text.rfind("\n") + 1) + 1
    limit = MAX_SPEC_BYTES // (1024 * 1024)
    diagnostic = Diagnostic(
        f"the file is larger than {limit} MiB ({size:,} bytes); refused here, before parsing",
        span=Span(line, column, line, column + 1),
        hint="a spec is a few kilobytes; check that -f points at mlops.yaml, and keep bulk "
        "data in files the stages read",
    )
    return SpecError(path, split_lines(text), [diagnostic])


def file_error(path: Path, message: str, hint: str | None) -> SpecError:
    """A problem with the file as a whole (no line to point at)."""
    return SpecError(path, [], [Diagnostic(message, hint=hint)])
