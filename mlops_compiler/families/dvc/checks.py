"""Cross-checks of the pipelines: what DVC would only discover at run time, found now.

Params keys that exist, outputs that are unique and do not overlap, no cycles, declared remotes.
Each check returns diagnostics with a data location; `lower` turns locations into spans."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

from mlops_compiler.errors import Diagnostic, Loc
from mlops_compiler.families.dvc.config import config_remotes
from mlops_compiler.families.dvc.lower import PARAMS_FILE
from mlops_compiler.families.layout.checks import (
    params_path,
    pipeline_sources,
    rebased,
)
from mlops_compiler.spec import MlopsSpec
from mlops_compiler.spec.pipeline import ForeachStage, MatrixStage, StageBody


def _stage_bodies(model: MlopsSpec) -> Iterator[tuple[str, Loc, StageBody, bool]]:
    """(name, location, body, repeated) for every stage; repeated bodies run more than once."""
    for prefix, pipeline, folder in pipeline_sources(model):
        for stage_name, stage in pipeline.stages.items():
            loc: Loc = (*prefix, "stages", stage_name)
            # Stages of other dvc.yaml files are named as DVC names them: `data/dvc.yaml:fetch`.
            name = stage_name if prefix == ("pipeline",) else f"{prefix[-1]}:{stage_name}"
            if isinstance(stage, ForeachStage):
                yield name, (*loc, "do"), rebased(stage.do, folder), _count(stage.foreach) != 1
            else:
                repeated = isinstance(stage, MatrixStage) and _matrix_size(stage.matrix) != 1
                yield name, loc, rebased(stage, folder), repeated


def _count(items: Any) -> int:
    return len(items) if isinstance(items, list | dict) else 2


def _matrix_size(matrix: dict[str, Any]) -> int:
    size = 1
    for values in matrix.values():
        size *= _count(values)
    return size


def _interpolated(text: str) -> bool:
    return "${" in text


def _check_params_keys(
    bodies: list[tuple[str, Loc, StageBody, bool]], params: Mapping[str, Any], base_dir: Path
) -> list[Diagnostic]:
    """DVC reads a stage's params files relative to its `wdir` (params.yaml by default)."""
    diagnostics: list[Diagnostic] = []
    loaded: dict[str, Any] = dict(params)
    for _name, loc, body, _repeated in bodies:
        if body.wdir is not None and _interpolated(body.wdir):
            continue
        default_file = params_path(body.wdir, PARAMS_FILE)
        for index, entry in enumerate(body.params):
            entries = {default_file: [entry]} if isinstance(entry, str) else entry
            for file, keys in entries.items():
                entry_loc: Loc = (*loc, "params", index)
                if isinstance(entry, dict):
                    entry_loc = (*entry_loc, file)
                if _interpolated(file):
                    continue
                path = file if isinstance(entry, str) else params_path(body.wdir, file)
                if path not in loaded:
                    loaded[path] = _read_params_file(base_dir, path)
                tree = loaded[path]
                if isinstance(tree, Diagnostic):
                    diagnostics.append(_at(tree, entry_loc))
                    continue
                for key_index, key in enumerate(keys or ()):
                    key_loc = entry_loc if isinstance(entry, str) else (*entry_loc, key_index)
                    diagnostics += _missing_key(path, tree, key, key_loc)
    return diagnostics


def _missing_key(file: str, tree: Any, key: str, loc: Loc) -> list[Diagnostic]:
    if _interpolated(key):
        return []
    node = tree
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            where = "`params:`" if file == PARAMS_FILE else file
            return [
                Diagnostic(
                    f"params key `{key}` is not defined in {where}",
                    loc=loc,
                    hint=_missing_key_hint(key, list(_dotted_keys(tree))),
                )
            ]
        node = node[part]
    return []


def _missing_key_hint(key: str, known: list[str]) -> str:
    """The nearest defined keys (a typo is the usual cause), else a few of them."""
    if not known:
        return "define it"
    import difflib  # only on this error path

    near = difflib.get_close_matches(key, known, n=3, cutoff=0.75)
    if near:
        return "did you mean " + " or ".join(f"`{name}`" for name in near) + "? or define it"
    shown = ", ".join(sorted(known)[:8])
    return f"define it there, or use one of: {shown}" + (", ..." if len(known) > 8 else "")


