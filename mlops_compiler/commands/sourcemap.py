"""Which spec key produced each line of a generated file.

Compiling is deterministic, so the map is rebuilt from the same render a compile makes: the
output is parsed back with positions (the loader keeps a span for every key and value), each
output line gets the deepest data path on it, and a small per-file rule maps that path to the
spec path it came from. Files without a rule (or not YAML) map every line to their section.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mlops_compiler.errors import Loc, Span, SpecError
from mlops_compiler.load.loader import LoadedDocument, load_spec_bytes
from mlops_compiler.render.engine import OutputFile

HEADER_LINES = 2
"""Every generated file with comments starts with a two-line header (``render.header``)."""


@dataclass(frozen=True)
class Origin:
    """Where one line of a generated file came from."""

    output_path: Loc
    """The data path in the generated file (``()`` for the header or a whole-file origin)."""
    spec_path: Loc
    """The spec location it came from."""


def line_origins(file: OutputFile, spec: LoadedDocument) -> dict[int, Origin]:
    """``{line: origin}`` for the lines of ``file`` that hold data."""
    lines = file.text.splitlines()
    whole = Origin((), (file.section,))
    if file.path == ".dvc/config":
        return _ini_origins(lines, spec)
    mapper = MAPPERS.get(file.path) or _layout_mapper(file.path, spec.data)
    try:
        parsed = load_spec_bytes(file.text.encode("utf-8"), Path(file.path))
    except SpecError:
        parsed = None
    if mapper is None or parsed is None:
        return {n: whole for n, line in enumerate(lines, 1) if _holds_data(line)}
    chosen = _subjects(parsed, lines)
    return {
        line: Origin(path, mapper(path, parsed.data, spec.data))
        for line, path in sorted(chosen.items())
        if _holds_data(lines[line - 1])
    }


def _subjects(parsed: LoadedDocument, lines: list[str]) -> dict[int, Loc]:
    """Per line, what it is about: its leftmost key; on a line without keys (a list item), the
    deepest value starting on it; on a continuation line, the deepest value running over it."""
    keys: dict[int, tuple[int, Loc]] = {}
    for path, span in parsed.key_spans.items():
        if span.line not in keys or span.column < keys[span.line][0]:
            keys[span.line] = (span.column, path)
    chosen = {line: path for line, (_column, path) in keys.items()}
    for path, span in parsed.value_spans.items():
        first = span.line if span.line not in keys else span.line + 1
        for line in range(first, min(_last_line(span, lines), len(lines)) + 1):
            if line not in keys and len(path) >= len(chosen.get(line, ())):
                chosen[line] = path
    return chosen


def _last_line(span: Span, lines: list[str]) -> int:
    """A block collection's span ends where the next token starts, on a line of its own."""
    if span.end_line == span.line:
        return span.line
    end = lines[span.end_line - 1][: span.end_column - 1] if span.end_line <= len(lines) else ""
    return span.end_line if end.strip() else span.end_line - 1


def _holds_data(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


# -- per-file rules: output data path -> spec path ---------------------------------------------

Mapper = Callable[[Loc, Any, Any], Loc]


def _dvc_yaml(path: Loc, output: Any, spec: Any, section: Loc = ("pipeline",)) -> Loc:
    if not path or path[0] != "stages" or len(path) < 3:
        return (*section, *path)
    stage, rest = path[:2], path[2:]
    prefix: Loc = (*section, *stage)
    if rest[0] == "do":
        prefix, rest = (*prefix, "do"), rest[1:]
    body = _walk(spec, prefix)
    if len(rest) >= 2 and rest[0] == "params" and isinstance(body, dict):
        return (
            *prefix,
            *_params_entry(rest, _walk(output, path[: len(path) - len(rest) + 2]), body),
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


def _walk(data: Any, path: Loc) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _layout_mapper(generated: str, spec: Any) -> Mapper | None:
    """`pipelines:`, `params_files:` and `mlflow_projects:` entries, keyed by their path."""
    sections = spec if isinstance(spec, dict) else {}
    if generated in (sections.get("pipelines") or {}):
        return functools.partial(_in_layout_pipeline, section=("pipelines", generated))
    for section in ("params_files", "mlflow_projects"):
        if generated in (sections.get(section) or {}):
            return functools.partial(_in_layout_file, section=(section, generated))
    return None


def _in_layout_pipeline(path: Loc, output: Any, spec: Any, *, section: Loc) -> Loc:
    return _dvc_yaml(path, output, spec, section)


def _in_layout_file(path: Loc, output: Any, spec: Any, *, section: Loc) -> Loc:
    return (*section, *path)


MAPPERS: dict[str, Mapper] = {
    "dvc.yaml": _dvc_yaml,
    "params.yaml": _params_yaml,
    "MLproject": _mlproject,
    "python_env.yaml": _python_env,
    "conda.yaml": _conda,
}
"""Rules by generated path; a target without one maps to its section as a whole."""


_SECTION = re.compile(r"""^\s*\[\s*'?remote "(?P<name>[^"]+)"'?\s*\]""")


def _ini_origins(lines: list[str], spec: LoadedDocument) -> dict[int, Origin]:
    """.dvc/config: `[core] remote = x` is `data.default`; a remote section is its remote."""
    origins: dict[int, Origin] = {}
    remote: str | None = None
    for number, line in enumerate(lines, 1):
        if not _holds_data(line):
            continue
        section = _SECTION.match(line)
        key = line.split("=", 1)[0].strip()
        if section:
            remote = section.group("name")
            path: Loc = ("data", "remotes", remote)
        elif line.strip() == "[core]":
            remote, path = None, ("data",)
        elif remote is None:
            path = ("data", "default") if ("data", "default") in spec.value_spans else ("data",)
        else:
            path = ("data", "remotes", remote, key)
        origins[number] = Origin((), path)
    return origins
