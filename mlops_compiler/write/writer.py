"""Put an ``OutputTree`` on disk, or compare it with what is there. The only module that writes.

Ownership comes from the manifest: a file is replaced or deleted only when its bytes are still
the ones this compiler wrote. A person's edit, or a file the compiler never wrote, is a
conflict: compile refuses (exit 3) unless forced, and then keeps the old bytes in a backup.

Every file is written to a temporary file in its own folder and moved into place with
``os.replace``, so a reader sees the old bytes or the new ones, never half. If anything fails or
is interrupted part-way, every file already replaced or deleted is put back.
"""

from __future__ import annotations

import os
import posixpath
import tempfile
from dataclasses import field
from enum import StrEnum
from pathlib import Path

from mlops_compiler.dataclass import dataclass
from mlops_compiler.errors import RefusedError, WriteError
from mlops_compiler.families.layout.lower import DOCKERFILE
from mlops_compiler.fingerprint import templates_fingerprint
from mlops_compiler.load.repository import without_up
from mlops_compiler.render.engine import GENERATED_MARKER, OutputTree
from mlops_compiler.write.manifest import (
    GITIGNORE_PATH,
    GITIGNORE_TEXT,
    MANIFEST_PATH,
    Manifest,
    ManifestEntry,
    Mode,
    content_hash,
    file_hash,
    manifest_text,
    read_manifest,
)
from mlops_compiler.write.paths import safe_target
from mlops_compiler.write.placement import unread_outputs
from mlops_compiler.write.shared_files import ADOPTED_WHEN_BLANK, MERGED, merge_block
from mlops_compiler.write.temporaries import remove_stale_temporaries

BACKUP_DIR = ".mlops/backup"
GENERATED_HEADER = f"# This file is {GENERATED_MARKER} from ".encode()
"""What every generated file but JSON starts with (after a Dockerfile's parser directives)."""


class Change(StrEnum):
    """What compiling would do to one file."""

    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    DELETE = "delete"
    KEEP = "keep"
    EDITED = "edited"
    UNOWNED = "unowned"


CONFLICTS = (Change.EDITED, Change.UNOWNED)


@dataclass(frozen=True)
class PlannedFile:
    """One path and what compiling would do to it."""

    path: str
    change: Change
    new_bytes: bytes | None
    old_bytes: bytes | None
    reason: str = ""

    def diff(self) -> str:
        """A unified diff from the disk's version to the generated one."""
        import difflib  # only when a diff is shown

        old = (self.old_bytes or b"").decode("utf-8", errors="replace").splitlines(keepends=True)
        new = (self.new_bytes or b"").decode("utf-8", errors="replace").splitlines(keepends=True)
        before = f"a/{self.path}" if self.old_bytes is not None else "/dev/null"
        after = f"b/{self.path}" if self.new_bytes is not None else "/dev/null"
        lines = difflib.unified_diff(old, new, before, after)
        return "".join(
            line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
            for line in lines
        )

    def first_changed_line(self) -> int:
        """The line of the disk's file where the difference starts (1 for a missing file)."""
        old = (self.old_bytes or b"").decode("utf-8", errors="replace").splitlines()
        new = (self.new_bytes or b"").decode("utf-8", errors="replace").splitlines()
        for index, (a, b) in enumerate(zip(old, new, strict=False)):
            if a != b:
                return index + 1
        return min(len(old), len(new)) + 1 if old else 1


@dataclass(frozen=True)
class Plan:
    """What a compile would do, file by file, in path order; the manifest comes last."""

    root: Path
    files: tuple[PlannedFile, ...]
    warnings: tuple[str, ...] = field(default=())
    up: str = ""
    """The spec's way back to its repository's root (see paths.py): bounds what is written."""

    @property
    def changed(self) -> tuple[PlannedFile, ...]:
        """Files that would be created, updated or deleted (conflicts included)."""
        quiet = (Change.UNCHANGED, Change.KEEP)
        return tuple(f for f in self.files if f.change not in quiet)

    @property
    def conflicts(self) -> tuple[PlannedFile, ...]:
        """Files a person edited, or that the compiler never wrote."""
        return tuple(f for f in self.files if f.change in CONFLICTS)