def _dotted_keys(tree: Any, prefix: str = "") -> Iterator[str]:
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield from _dotted_keys(value, f"{prefix}{key}.")
    elif prefix:
        yield prefix[:-1]


def _read_params_file(base_dir: Path, file: str) -> Any:
    path = base_dir / file
    if not path.is_file():
        return Diagnostic(
            f"params file `{file}` does not exist",
            hint="create it, or list the keys under `params:` to read them from params.yaml",
        )
    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".toml":
            import tomllib  # rare: ~5 ms of start-up that YAML params files never need

            return tomllib.loads(text)
        if path.suffix == ".json":
            return json.loads(text)
        return yaml.safe_load(text) or {}
    except (OSError, ValueError, yaml.YAMLError) as exc:
        return Diagnostic(f"cannot read params file `{file}`: {exc}".splitlines()[0])


def _at(diagnostic: Diagnostic, loc: Loc) -> Diagnostic:
    return Diagnostic(diagnostic.message, loc=loc, hint=diagnostic.hint)


def _outputs(loc: Loc, body: StageBody) -> Iterator[tuple[str, Loc]]:
    for field in ("outs", "metrics", "plots"):
        for index, entry in enumerate(getattr(body, field)):
            path = entry if isinstance(entry, str) else entry.path
            yield _normal(body.wdir, path), (*loc, field, index)


@functools.lru_cache(maxsize=4096)
def _normal(wdir: str | None, path: str) -> str:
    """Cached: a path is normalised once as an output, again as the next stage's dependency
    (and once more for the cycle check)."""
    import posixpath

    joined = posixpath.join(wdir, path) if wdir else path
    return posixpath.normpath(joined).rstrip("/")


def _outside(path: str) -> bool:
    return path.startswith(("/", "../")) or path == ".." or "://" in path


def _check_outputs(bodies: list[tuple[str, Loc, StageBody, bool]]) -> list[Diagnostic]:
    diagnostics: list[Diagnostic] = []
    owners = _PathIndex()
    for name, loc, body, repeated in bodies:
        if body.wdir is not None and _outside(_normal(None, body.wdir)):
            diagnostics.append(
                Diagnostic(
                    f"`wdir` `{body.wdir}` is outside the project folder",
                    loc=(*loc, "wdir"),
                    hint="use a folder under the one that holds mlops.yaml",
                )
            )
            continue
        for path, out_loc in _outputs(loc, body):
            if _outside(path):
                diagnostics.append(
                    Diagnostic(
                        f"output `{path}` is outside the project folder",
                        loc=out_loc,
                        hint="keep outputs under the folder that holds mlops.yaml"
                        " (DVC 3 does not track external outputs)",
                    )
                )
                continue
            if _interpolated(path):
                continue
            if repeated:
                diagnostics.append(
                    Diagnostic(
                        f"every run of stage `{name}` writes the same output `{path}`",
                        loc=out_loc,
                        hint="put `${item}` (or `${key}`, `${item.axis}`) in the path",
                    )
                )
                continue
            related = owners.related(path)
            if related:
                other_path, other_stage = related[0], owners.owner[related[0]]
                same = other_path == path
                diagnostics.append(
                    Diagnostic(
                        f"output `{path}` is already declared by stage `{other_stage}`"
                        if same
                        else f"output `{path}` overlaps `{other_path}` of stage `{other_stage}`",
                        loc=out_loc,
                        hint="each file or folder must be written by exactly one stage",
                    )
                )
                continue
            owners.add(path, name)
    return diagnostics


class _PathIndex:
    """Paths and their stages; finds a path, its enclosing and its enclosed paths in O(depth).

    Comparing every output with every other is quadratic: 10,000 stages took seconds.
    """

    def __init__(self) -> None:
        self.owner: dict[str, str] = {}
        self._below: dict[str, list[str]] = {}

    def add(self, path: str, stage: str) -> None:
        self.owner[path] = stage
        for prefix in _ancestors(path):
            self._below.setdefault(prefix, []).append(path)

    def related(self, path: str) -> list[str]:
        """Known paths equal to ``path``, enclosing it, or inside it (in that order)."""
        found = [path] if path in self.owner else []
        found += [prefix for prefix in _ancestors(path) if prefix in self.owner]
        return found + self._below.get(path, [])


