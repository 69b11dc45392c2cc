"""Where an output path lands on disk, refusing every way out of the repository.

A path is relative to the spec's folder. The only paths that leave that folder are a monorepo's
workflows at the repository's root: they start with exactly the spec's way back to the root
(``up``, `../` per folder, from the spec's placement, never from the untrusted manifest) and
name a file in the root's `.github/workflows/`. Everything else with `..` is refused, and no
part of the way may be `.git` or a symbolic link.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from mlops_compiler.errors import RefusedError

ROOT_WORKFLOWS = (".github", "workflows")


def safe_target(root: Path, relative: str, up: str = "") -> Path:
    """``root / relative``, refusing absolute paths, ``..``, ``.git`` and symlinks on the way.

    With ``up`` (the spec below its repository's root), ``up + .github/workflows/NAME`` is
    allowed too: the repository is the boundary of what compile writes, and GitHub reads
    workflows only at its root.
    """
    base = root
    rest = relative
    if up and relative.startswith(up):
        candidate = PurePosixPath(relative[len(up) :])
        depth = up.count("../")
        at_root = candidate.parts[:2] == ROOT_WORKFLOWS and len(candidate.parts) == 3
        if at_root and depth <= len(root.parents):
            base = root.parents[depth - 1]
            rest = candidate.as_posix()
    pure = PurePosixPath(rest)
    parts = pure.parts
    folded = {part.casefold() for part in parts}
    if not parts or pure.is_absolute() or ".." in parts or ".git" in folded or "\\" in rest:
        raise RefusedError(f"refusing to write outside the project: {relative}")
    target = base.joinpath(*parts)
    probe = base
    for part in parts:
        probe = probe / part
        if probe.is_symlink():
            raise RefusedError(
                "refusing to write through a symbolic link:"
                f" {(up if base != root else '') + probe.relative_to(base).as_posix()}",
                hint="replace the link with a regular file or folder",
            )
    if target.exists() and not target.is_file():
        raise RefusedError(f"refusing to replace a non-file: {relative}")
    return target
