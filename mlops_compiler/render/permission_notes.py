"""The reason beside each permission scope of a workflow whose data `overrides:` patched.

A patched file is written from its data (``yaml_document``), which has no comments, so the
reason the template writes beside each scope (`contents: read  # to check out the
repository`) was lost, and zizmor (pedantic: undocumented-permissions) then flags every
scope of a workflow the spec merely renamed a step of. The reasons are read back from the
unpatched text, by job and scope; a scope the patch added says where it came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_BLOCK = re.compile(r"^( *)(?:permissions|'permissions'|\"permissions\"):\s*$")
_SCOPE = re.compile(r"^( +)([A-Za-z-]+): ([a-z]+)(\s+#.*)?$")
_JOB = re.compile(r"^  ([^\s#][^:]*):\s*$")
FROM_OVERRIDE = "set by `overrides:` in mlops.yaml"
"""The reason beside a scope the unpatched file did not grant."""


def keep_permission_notes(generated: str, patched: str) -> str:
    """``patched`` with the reason ``generated`` gives beside each scope it also grants."""
    reasons = {
        (job, scope): note for job, scope, note, _ in _scopes(generated.splitlines()) if note
    }
    lines = patched.splitlines()
    for job, scope, note, index in list(_scopes(lines)):
        if note is None:
            reason = reasons.get((job, scope)) or f"  # {FROM_OVERRIDE}"
            lines[index] = lines[index].rstrip() + reason
    return "\n".join(lines) + ("\n" if patched.endswith("\n") else "")


def _scopes(lines: list[str]) -> Iterator[tuple[str, str, str | None, int]]:
    """(job or "" at the top, scope, the comment beside it or None, line index)."""
    job, block_indent, in_jobs = "", None, False
    for index, line in enumerate(lines):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip())
        if indent == 0:
            in_jobs = line.startswith("jobs:")
            job = ""
        elif in_jobs and (found := _JOB.match(line)):
            job = found[1].strip("'\"")
        if block_indent is not None:
            scope = _SCOPE.match(line)
            if scope and len(scope[1]) > block_indent:
                yield job, scope[2], scope[4], index
                continue
            block_indent = None
        block = _BLOCK.match(line)
        if block:
            block_indent = len(block[1])
