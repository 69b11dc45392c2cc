"""An exclusive, non-blocking lock on an open file, on POSIX (flock) and on Windows (msvcrt).

Neither module exists on the other system, so neither is imported at module level: a
`import fcntl` at the top of the writer made every full compile exit 70 on Windows. Both locks
are released by the operating system when their holder dies, so a crash leaves no stale lock.
"""

from __future__ import annotations

import importlib


def try_lock(handle: int) -> bool:
    """Take the lock on ``handle`` without waiting; False if another process holds it."""
    try:
        fcntl = importlib.import_module("fcntl")
    except ImportError:
        return _try_lock_windows(handle)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def unlock(handle: int) -> None:
    """Release a lock taken by ``try_lock`` (closing the handle releases it too)."""
    try:
        fcntl = importlib.import_module("fcntl")
    except ImportError:
        msvcrt = importlib.import_module("msvcrt")
        _seek_start(handle)
        msvcrt.locking(handle, msvcrt.LK_UNLCK, 1)
        return
    fcntl.flock(handle, fcntl.LOCK_UN)


def _try_lock_windows(handle: int) -> bool:
    # msvcrt.locking locks bytes from the current position; byte 0 of the (empty) lock file is
    # the lock. Windows allows locking past the end of a file.
    msvcrt = importlib.import_module("msvcrt")
    _seek_start(handle)
    try:
        msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True


def _seek_start(handle: int) -> None:
    import os

    os.lseek(handle, 0, os.SEEK_SET)
