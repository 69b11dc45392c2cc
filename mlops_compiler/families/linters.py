"""The command-line tools that own a family's formats, as `mlops verify` runs them.

Each family's ``linters`` step lists its tools; verify runs each on every generated file the
tool owns (by path or by the parsed content). DVC and MLflow judge their files through their
own loaders instead (``commands/probes/``).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import Any

from mlops_compiler.dataclass import dataclass
from mlops_compiler.load.repository import without_up


@dataclass(frozen=True)
class Linter:
    """A command-line tool run once per file it owns."""

    name: str
    executables: tuple[str, ...]
    args: tuple[str, ...]
    install: str
    owns: Callable[[str, Any], bool]
    """(path, parsed YAML documents or None) -> whether the tool checks this file."""


def workflow(path: str, documents: Any) -> bool:
    path = without_up(path)  # a monorepo's workflow, at the repository's root
    return path.startswith(".github/workflows/") and path.endswith((".yml", ".yaml"))


def dockerfile(path: str, documents: Any) -> bool:
    name = posixpath.basename(path)
    return name == "Dockerfile" or name.startswith("Dockerfile.") or name.endswith(".Dockerfile")


def has_keys(*keys: str) -> Callable[[str, Any], bool]:
    def owns(path: str, documents: Any) -> bool:
        return any(isinstance(d, dict) and set(keys) <= set(d) for d in documents or ())

    return owns


def prometheus_rules(path: str, documents: Any) -> bool:
    return any(
        isinstance(d, dict)
        and isinstance(d.get("groups"), list)
        and all(isinstance(g, dict) and "rules" in g for g in d["groups"])
        for d in documents or ()
    )
