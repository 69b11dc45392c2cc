"""How a family tells `mlops explain` where each line of its generated files came from.

A family's ``explain`` step returns, for a generated path, a ``Mapper`` (YAML files: the output
is parsed back with positions and each line's data path is mapped to the spec path it came
from) or a ``LineMapper`` (other formats: each line read on its own), or None: then every line
of the file maps to its section as a whole.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mlops_compiler.dataclass import dataclass
from mlops_compiler.errors import Loc

Mapper = Callable[[Loc, Any, Any], Loc]
"""(data path in the generated file, the generated data, the spec's data) -> the spec path."""


@dataclass(frozen=True)
class LineMapper:
    """For a file that is not YAML: each data line's spec path, from the line and the spec."""

    origins: Callable[[list[str], Any, Callable[[Loc], bool]], dict[int, Loc]]
    """(the file's lines, the spec's data, whether a spec path has a value) -> {line: path}."""


Rule = Mapper | LineMapper


def holds_data(line: str) -> bool:
    """A line that is neither blank nor a comment."""
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def walk(data: Any, path: Loc) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data
