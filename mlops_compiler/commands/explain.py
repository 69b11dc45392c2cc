"""`mlops explain FILE[:LINE]`: which spec key and template produced a generated file or line."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mlops_compiler.commands.sourcemap import HEADER_LINES, Origin, line_origins
from mlops_compiler.compiler import compile_document
from mlops_compiler.dataclass import dataclass
from mlops_compiler.diagnostics import source_excerpt
from mlops_compiler.errors import Diagnostic, Loc, UsageError
from mlops_compiler.load.loader import LoadedDocument, load_spec_file
from mlops_compiler.render.engine import OutputFile


@dataclass(frozen=True)
class Target:
    """What was asked about: a generated file relative to the spec's folder, maybe a line."""

    path: str
    line: int | None


def parse_target(text: str, spec_dir: Path) -> Target:
    """``dvc.yaml:12`` or ``examples/quickstart/dvc.yaml`` -> a path relative to ``spec_dir``."""
    name, _, line = text.rpartition(":")
    if not (name and line.isdigit()):
        name, line = text, ""
    candidate = (Path.cwd() / name).resolve()
    # relpath, not relative_to: a monorepo's workflow at the repository's root is `../...`
    try:
        relative = Path(os.path.relpath(candidate, spec_dir.resolve())).as_posix()
    except ValueError:  # another drive (Windows)
        relative = Path(name).as_posix()
    return Target(relative, int(line) if line else None)


def explain(spec_path: Path, target: Target) -> str:
    """The explanation as text: a whole-file summary, or where one line comes from."""
    return explanation(spec_path, target)[0]


def explanation(spec_path: Path, target: Target) -> tuple[str, dict[str, Any]]:
    """The explanation as text and as data (`--format json`; docs/cli.md shows its shape)."""
    document = load_spec_file(spec_path)
    _project, tree = compile_document(document)
    file = tree.files.get(target.path)
    if file is None:
        generated = ", ".join(f"`{path}`" for path in sorted(tree.files))
        raise UsageError(
            f"{target.path} is not a file {spec_path.name} generates",
            hint=f"generated files: {generated}",
        )
    origins = line_origins(file, document)
    state = _disk_state(spec_path.parent / target.path, file)
    record: dict[str, Any] = {
        "file": file.path,
        "template": f"templates/{file.template}",
        "section": file.section,
        "on_disk": state,
    }
    if target.line is None:
        record["lines"] = [
            {"first": first, "last": last, **_origin_record(path, document)}
            for first, last, path in _ranges(origins)
        ]
        return _summary(file, origins, document, state), record
    text = _one_line(file, target.line, origins, document, state)
    origin = origins.get(target.line)
    record["line"] = target.line
    record["text"] = file.text.splitlines()[target.line - 1]
    record["origin"] = None if origin is None else _origin_record(origin.spec_path, document)
    return text, record


def _origin_record(path: Loc, document: LoadedDocument) -> dict[str, Any]:
    """Where a part of the spec is written: its dotted path and place (null for a default)."""
    written = path in document.value_spans or path in document.key_spans
    span = document.span_of(path, key=True)
    return {
        "spec_path": Diagnostic("", loc=path).dotted_path,
        "spec_line": span.line if span else None,
        "spec_column": span.column if span else None,
        "default": not written,
    }


def _disk_state(path: Path, file: OutputFile) -> str:
    if not path.is_file():
        return "not written yet (run `mlops compile`)"
    if path.read_bytes() == file.text.encode("utf-8"):
        return "up to date"
    return "differs from what the spec generates now; lines below are the generated ones"


def _one_line(
    file: OutputFile, line: int, origins: dict[int, Origin], document: LoadedDocument, state: str
) -> str:
    total = len(file.text.splitlines())
    if not 1 <= line <= total:
        raise UsageError(f"{file.path} has {total} lines; there is no line {line}")
    text = file.text.splitlines()[line - 1]
    out = [f"{file.path}:{line}: {text.strip()}"]
    origin = origins.get(line)
    if origin is None:
        what = "the header every generated file carries" if line <= HEADER_LINES else "no data"
        out.append(f"  {what}")
    else:
        out += _origin_lines(origin, document)
    out.append(f"  template: templates/{file.template} (section `{file.section}`)")
    if state != "up to date":
        out.append(f"  note: {file.path} on disk {state}")
    return "\n".join(out) + "\n"


def _origin_lines(origin: Origin, document: LoadedDocument) -> list[str]:
    spec_name = document.path.name
    dotted = Diagnostic("", loc=origin.spec_path).dotted_path
    written = origin.spec_path in document.value_spans or origin.spec_path in document.key_spans
    value = _value_at(document.data, origin.spec_path)
    as_key = isinstance(value, dict | list) or origin.spec_path not in document.value_spans
    span = document.span_of(origin.spec_path, key=as_key)  # a section: its key line
    if origin.output_path:
        data = Diagnostic("", loc=origin.output_path).dotted_path
        lines = [f"  data: {data}"]
    else:
        lines = []
    if span is None:
        return [*lines, f"  from {spec_name}: {dotted} (not written in the spec: a default)"]
    where = f"{spec_name}:{span.line}:{span.column}"
    default = "" if written else " (not written in the spec: a default, shown at its section)"
    lines.append(f"  from {where}: {dotted}{default}")
    if 0 < span.line <= len(document.lines):
        lines += ["  " + row for row in source_excerpt(document.lines[span.line - 1], span)]
    return lines


def _value_at(data: object, path: Loc) -> object:
    for part in path:
        try:
            data = data[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _summary(
    file: OutputFile, origins: dict[int, Origin], document: LoadedDocument, state: str
) -> str:
    out = [
        f"{file.path}: generated from {document.path.name} by templates/{file.template}",
        f"  section: {file.section}",
        f"  on disk: {state}",
        "  lines    from",
    ]
    for first, last, path in _ranges(origins):
        dotted = Diagnostic("", loc=path).dotted_path
        span = document.span_of(path, key=True)
        where = f"{document.path.name}:{span.line}" if span else ""
        lines = f"{first}-{last}" if last > first else f"{first}"
        out.append(f"  {lines:<8} {dotted:<40} {where}".rstrip())
    return "\n".join(out) + "\n"


def _ranges(origins: dict[int, Origin]) -> list[tuple[int, int, Loc]]:
    """Consecutive lines from the same part of the spec (a stage, a remote, a section)."""
    ranges: list[tuple[int, int, Loc]] = []
    for line, origin in sorted(origins.items()):
        group = _group(origin.spec_path)
        if ranges and ranges[-1][2] == group:
            ranges[-1] = (ranges[-1][0], line, group)
        else:
            ranges.append((line, line, group))
    return ranges


def _group(path: Loc) -> Loc:
    named = len(path) > 1 and path[1] in ("stages", "remotes")
    return path[:3] if named else path[:2]
