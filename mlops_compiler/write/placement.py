"""Outputs written where the tool that reads them never looks (a monorepo's subfolder).

GitHub runs only the workflows in `.github/workflows/` at the repository's root. A spec below
the git root moves its generated workflows to the root (families/delivery/relocate.py), but
`project.repository_root: .` keeps them in its folder, and a `files:` workflow stays where it
is named: the compile says such a file will never run instead of leaving a silent no-op. (The
other outputs are read where they are: DVC finds the nearest `.dvc/`, git reads nested
`.gitignore` files, Docker reads the `.dockerignore` of the build context, the project folder.)
Renovate reads its config (`ci.renovate`) only at the root, too.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from mlops_compiler.load.repository import git_root

WORKFLOWS = ".github/workflows/"
RENOVATE = ("renovate.json", ".github/renovate.json")

__all__ = ["git_root", "unread_outputs"]


def unread_outputs(root: Path, paths: Iterable[str], up: str = "") -> list[str]:
    """A warning for each kind of output under ``root`` that its tool will never read.

    ``up`` is the spec's way back to the root: set when compile moved the generated workflows
    there, so the ones still below are `files:` entries; empty below a git root when the spec
    said `project.repository_root: .`.
    """
    repository = git_root(root)
    if repository is None or repository == root:
        return []
    below = root.relative_to(repository).as_posix()
    paths = list(paths)
    renovate = [
        f"{below}/{path} is below the git repository's root, and Renovate reads its config only"
        " at the root: drop `ci.renovate`, or put mlops.yaml at the repository's root"
        for path in paths
        if path in RENOVATE
    ]
    workflows = sorted(path for path in paths if path.startswith(WORKFLOWS))
    if not workflows:
        return renovate
    shown = ", ".join(path.removeprefix(WORKFLOWS) for path in workflows)
    fix = (
        "`files:` entries are not moved: give the workflow to the root's .github/workflows/"
        " yourself"
        if up
        else "remove `project.repository_root: .` so that compile writes them at the root"
    )
    return [
        f"{below}/{WORKFLOWS} ({shown}) is below the git repository's root, and GitHub runs"
        f" only the workflows in the root's {WORKFLOWS}: these will never run; {fix}",
        *renovate,
    ]
