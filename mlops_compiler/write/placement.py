"""Outputs written where the tool that reads them never looks (a monorepo's subfolder).

GitHub runs only the workflows in `.github/workflows/` at the repository's root. A spec below
the git root (`projA/mlops.yaml`) writes its workflows under `projA/.github/workflows/`, which
GitHub never runs: the compile says so instead of leaving a silent no-op.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

WORKFLOWS = ".github/workflows/"


def git_root(folder: Path) -> Path | None:
    """The nearest folder at or above ``folder`` holding `.git` (a folder, or a worktree's file)."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def unread_outputs(root: Path, paths: Iterable[str]) -> list[str]:
    """A warning for each kind of output under ``root`` that its tool will never read."""
    repository = git_root(root)
    if repository is None or repository == root:
        return []
    workflows = sorted(path for path in paths if path.startswith(WORKFLOWS))
    if not workflows:
        return []
    below = root.relative_to(repository).as_posix()
    shown = ", ".join(path.removeprefix(WORKFLOWS) for path in workflows)
    return [
        f"{below}/{WORKFLOWS} ({shown}) is below the git repository's root, and GitHub runs only"
        f" the workflows in the root's {WORKFLOWS}: these will never run; put mlops.yaml at the"
        " repository's root (workflows for a project in a subfolder are not generated yet)"
    ]
