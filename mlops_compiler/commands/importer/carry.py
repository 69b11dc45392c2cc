"""Carry verbatim what the spec cannot model: the one place that decides how.

An imported file is compiled from the spec; wherever the compiled data differs from the
original, the original is put back by `overrides:` patches on that file (`set` the value DVC or
MLflow read, `delete` a key the spec added). Patches are the smallest that make the data equal,
so a person reading the spec sees exactly which parts mlops.yaml does not model.
"""

from __future__ import annotations

import math
import re
from typing import Any

Segment = str | int
_PLAIN_KEY = re.compile(r"^[^.\[\]/~]+$")


class CannotCarryError(Exception):
    """The difference cannot be written as patches (a value that is not JSON, say)."""


def same_data(left: Any, right: Any) -> bool:
    """Equal as data: mappings in any order, sequences in order, `1` is not `True`, NaN is NaN."""
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(same_data(left[k], right[k]) for k in left)
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(
            same_data(a, b) for a, b in zip(left, right, strict=True)
        )
    if isinstance(left, float) and isinstance(right, float) and math.isnan(left):
        return math.isnan(right)
    return type(left) is type(right) and left == right


def carry_verbatim(compiled: Any, original: Any) -> list[dict[str, Any]]:
    """`overrides` patches that turn ``compiled`` data into ``original`` data.

    Raises:
        CannotCarryError: the two differ at the top, or ``original`` holds a value JSON cannot.
    """
    patches: list[dict[str, Any]] = []
    _diff(compiled, original, [], patches)
    return patches


def _diff(mine: Any, theirs: Any, path: list[Segment], out: list[dict[str, Any]]) -> None:
    if same_data(mine, theirs):
        return
    if isinstance(mine, dict) and isinstance(theirs, dict):
        if not all(isinstance(key, str) for key in [*mine, *theirs]):
            raise CannotCarryError("keys that are not strings cannot be written in mlops.yaml")
        for key in mine:
            if key not in theirs:
                out.append({"delete": patch_path([*path, key])})
        for key, value in theirs.items():
            if key in mine:
                _diff(mine[key], value, [*path, key], out)
            else:
                out.append({"set": patch_path([*path, key]), "value": _json(value)})
        return
    if isinstance(mine, list) and isinstance(theirs, list) and len(mine) == len(theirs):
        for index, (a, b) in enumerate(zip(mine, theirs, strict=True)):
            _diff(a, b, [*path, index], out)
        return
    if not path:
        raise CannotCarryError("the whole file differs")
    out.append({"set": patch_path(path), "value": _json(theirs)})


def patch_path(segments: list[Segment]) -> str:
    """A patch path as `overrides` reads it: dotted when it can be, else a JSON Pointer."""
    if not segments:
        raise CannotCarryError("a patch needs a path")
    keys = [segment for segment in segments if isinstance(segment, str)]
    if all(_PLAIN_KEY.match(key) for key in keys) and isinstance(segments[0], str):
        text = ""
        for segment in segments:
            text += f"[{segment}]" if isinstance(segment, int) else f".{segment}"
        return text.removeprefix(".")
    if any(key.isdigit() for key in keys):
        raise CannotCarryError(f"no patch path can name the key {keys!r}")
    parts = [str(s).replace("~", "~0").replace("/", "~1") for s in segments]
    return "/" + "/".join(parts)


def _json(value: Any) -> Any:
    """``value`` if JSON can hold it (what an `overrides` value is), else ``CannotCarryError``."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list):
        return [_json(item) for item in value]
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        return {key: _json(item) for key, item in value.items()}
    raise CannotCarryError(f"{type(value).__name__} values cannot be written in mlops.yaml")