def _ancestors(path: str) -> list[str]:
    """Every prefix of ``path`` that ends before one of its slashes, shortest first.

    Cut at each slash rather than joined back from the parts: most paths have one slash or
    none, and every output and dependency passes here two or three times.
    """
    found = []
    slash = path.find("/")
    while slash != -1:
        found.append(path[:slash])
        slash = path.find("/", slash + 1)
    return found


def _check_cycles(bodies: list[tuple[str, Loc, StageBody, bool]]) -> list[Diagnostic]:
    produced = _PathIndex()
    for name, loc, body, _repeated in bodies:
        for path, _ in _outputs(loc, body):
            # An output another stage already declares (or overlaps) is the error
            # `_check_outputs` reports; indexing it again would make its dependants look like
            # a cycle through the second stage (a spurious "cycle train -> train").
            if not _interpolated(path) and not produced.related(path):
                produced.add(path, name)
    upstreams: dict[str, dict[str, None]] = {}  # ordered sets: a stage fed by 10,000 others
    locs: dict[str, Loc] = {}
    for name, loc, body, _repeated in bodies:
        locs[name] = loc
        upstream = upstreams.setdefault(name, {})
        for dep in body.deps:
            for out in produced.related(_normal(body.wdir, dep)):
                upstream[produced.owner[out]] = None
    cycle = _find_cycle(upstreams)
    if not cycle:
        return []
    order = {name: index for index, name in enumerate(locs)}
    first = min(range(len(cycle)), key=lambda i: order[cycle[i]])
    cycle = cycle[first:] + cycle[:first]
    shown = " -> ".join([*cycle, cycle[0]])
    return [
        Diagnostic(
            f"the pipeline has a cycle (each stage's outputs feed the next): {shown}",
            loc=(*locs[cycle[0]], "deps"),
            on_key=True,
            hint="a stage cannot depend, directly or not, on its own outputs",
        )
    ]


def _find_cycle(edges: Mapping[str, Iterable[str]]) -> list[str]:
    """The first cycle found, in data-flow order (each stage's outputs feed the next).

    Depth-first without recursion: a chain of 10,000 stages is deeper than Python's stack.
    """
    state: dict[str, int] = {}
    for start in edges:
        if start in state:
            continue
        stack: list[str] = [start]
        pending: list[Iterator[str]] = [iter(edges.get(start, ()))]  # upstreams still to visit
        state[start] = 1
        while stack:
            upstream = next(pending[-1], None)
            if upstream is None:
                state[stack.pop()] = 2
                pending.pop()
                continue
            if state.get(upstream) == 1:
                return list(reversed(stack[stack.index(upstream) :]))
            if upstream not in state:
                state[upstream] = 1
                stack.append(upstream)
                pending.append(iter(edges.get(upstream, ())))
    return []


def _check_out_remotes(
    bodies: list[tuple[str, Loc, StageBody, bool]], model: MlopsSpec
) -> list[Diagnostic]:
    declared = [*(model.data.remotes if model.data else ()), *config_remotes(model.data)]
    diagnostics: list[Diagnostic] = []
    for _name, loc, body, _repeated in bodies:
        for index, out in enumerate(body.outs):
            remote = None if isinstance(out, str) else out.remote
            if remote is not None and remote not in declared:
                known = ", ".join(f"`{name}`" for name in declared) or "none"
                diagnostics.append(
                    Diagnostic(
                        f"remote `{remote}` is not declared under `data.remotes`",
                        loc=(*loc, "outs", index, "remote"),
                        hint=f"declared remotes: {known}; or remove `remote:` to use the default",
                    )
                )
    return diagnostics


def check_pipelines(
    model: MlopsSpec, params: Mapping[str, Any], base_dir: Path
) -> list[Diagnostic]:
    """Every problem of every dvc.yaml's stages; ``params`` holds the generated params files."""
    bodies = list(_stage_bodies(model))
    diagnostics = _check_params_keys(bodies, params, base_dir)
    diagnostics += _check_outputs(bodies)
    diagnostics += _check_cycles(bodies)
    diagnostics += _check_out_remotes(bodies, model)
    return diagnostics
