"""One path model for every output: what compile may write, wherever the path came from.

Every generated path (a family's fixed name, `images.*.dockerfile`, `pipelines`,
`params_files`, `mlflow_projects`, `files`) is checked here on the final tree, so no section can
name a path the writer would alias or the checkout would mangle:

- written as it will be resolved: relative, no `.` or `..` parts, no doubled `/`, no `\\`;
- no control, invisible or line-breaking character (a newline in a path ends up in terminal
  output and in GitHub's workflow commands);
- outside `.mlops/` (the compiler's own state) and never `.git` in any case (macOS and Windows
  fold case: `.GIT/config` is `.git/config` there);
- never the spec itself;
- the one exception to "inside the spec's folder": a monorepo's workflows, at the repository
  root's `.github/workflows/` (`../.github/workflows/proja-ci.yml`, exactly as many `../` as
  the spec is deep, see load/repository.py); the repository is the boundary, not the folder;
- no two outputs equal once case is folded (`DVC.yaml` beside `dvc.yaml`): on a case-insensitive
  file system one would overwrite the other.
"""

from __future__ import annotations

import posixpath
import unicodedata
from collections.abc import Iterable

from mlops_compiler.errors import Diagnostic, Loc

RESERVED = (".mlops", ".git")


def shown(path: str) -> str:
    """``path`` as a message may print it: control characters escaped, never raw."""
    return "".join(
        character if character.isprintable() else character.encode("unicode_escape").decode()
        for character in path
    )


ROOT_WORKFLOWS = ".github/workflows/"


def at_repository_root(path: str, up: str) -> str | None:
    """``path`` less ``up`` when it names a workflow at the repository's root, else None."""
    if not up or not path.startswith(up + ROOT_WORKFLOWS):
        return None
    rest = path[len(up) :]
    return rest if rest.count("/") == 2 else None


def path_problem(path: str, spec_name: str, up: str = "") -> str | None:
    """Why ``path`` cannot be an output, or None (``up``: the spec's way back to the root)."""
    path = at_repository_root(path, up) or path
    if not path or any(_refused_character(character) for character in path):
        return "holds a control or invisible character"
    if path.startswith("/") or "\\" in path or (len(path) > 1 and path[1] == ":"):
        return "is not a relative POSIX path"
    parts = path.split("/")
    if posixpath.normpath(path) != path or "" in parts or "." in parts or ".." in parts:
        return f"is not written as it resolves (`{shown(posixpath.normpath(path))}`)"
    folded = [part.casefold() for part in parts]
    if folded[0] == ".mlops":
        return "is inside `.mlops/`, the compiler's own state"
    if ".git" in folded:
        return "is inside `.git`"
    if path.casefold() == spec_name.casefold():
        return "is the spec itself"
    return None


def _refused_character(character: str) -> bool:
    return not character.isprintable() or unicodedata.category(character) in ("Cf", "Zl", "Zp")


def check_paths(
    outputs: Iterable[tuple[str, Loc]], spec_name: str, up: str = ""
) -> list[Diagnostic]:
    """An error for every output path that is refused or that folds onto another one."""
    diagnostics = []
    seen: dict[str, str] = {}
    for path, loc in outputs:
        problem = path_problem(path, spec_name, up)
        if problem is None:
            folded = path.casefold()
            if folded in seen:
                other = seen[folded]
                problem = (
                    "is generated twice"
                    if other == path
                    else f"is `{shown(other)}` on a case-insensitive file system"
                )
            seen.setdefault(folded, path)
        if problem is not None:
            diagnostics.append(
                Diagnostic(
                    f"the output path `{shown(path)}` {problem}",
                    loc=loc,
                    needle=path if path.isprintable() else None,
                    hint="name another path for it",
                )
            )
    return diagnostics