def plan_writes(
    tree: OutputTree,
    root: Path,
    *,
    spec_name: str = "mlops.yaml",
) -> Plan:
    """Compare the tree with the disk under ``root`` and the manifest; refuse unsafe paths."""
    root = root.resolve()
    manifest, warnings = read_manifest(root)
    planned: list[PlannedFile] = []
    entries: dict[str, ManifestEntry] = {}
    for relative, output in sorted(tree.files.items()):
        new_bytes = output.text.encode("utf-8")
        mode: Mode = output.mode
        entry = manifest.get(relative)
        item = _plan_one(root, relative, new_bytes, entry, mode, tree.up)
        planned.append(item)
        kept = item.change is Change.KEEP and entry is not None
        written = item.new_bytes if item.new_bytes is not None else new_bytes
        sha = entry.sha256 if kept and entry is not None else content_hash(written)
        entries[relative] = ManifestEntry(relative, sha, output.section, output.template, mode)
    protected = {spec_name, *tree.inputs, *tree.files}
    own_header = GENERATED_HEADER + _spec_at_root(root, tree.up, spec_name).encode() + b"."
    orphans, orphan_warnings = _plan_orphans(root, manifest, protected, tree.up, own_header)
    planned += orphans
    warnings += orphan_warnings
    warnings += unread_outputs(root, tree.files, tree.up)
    inputs = _input_hashes(root, tree.inputs, planned)
    inputs.update((name, sha) for name, sha in tree.input_hashes.items() if name in inputs)
    recorded = Manifest(entries, inputs=inputs, templates=templates_fingerprint())
    new_manifest = manifest_text(recorded, spec_name).encode("utf-8")
    for relative, data in (
        (GITIGNORE_PATH, GITIGNORE_TEXT.encode()),
        (MANIFEST_PATH, new_manifest),
    ):
        planned.append(_plan_bookkeeping(root, relative, data))
    return Plan(root, tuple(planned), tuple(warnings), tree.up)


def _input_hashes(root: Path, names: tuple[str, ...], planned: list[PlannedFile]) -> dict[str, str]:
    """The hash of each input as it will be once the plan is applied.

    An input can be generated too (`params: [{params.yaml: null}]` reads the params.yaml this
    compile writes): hashing the disk before the write would record the old bytes, and the next
    `--check` would find the manifest stale right after a compile.
    """
    after = {item.path: item for item in planned}
    hashes = {}
    for name in names:
        item = after.get(posixpath.normpath(name))
        if item is not None and item.change is not Change.KEEP and item.new_bytes is not None:
            hashes[name] = content_hash(item.new_bytes)
        else:
            hashes[name] = file_hash(str(root / name)) or "missing"
    return hashes


def _plan_one(
    root: Path, relative: str, new_bytes: bytes, entry: ManifestEntry | None, mode: Mode, up: str
) -> PlannedFile:
    target = safe_target(root, relative, up)
    old_bytes = target.read_bytes() if target.is_file() else None
    if relative in MERGED:
        merged = merge_block(old_bytes, new_bytes)
        if old_bytes is None:
            return PlannedFile(relative, Change.CREATE, merged, None)
        change = Change.UNCHANGED if merged == old_bytes else Change.UPDATE
        return PlannedFile(relative, change, merged, old_bytes)
    if old_bytes is None:
        return PlannedFile(relative, Change.CREATE, new_bytes, None)
    if mode == "seed":
        return PlannedFile(relative, Change.KEEP, new_bytes, old_bytes, "seed: the file is yours")
    if old_bytes == new_bytes:
        return PlannedFile(relative, Change.UNCHANGED, new_bytes, old_bytes)
    if relative in ADOPTED_WHEN_BLANK and not old_bytes.strip():
        return PlannedFile(relative, Change.UPDATE, new_bytes, old_bytes)
    if entry is None:
        reason = "exists, but mlops compile did not write it"
        return PlannedFile(relative, Change.UNOWNED, new_bytes, old_bytes, reason)
    if content_hash(old_bytes) != entry.sha256:
        reason = "edited by hand since mlops compile wrote it"
        return PlannedFile(relative, Change.EDITED, new_bytes, old_bytes, reason)
    return PlannedFile(relative, Change.UPDATE, new_bytes, old_bytes)


def _spec_at_root(root: Path, up: str, spec_name: str) -> str:
    """The spec's path from its repository's root, as the header of a file there names it."""
    depth = up.count("../")
    return "/".join([*root.parts[len(root.parts) - depth :], spec_name]) if depth else spec_name


