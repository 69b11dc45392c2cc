"""Cross-checks of the entry points: placeholders naming parameters, defaults of the right type."""

from __future__ import annotations

import string

from mlops_compiler.errors import Diagnostic, Loc
from mlops_compiler.families.images import unpinned_image
from mlops_compiler.families.layout.checks import (
    entry_points_of,
)
from mlops_compiler.spec import MlopsSpec
from mlops_compiler.spec.mlproject import DockerEnv


def _check_placeholders(model: MlopsSpec) -> list[Diagnostic]:
    diagnostics: list[Diagnostic] = []
    for prefix, name, entry in entry_points_of(model):
        loc: Loc = (*prefix, name, "command")
        try:
            fields = [f for _, f, _, _ in string.Formatter().parse(entry.command) if f is not None]
        except ValueError as exc:
            diagnostics.append(
                Diagnostic(
                    f"the command is not a valid template: {exc}",
                    loc=loc,
                    needle="{" if "'{'" in str(exc) else "}",
                    hint="write `{{` and `}}` for literal braces",
                )
            )
            continue
        for field in fields:
            if field not in entry.parameters:
                declared = ", ".join(entry.parameters) or "none"
                diagnostics.append(
                    Diagnostic(
                        f"`{{{field}}}` is not a parameter of entry point `{name}`",
                        loc=loc,
                        needle=f"{{{field}}}",
                        hint=f"declare it under `parameters:` (declared: {declared})"
                        if field
                        else "name the parameter inside the braces",
                    )
                )
    return diagnostics


_TYPE_WORDS = {
    **{"int": "an integer", "float": "a number", "path": "a path", "uri": "a URI"},
    **{"string": "a string", "str": "a string", "bool": "true or false"},
}


def _check_parameter_defaults(model: MlopsSpec) -> list[Diagnostic]:
    """A default MLflow would reject at run time (`int` parameter, default `ten`)."""
    diagnostics: list[Diagnostic] = []
    for prefix, name, entry in entry_points_of(model):
        for param_name, param in entry.parameters.items():
            if isinstance(param, str) or param.default is None:
                continue
            allowed = _DEFAULT_TYPES[param.type]
            wrong_bool = isinstance(param.default, bool) is not (param.type == "bool")
            if wrong_bool or not isinstance(param.default, allowed):
                shown = f"`{param.default}`" if isinstance(param.default, str) else param.default
                diagnostics.append(
                    Diagnostic(
                        f"expected {_TYPE_WORDS[param.type]} (type: {param.type}),"
                        f" got {_kind_of(param.default)} ({shown})",
                        loc=(*prefix, name, "parameters", param_name, "default"),
                        hint=f"give a default of type {param.type}, or change `type:`",
                    )
                )
    return diagnostics


def _kind_of(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    return "a number" if isinstance(value, float) else "a string"


def check_entry_points(model: MlopsSpec) -> list[Diagnostic]:
    """Every problem of the root MLproject's and each `mlflow_projects` entry's entry points."""
    return _check_placeholders(model) + _check_parameter_defaults(model) + _docker_images(model)


def _docker_images(model: MlopsSpec) -> list[Diagnostic]:
    """`environment: {kind: docker, image: ...}` runs the entry points in that image."""
    found = []
    if isinstance(model.environment, DockerEnv):
        found += unpinned_image(model.environment.image, ("environment", "image"))
    for path, project in (model.mlflow_projects or {}).items():
        if isinstance(project.environment, DockerEnv):
            found += unpinned_image(
                project.environment.image, ("mlflow_projects", path, "environment", "image")
            )
    return found


_DEFAULT_TYPES: dict[str, tuple[type, ...]] = {
    "int": (int,),
    "bool": (bool,),
    "float": (int, float),
    "path": (str,),
    "uri": (str,),
    "string": (str, int, float),
    "str": (str, int, float),
}
