"""Put an ``OutputTree`` on disk, or compare it with what is there. The only module that writes.

Every file is written to a temporary file in its own folder and moved into place with
``os.replace``, so a reader sees the old bytes or the new ones, never half. If a write fails
part-way, the files already replaced are put back.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path, PurePosixPath

from mlops_compiler.errors import RefusedError, WriteError
from mlops_compiler.render import OutputTree


class Change(StrEnum):
    """What compiling would do to one file."""

    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class PlannedFile:
    """One output and how it differs from the disk."""

    path: str
    change: Change
    new_bytes: bytes
    old_bytes: bytes | None

    def diff(self) -> str:
        """A unified diff from the disk's version to the generated one."""
        old = (self.old_bytes or b"").decode("utf-8", errors="replace").splitlines(keepends=True)
        new = self.new_bytes.decode("utf-8").splitlines(keepends=True)
        before = f"a/{self.path}" if self.old_bytes is not None else "/dev/null"
        lines = difflib.unified_diff(old, new, before, f"b/{self.path}")
        return "".join(
            line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
            for line in lines
        )


@dataclass(frozen=True)
class Plan:
    """What a compile would do, file by file, in path order."""

    root: Path
    files: tuple[PlannedFile, ...]

    @property
    def changed(self) -> tuple[PlannedFile, ...]:
        """The files that would be created or updated."""
        return tuple(f for f in self.files if f.change is not Change.UNCHANGED)


def plan_writes(tree: OutputTree, root: Path) -> Plan:
    """Compare the tree with the files under ``root``; refuse paths that would escape it."""
    root = root.resolve()
    planned = []
    for relative, text in tree.texts().items():
        target = safe_target(root, relative)
        new_bytes = text.encode("utf-8")
        old_bytes = target.read_bytes() if target.is_file() else None
        if old_bytes is None:
            change = Change.CREATE
        elif old_bytes == new_bytes:
            change = Change.UNCHANGED
        else:
            change = Change.UPDATE
        planned.append(PlannedFile(relative, change, new_bytes, old_bytes))
    return Plan(root, tuple(planned))


def safe_target(root: Path, relative: str) -> Path:
    """``root / relative``, refusing absolute paths, ``..``, ``.git`` and symlinked folders."""
    parts = PurePosixPath(relative).parts
    if not parts or PurePosixPath(relative).is_absolute() or ".." in parts or ".git" in parts:
        raise RefusedError(f"refusing to write outside the project: {relative}")
    target = root.joinpath(*parts)
    probe = root
    for part in parts:
        probe = probe / part
        if probe.is_symlink():
            raise RefusedError(
                f"refusing to write through a symbolic link: {probe.relative_to(root)}",
                hint="replace the link with a regular file or folder",
            )
    if target.exists() and not target.is_file():
        raise RefusedError(f"refusing to replace a non-file: {relative}")
    return target


def apply_plan(plan: Plan) -> list[PlannedFile]:
    """Write every changed file atomically; on failure restore the ones already written."""
    written: list[PlannedFile] = []
    try:
        for planned in plan.changed:
            _atomic_write(plan.root, planned.path, planned.new_bytes)
            written.append(planned)
    except OSError as exc:
        _roll_back(plan.root, written)
        raise WriteError(f"could not write {planned.path}: {exc.strerror or exc}") from exc
    except BaseException:
        _roll_back(plan.root, written)
        raise
    return written


def _atomic_write(root: Path, relative: str, data: bytes) -> None:
    target = safe_target(root, relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = target.stat().st_mode & 0o777 if target.exists() else None
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).chmod(mode if mode is not None else 0o666 & ~_umask())
        os.replace(temporary, target)  # noqa: PTH105  the atomic step; tests inject failures here
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _roll_back(root: Path, written: list[PlannedFile]) -> None:
    for planned in reversed(written):
        target = root / planned.path
        if planned.old_bytes is None:
            target.unlink(missing_ok=True)
        else:
            _atomic_write(root, planned.path, planned.old_bytes)