def _plan_orphans(
    root: Path, manifest: Manifest, produced: set[str], up: str, own_header: bytes
) -> tuple[list[PlannedFile], list[str]]:
    """Files the spec no longer produces: deleted only if ours, unmodified and inside root.

    The manifest is untrusted input (a commit can forge it, hashes included): an entry deletes
    a file only if it is no input of the spec (the spec, a params file, the requirements), lies
    outside `.mlops/`, and either carries the generated header or is of a kind compile writes
    (`mlops import` records the files it takes over, which have no header yet). A file at the
    repository's root (a monorepo's workflow) is shared ground: it goes only if its header names
    this spec (``own_header``), so a project folder copied with its manifest never deletes the
    original project's workflows.
    """
    planned: list[PlannedFile] = []
    warnings: list[str] = []
    for relative, entry in sorted(manifest.entries.items()):
        normal = posixpath.normpath(relative)
        if relative in produced or normal in produced:
            continue
        if normal.casefold().startswith(".mlops/") or normal.casefold() in {
            name.casefold() for name in produced
        }:
            warnings.append(f"{MANIFEST_PATH}: ignoring entry {relative!r}: not a generated file")
            continue
        try:
            target = safe_target(root, relative, up)
        except RefusedError as exc:
            warnings.append(f"{MANIFEST_PATH}: ignoring entry {relative!r}: {exc}")
            continue
        if not target.is_file():
            continue
        old_bytes = target.read_bytes()
        if relative.startswith("../") and own_header not in old_bytes[:4096]:
            warnings.append(
                f"{without_up(relative)} (at the repository's root): listed in {MANIFEST_PATH},"
                " but another spec generated it, so it is kept"
            )
            continue
        if normal in MERGED:  # the user's file: only compile's block goes
            kept = merge_block(old_bytes, b"").replace(b"\n\n", b"\n") if old_bytes else b""
            planned.append(PlannedFile(relative, Change.UPDATE, kept, old_bytes))
            continue
        if GENERATED_HEADER not in old_bytes[:4096] and not _generated_kind(normal):
            warnings.append(
                f"{relative}: listed in {MANIFEST_PATH}, but compile never generates such a"
                " file, so it is kept"
            )
            continue
        if entry.mode == "seed" or content_hash(old_bytes) != entry.sha256:
            warnings.append(
                f"{relative}: no longer generated, but it was edited (or is a seed file),"
                " so it is kept; delete it yourself if it is not needed"
            )
            continue
        planned.append(PlannedFile(relative, Change.DELETE, None, old_bytes, "no longer generated"))
    return planned, warnings


def _generated_kind(path: str) -> bool:
    """A file of a kind some family generates (YAML, JSON, MLproject, Dockerfile, .dvc/config)."""
    name = posixpath.basename(path)
    return (
        name.endswith((".yaml", ".yml", ".json"))
        or name in ("MLproject", ".dockerignore")
        or path == ".dvc/config"
        or DOCKERFILE.match(name) is not None
    )


def _plan_bookkeeping(root: Path, relative: str, data: bytes) -> PlannedFile:
    target = safe_target(root, relative)
    old_bytes = target.read_bytes() if target.is_file() else None
    if old_bytes is None:
        return PlannedFile(relative, Change.CREATE, data, None)
    change = Change.UNCHANGED if old_bytes == data else Change.UPDATE
    return PlannedFile(relative, change, data, old_bytes)


def apply_plan(plan: Plan, *, force: bool = False) -> list[PlannedFile]:
    """Carry out the plan; with ``force``, back up and overwrite conflicts.

    The manifest is written last, so an interrupted compile never records a file it did not
    write. On any failure every change already made is undone.
    """
    if plan.conflicts and not force:
        raise RefusedError(f"{len(plan.conflicts)} file(s) would lose changes")
    remove_stale_temporaries(plan.root, [planned.path for planned in plan.files])
    done: list[PlannedFile] = []
    try:
        for planned in plan.changed:
            if planned.change in CONFLICTS:
                _backup(plan.root, planned)
            # Listed before the change: a signal right after the rename (before any line
            # after it runs) must roll this file back too. Restoring a file not yet changed
            # writes its old bytes again, which changes nothing.
            done.append(planned)
            if planned.change is Change.DELETE:
                safe_target(plan.root, planned.path, plan.up).unlink()
            else:
                assert planned.new_bytes is not None
                _atomic_write(plan.root, planned.path, planned.new_bytes, plan.up)
    except OSError as exc:
        _roll_back(plan.root, done, plan.up)
        raise WriteError(f"could not write {planned.path}: {exc.strerror or exc}") from exc
    except BaseException:
        _roll_back(plan.root, done, plan.up)
        raise
    return done


def replace_file(root: Path, relative: str, data: bytes) -> None:
    """Atomically replace one file under ``root`` (the spec, when `absorb` rewrites it)."""
    _atomic_write(root.resolve(), relative, data)


def backup_path(planned: PlannedFile) -> str:
    """Where ``--force`` keeps the bytes it replaced: one folder per content, never clobbered."""
    digest = content_hash(planned.old_bytes or b"")[:12]
    return f"{BACKUP_DIR}/{digest}/{without_up(planned.path)}"


def _backup(root: Path, planned: PlannedFile) -> None:
    assert planned.old_bytes is not None
    _atomic_write(root, backup_path(planned), planned.old_bytes)


def _atomic_write(root: Path, relative: str, data: bytes, up: str = "") -> None:
    target = safe_target(root, relative, up)
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


def _roll_back(root: Path, done: list[PlannedFile], up: str = "") -> None:
    """Put back every file in ``done``; a second Ctrl-C does not stop the others coming back."""
    interrupted = False
    for planned in reversed(done):
        for _attempt in range(3):  # a signal during the restore: try that file again
            try:
                target = root / planned.path
                if planned.old_bytes is None:
                    target.unlink(missing_ok=True)
                else:
                    _atomic_write(root, planned.path, planned.old_bytes, up)
                break
            except KeyboardInterrupt:
                interrupted = True
    if interrupted:
        raise KeyboardInterrupt
