"""Where each line of dvc.yaml, params.yaml and .dvc/config came from (``mlops explain``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from mlops_compiler.errors import Loc
from mlops_compiler.families.origins import LineMapper, Rule, holds_data, walk

_SECTION = re.compile(r"""^\s*\[\s*'?remote "(?P<name>[^"]+)"'?\s*\]""")


def rule(path: str) -> Rule | None:
    """The rule for a root file of the family."""
    if path == ".dvc/config":
        return LineMapper(_ini_origins)
    return {"dvc.yaml": dvc_yaml, "params.yaml": _params_yaml}.get(path)


def dvc_yaml(path: Loc, output: Any, spec: Any, section: Loc = ("pipeline",)) -> Loc:
    if not path or path[0] != "stages" or len(path) < 3:
        return (*section, *path)
    stage, rest = path[:2], path[2:]
    prefix: Loc = (*section, *stage)
    if rest[0] == "do":
        prefix, rest = (*prefix, "do"), rest[1:]
    body = walk(spec, prefix)
    if len(rest) >= 2 and rest[0] == "params" and isinstance(body, dict):
        return (
            *prefix,
            *_params_entry(rest, walk(output, path[: len(path) - len(rest) + 2]), body),
        )
    if len(rest) >= 3 and rest[0] in ("outs", "metrics", "plots"):
        return (*prefix, *rest[:2], *(rest[3:4] or ("path",)))  # {path: {option: value}}
    return (*prefix, *rest)


def _params_entry(rest: Loc, value: Any, body: dict[str, Any]) -> Loc:
    """dvc.yaml lists bare keys first, then one `{file: keys}` per file: find the spec entry."""
    entries = body.get("params", [])
    for index, entry in enumerate(entries):
        if entry == value or (
            isinstance(value, dict) and isinstance(entry, dict) and value.keys() & entry.keys()
        ):
            return ("params", index, *rest[2:])
    return ("params",)


def _params_yaml(path: Loc, output: Any, spec: Any) -> Loc:
    if path[:1] == ("mlflow",) and isinstance(spec, dict) and "tracking" in spec:
        names = {"tracking_uri": "uri", "experiment_name": "experiment"}
        names["registered_model_name"] = "registered_model"
        return (
            ("tracking", names[str(path[1])])
            if len(path) > 1 and path[1] in names
            else ("tracking",)
        )
    return ("params", *path)


def _ini_origins(lines: list[str], spec: Any, has_value: Callable[[Loc], bool]) -> dict[int, Loc]:
    """.dvc/config: `[core] remote = x` is `data.default`; a remote section is its remote."""
    origins: dict[int, Loc] = {}
    remote: str | None = None
    for number, line in enumerate(lines, 1):
        if not holds_data(line):
            continue
        section = _SECTION.match(line)
        key = line.split("=", 1)[0].strip()
        if section:
            remote = section.group("name")
            path: Loc = ("data", "remotes", remote)
        elif line.strip() == "[core]":
            remote, path = None, ("data",)
        elif remote is None:
            path = ("data", "default") if has_value(("data", "default")) else ("data",)
        else:
            path = ("data", "remotes", remote, key)
        origins[number] = path
    return origins
