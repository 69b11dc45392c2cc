"""A file that must not exist yet (`mlops init`, the editor schema): created, never replaced."""

from __future__ import annotations

import os
from pathlib import Path

from mlops_compiler.errors import RefusedError, WriteError


def create_new(path: Path, data: bytes) -> None:
    """Write a file that must not exist yet (`mlops init`); refuse, never overwrite, if it does.

    ``O_EXCL`` makes the check and the creation one step, so a file that appears meanwhile is
    not replaced either.
    """
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
        descriptor = os.open(path, flags, 0o666)
    except FileExistsError:
        raise RefusedError(
            f"{path} already exists; `mlops init` never overwrites a file",
            hint="edit it, or move it away and run `mlops init` again",
        ) from None
    except OSError as exc:
        raise WriteError(f"could not create {path}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise WriteError(f"could not write {path}: {exc.strerror or exc}") from exc
