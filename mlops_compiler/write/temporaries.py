"""The temporary files an interrupted write leaves (`.NAME.XXXXXXXX.tmp`), removed next time."""

from __future__ import annotations

import contextlib
import os
import posixpath
import re
from pathlib import Path

_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$")
"""How ``tempfile.mkstemp`` names a file ``_atomic_write`` writes: `.NAME.XXXXXXXX.tmp`."""


def remove_stale_temporaries(root: Path, paths: list[str]) -> list[str]:
    """Delete the temporary files a killed compile left beside ``paths``; return them.

    Called under the compile lock, so no other compile is writing one at the same time.
    """
    removed = []
    for folder in sorted({posixpath.dirname(path) for path in paths}):
        names = {posixpath.basename(path) for path in paths if posixpath.dirname(path) == folder}
        directory = root / folder if folder else root
        try:
            entries = list(os.scandir(directory))
        except OSError:
            continue
        for entry in entries:
            match = _TEMPORARY.match(entry.name)
            if match and match["name"] in names and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)  # noqa: PTH108
                removed.append(posixpath.join(folder, entry.name))
    return removed
