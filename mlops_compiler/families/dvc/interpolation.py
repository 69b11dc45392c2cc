"""DVC's `${}` interpolation in the root pipeline, checked at compile time.

DVC resolves `${name}` from params.yaml, `vars` and (in `foreach`/`matrix` stages) `item` and
`key` before it runs anything, and refuses the whole dvc.yaml when one name is undefined: a
`${secret}` in one `desc` stops every stage. In a `cmd`, the value is pasted into a shell
command line, so a params value holding shell syntax (`x; id > F`) runs as code. Both are found
here, at the field:

- a name that neither params nor an inline `vars` entry defines is a warning (an error with
  `--strict`; repositories imported with names defined elsewhere still compile), unless the
  pipeline or the stage reads `vars` from a file, or the spec has no `params` (then DVC reads a
  params.yaml compile does not write): unknown until DVC reads them;
- in a `cmd`, a params value with shell metacharacters is an error (quote-free values only).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from mlops_compiler.errors import Diagnostic, Loc, Severity
from mlops_compiler.spec import MlopsSpec
from mlops_compiler.spec.pipeline import ForeachStage, MatrixStage, StageBody

_EXPRESSION = re.compile(r"(?<!\\)\$\{\s*([^}]*?)\s*\}")
_SEGMENTS = re.compile(r"[^.\[\]]+")
_SHELL = re.compile(r"[;&|$`<>()\\\n'\"]")


def check_interpolation(model: MlopsSpec) -> list[Diagnostic]:
    """Every undefined `${}` name, and every shell-unsafe value in a `cmd`, of `pipeline`."""
    pipeline = model.pipeline
    if pipeline is None:
        return []
    names: dict[str, Any] = dict(model.params)
    from_file = not model.params  # no params: a params.yaml of the user's, unknown here
    for entry in pipeline.vars or []:
        if isinstance(entry, dict):
            names.update(entry)
        else:
            from_file = True
    diagnostics = []
    for stage_name, stage in pipeline.stages.items():
        loc: Loc = ("pipeline", "stages", stage_name)
        local = dict(names)
        body: StageBody
        if isinstance(stage, ForeachStage):
            body, loc = stage.do, (*loc, "do")
            local.update(item=None, key=None)
        else:
            body = stage
            if isinstance(stage, MatrixStage):
                local.update(item=None, key=None)
        unknown = from_file
        for entry in body.vars or []:
            if isinstance(entry, dict):
                local.update(entry)
            else:
                unknown = True
        for field_loc, text, is_cmd in _fields(body, loc):
            for match in _EXPRESSION.finditer(text):
                diagnostics += _check(match, local, field_loc, unknown=unknown, is_cmd=is_cmd)
    return diagnostics


def _fields(body: StageBody, loc: Loc) -> Iterator[tuple[Loc, str, bool]]:
    if isinstance(body.cmd, str):
        yield (*loc, "cmd"), body.cmd, True
    else:
        for index, command in enumerate(body.cmd):
            yield (*loc, "cmd", index), command, True
    for index, dep in enumerate(body.deps):
        yield (*loc, "deps", index), dep, False
    for index, out in enumerate(body.outs):
        path = out if isinstance(out, str) else out.path
        yield (*loc, "outs", index), path, False
    if body.desc is not None:
        yield (*loc, "desc"), body.desc, False


def _check(
    match: re.Match[str], names: dict[str, Any], loc: Loc, *, unknown: bool, is_cmd: bool
) -> list[Diagnostic]:
    expression = match.group(1)
    segments = _SEGMENTS.findall(expression)
    if not segments:
        return []
    head = segments[0]
    if head not in names:
        if unknown:
            return []
        known = ", ".join(f"`{name}`" for name in list(names)[:10]) or "none"
        return [
            Diagnostic(
                f"`{match.group(0)}`: `{head}` is defined neither in params nor in `vars`,"
                " and DVC refuses the whole dvc.yaml when one name is undefined",
                loc=loc,
                needle=match.group(0),
                hint=f"names DVC can interpolate here: {known}; write `\\${{...}}` for a"
                " literal `${`",
                severity=Severity.WARNING,
            )
        ]
    value = _lookup(names[head], segments[1:])
    if is_cmd and isinstance(value, str) and _SHELL.search(value):
        return [
            Diagnostic(
                f"`{match.group(0)}` pastes {value!r} into the command, and the shell would"
                " run what it holds",
                loc=loc,
                needle=match.group(0),
                hint="keep shell syntax out of params values used in a `cmd`, or read the"
                " value in the script from params.yaml instead",
            )
        ]
    return []


def _lookup(value: Any, segments: list[str]) -> Any:
    for segment in segments:
        if isinstance(value, dict) and segment in value:
            value = value[segment]
        elif isinstance(value, list) and segment.isdigit() and int(segment) < len(value):
            value = value[int(segment)]
        else:
            return None
    return value
