"""Where the spec sits in its git repository (a monorepo's `projA/mlops.yaml`).

GitHub runs only the workflows in `.github/workflows/` at the repository's root, so a spec below
the root writes its workflows there, named after the project. The root is `project.
repository_root` when the spec says it, else the nearest folder at or above the spec holding
`.git` (a folder, or the file of a worktree or submodule), else the spec's own folder.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from mlops_compiler.dataclass import dataclass


@dataclass(frozen=True)
class Placement:
    """The spec's folder as seen from the repository's root."""

    prefix: str = ""
    """The spec's folder relative to the root, POSIX (`projA`, `ml/churn`); "" at the root."""

    @property
    def up(self) -> str:
        """From the spec's folder back to the root: `../` once per part of ``prefix``."""
        return "../" * len(self.prefix.split("/")) if self.prefix else ""

    def at_root(self, path: str) -> str:
        """``path`` (relative to the spec's folder) as the root sees it."""
        return posixpath.join(self.prefix, path) if self.prefix else path


def git_root(folder: Path) -> Path | None:
    """The nearest folder at or above ``folder`` holding `.git`, or None."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def placement(spec_path: Path, declared: str | None) -> Placement:
    """The placement of ``spec_path``: ``declared`` (`.`, `..`, `../..`) or the git root's."""
    folder = spec_path.absolute().parent.resolve()
    if declared is not None:
        depth = 0 if declared == "." else len(declared.split("/"))
        if depth == 0 or depth > len(folder.parts) - 1:
            return Placement()
        return Placement("/".join(folder.parts[-depth:]))
    root = git_root(folder)
    if root is None:
        return Placement()
    prefix = folder.relative_to(root).as_posix()
    return Placement("" if prefix == "." else prefix)


def without_up(path: str) -> str:
    """An output path less its leading `../` (a monorepo's workflow at the root): what kind of
    file it is does not depend on how far the spec is from the root."""
    while path.startswith("../"):
        path = path[3:]
    return path
