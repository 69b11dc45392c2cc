"""Read a Dockerfile back into instructions: the structural check of generated Dockerfiles.

Enough of Docker's grammar for what we generate and for the tests' checks: comments and blank
lines, backslash continuations, leading ``--flag=value`` options, JSON (exec) forms.
"""

from __future__ import annotations

import json
import re
from typing import Any

from mlops_compiler.dataclass import dataclass

_FLAG = re.compile(r"^--[a-z-]+=\S+$")


@dataclass(frozen=True)
class Parsed:
    """One instruction: its keyword (upper case), leading flags and arguments."""

    keyword: str
    flags: tuple[str, ...]
    arguments: Any
    """A list for a JSON form, the string as written otherwise."""

    def as_data(self) -> list[Any]:
        """``[keyword, [flags], arguments]`` for comparisons."""
        return [self.keyword, list(self.flags), self.arguments]


def logical_lines(text: str) -> list[str]:
    """Instructions with their continuations joined, comments and blank lines dropped."""
    lines: list[str] = []
    current = ""
    for raw in text.splitlines():
        stripped = raw.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if raw.endswith("\\"):
            current += raw[:-1]
            continue
        lines.append(current + raw)
        current = ""
    if current:
        lines.append(current)
    return lines


def parse_dockerfile(text: str) -> list[Parsed]:
    """Every instruction of ``text``, in order."""
    parsed = []
    for line in logical_lines(text):
        keyword, _, rest = line.strip().partition(" ")
        rest = rest.strip()
        flags: list[str] = []
        while True:
            word, _, remainder = rest.partition(" ")
            if not _FLAG.match(word):
                break
            flags.append(word)
            rest = remainder.strip()
        if keyword.upper() == "HEALTHCHECK" and rest.startswith("CMD "):
            flags.append("CMD")
            rest = rest[4:].strip()
        parsed.append(Parsed(keyword.upper(), tuple(flags), _arguments(rest)))
    return parsed


def _arguments(rest: str) -> Any:
    if rest.startswith("["):
        try:
            value = json.loads(rest)
        except ValueError:
            return rest
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return value
    return rest


def final_user(text: str) -> str | None:
    """The ``USER`` in force in the last stage (None: root, Docker's default)."""
    user = None
    for instruction in parse_dockerfile(text):
        if instruction.keyword == "FROM":
            user = None
        elif instruction.keyword == "USER":
            user = str(instruction.arguments)
    return user
