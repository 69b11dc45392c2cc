"""Where each line of an MLproject and its environment file came from (``mlops explain``)."""

from __future__ import annotations

from typing import Any

from mlops_compiler.errors import Loc
from mlops_compiler.families.origins import Rule


def rule(path: str) -> Rule | None:
    """The rule for a root file of the family."""
    return {"MLproject": _mlproject, "python_env.yaml": _python_env, "conda.yaml": _conda}.get(path)


def _mlproject(path: Loc, output: Any, spec: Any) -> Loc:
    if path[:1] == ("name",):
        return ("project", "name")
    if path[:1] in (("python_env",), ("conda_env",)):
        return ("environment",)
    if path[:1] == ("docker_env",):
        return ("environment", *path[1:])
    return path


def _python_env(path: Loc, output: Any, spec: Any) -> Loc:
    if path[:1] == ("python",):
        return ("project", "python")
    if path[:1] == ("dependencies",):
        return _pip(path[1:], spec)
    return ("environment", *path)


def _conda(path: Loc, output: Any, spec: Any) -> Loc:
    if path[:1] == ("name",):
        return ("project", "name")
    if path[:1] == ("channels",):
        return ("environment", *path)
    if len(path) >= 2 and path[0] == "dependencies" and isinstance(path[1], int):
        if path[1] == 0:
            return ("project", "python")
        if len(path) >= 3 and path[2] == "pip":
            return _pip(path[3:], spec)
        if path[1] >= 2:
            return ("environment", "dependencies", path[1] - 2)
    return ("environment",)


def _pip(rest: Loc, spec: Any) -> Loc:
    project = spec.get("project", {}) if isinstance(spec, dict) else {}
    if isinstance(project, dict) and "requirements" in project:
        return ("project", "requirements")
    return ("project", "dependencies", *rest)
