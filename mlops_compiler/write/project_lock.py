"""`.mlops/compile.lock`: two compiles, absorbs or imports of one project never interleave."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from mlops_compiler.errors import RefusedError
from mlops_compiler.write.locking import try_lock, unlock
from mlops_compiler.write.paths import safe_target

LOCK_PATH = ".mlops/compile.lock"
LOCK_WAIT_SECONDS = 5.0


@contextlib.contextmanager
def compile_lock(root: Path, wait_seconds: float | None = None) -> Iterator[None]:
    """Hold `.mlops/compile.lock` so two compiles of one project never interleave.

    An OS lock (flock, or msvcrt's on Windows: see `locking`) is released when its holder dies,
    so a crash leaves no stale lock. The file is created once and never written, so a compile
    that changes nothing touches nothing; the holder is named from the kernel's lock table.
    """
    lock_file = safe_target(root.resolve(), LOCK_PATH)
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(lock_file, os.O_RDONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        deadline = time.monotonic() + (LOCK_WAIT_SECONDS if wait_seconds is None else wait_seconds)
        while not try_lock(handle):
            if time.monotonic() >= deadline:
                raise RefusedError(
                    f"another mlops compile is running on this project ({_holder(handle)})",
                    hint=f"wait for it to finish; the lock is {LOCK_PATH}",
                )
            time.sleep(0.05)
        try:
            yield
        finally:
            unlock(handle)
    finally:
        os.close(handle)


def _holder(handle: int) -> str:
    """The pid holding a flock on ``handle``'s file, from /proc/locks where there is one."""
    inode = os.fstat(handle).st_ino
    try:
        table = Path("/proc/locks").read_text(encoding="ascii", errors="replace")
    except OSError:
        return "holder unknown"
    for line in table.splitlines():
        fields = line.split()
        if len(fields) > 5 and fields[1] == "FLOCK" and fields[5].endswith(f":{inode}"):
            return f"pid {fields[4]}"
    return "holder unknown"
