"""`.gitattributes`: every generated file marked `linguist-generated`, in a block of the file.

GitHub folds a file marked so in pull-request diffs and leaves it out of the language
statistics: a review then reads the change of mlops.yaml, not the hundred lines it regenerated.
The file is shared with the user (their own attributes, LFS patterns): compile owns one marked
block of it and keeps every other line (``write/shared_files.py``), as for `.gitignore`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from mlops_compiler.families.target import Target, fixed_target

PATH = ".gitattributes"
SHARED = frozenset({".gitignore", PATH})
"""Files compile writes only a block of: the rest is the user's, so not generated as a whole."""
MANIFEST = ".mlops/manifest.json"
"""Written by every compile, beside the targets."""
_GLOB = re.compile(r"([\\*?\[])")


def pattern(path: str) -> str:
    """``path`` as a gitattributes pattern matching exactly that file, from this folder.

    Anchored with `/`; the glob characters escaped; a path with blanks or quotes C-quoted, as
    git reads a pattern that starts with `"` (an unquoted blank would end the pattern)."""
    anchored = "/" + _GLOB.sub(r"\\\1", path)
    if not re.search(r'[\s"]', anchored):
        return anchored
    return '"' + anchored.replace("\\", "\\\\").replace('"', '\\"') + '"'


def lines(targets: Iterable[Target], seeds: frozenset[str] = frozenset()) -> list[str]:
    """One `pattern linguist-generated=true` line per generated file in this folder.

    Seed files are the user's after the first write, the shared files are mostly theirs, and
    a workflow compile moved up to the repository's root (`../...`) is not below this file."""
    paths = {
        target.path
        for target in targets
        if target.mode == "managed"
        and target.path not in seeds
        and target.path not in SHARED
        and not target.path.startswith("../")
    }
    return [f"{pattern(path)} linguist-generated=true" for path in sorted({*paths, MANIFEST})]


def gitattributes_target(
    targets: Iterable[Target], spec_name: str, seeds: frozenset[str] = frozenset()
) -> Target:
    """The `.gitattributes` block for the files of ``targets`` (their final paths; ``seeds``
    are the paths `overrides:` gives to the user with `mode: seed`)."""
    marked = lines(targets, seeds)
    context = {"lines": marked, "spec_name": spec_name}
    return fixed_target(PATH, "files/gitattributes.jinja", "project", "lines", context, marked)
