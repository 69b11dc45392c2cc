"""Apply `overrides:` patches to a generated file's data, before it is serialized.

A path that matches nothing is an error that names where the match stopped and what was
there, so a typo is a one-line fix rather than a silent no-op.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from mlops_compiler import ir
from mlops_compiler.errors import Diagnostic

Segment = str | int
_DOTTED = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


class PatchError(Exception):
    """Patches that do not apply; diagnostics carry spec locations, not yet spans."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__("; ".join(d.message for d in diagnostics))


def parse_path(text: str) -> list[Segment]:
    """`stages.train.deps[0]` or `/stages/train/deps/0` as segments (digits become indexes)."""
    if text.startswith("/"):
        parts = [part.replace("~1", "/").replace("~0", "~") for part in text[1:].split("/")]
        return [int(part) if part.isdigit() else part for part in parts]
    segments: list[Segment] = []
    position = 0
    for match in _DOTTED.finditer(text):
        if match.start() not in (position, position + 1):
            raise ValueError(f"cannot read path `{text}`")
        key, index = match.groups()
        segments.append(int(index) if index is not None else key)
        position = match.end()
    if not segments or position != len(text):
        raise ValueError(f"cannot read path `{text}`")
    return segments


def apply_patches(document: Any, override: ir.FileOverride, loc_prefix: tuple[Any, ...]) -> Any:
    """A patched copy of ``document``; raise ``PatchError`` naming every patch that misses."""
    patched = copy.deepcopy(document)
    problems: list[Diagnostic] = []
    for index, patch in enumerate(override.patches):
        loc = (*loc_prefix, "patches", index, patch.op)
        try:
            segments = parse_path(patch.path)
            patched = _apply(patched, patch, segments)
        except (ValueError, _MissError) as exc:
            problems.append(
                Diagnostic(
                    str(exc), loc=loc, hint=exc.hint if isinstance(exc, _MissError) else None
                )
            )
    if problems:
        raise PatchError(problems)
    return patched


class _MissError(Exception):
    def __init__(self, message: str, hint: str | None):
        self.hint = hint
        super().__init__(message)


def _apply(document: Any, patch: ir.Patch, segments: list[Segment]) -> Any:
    *parents, last = segments
    node = document
    for depth, segment in enumerate(parents):
        node = _step(node, segment, segments[: depth + 1], patch.path)
    if patch.op == "append":
        target = _step(node, last, segments, patch.path)
        if not isinstance(target, list):
            raise _MissError(f"`{patch.path}` is not a list", "use `set:` to replace it")
        target.append(copy.deepcopy(patch.value))
    elif patch.op == "delete":
        _step(node, last, segments, patch.path)
        del node[last]
    elif isinstance(node, dict) and isinstance(last, str):
        node[last] = copy.deepcopy(patch.value)
    else:
        _step(node, last, segments, patch.path)
        node[last] = copy.deepcopy(patch.value)
    return document


def _step(node: Any, segment: Segment, reached: list[Segment], path: str) -> Any:
    if isinstance(node, dict) and isinstance(segment, str) and segment in node:
        return node[segment]
    if isinstance(node, list) and isinstance(segment, int) and segment < len(node):
        return node[segment]
    where = format_path(reached[:-1]) or "the top level"
    raise _MissError(
        f"`{path}` matches nothing: `{segment}` is not in {where}", _candidates(node, reached[:-1])
    )


def _candidates(node: Any, reached: list[Segment]) -> str | None:
    if isinstance(node, dict) and node:
        return "paths there: " + ", ".join(
            f"`{format_path([*reached, key])}`" for key in list(node)[:10]
        )
    if isinstance(node, list) and node:
        first, last = format_path([*reached, 0]), format_path([*reached, len(node) - 1])
        return f"a list of {len(node)}: `{first}` to `{last}`"
    return None


def format_path(segments: list[Segment]) -> str:
    """Segments as a dotted path, or as a JSON Pointer when a key holds `.` or `[`."""
    text = ""
    for segment in segments:
        if isinstance(segment, int):
            text += f"[{segment}]"
        elif "." in segment or "[" in segment:
            return "/" + "/".join(str(s).replace("~", "~0").replace("/", "~1") for s in segments)
        else:
            text += f".{segment}" if text else segment
    return text
