"""`mlops absorb`: turn hand edits of generated YAML files into `overrides:` patches.

The edit moves into mlops.yaml (comments and layout of the spec kept, through ruamel's
round-trip mode), so the next compile generates the edited data itself. Nothing is written
unless the patched spec really reproduces every absorbed file's data.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mlops_compiler.compiler import compile_spec
from mlops_compiler.errors import InternalError, Loc, RefusedError, SpecError
from mlops_compiler.load.loader import load_spec_bytes
from mlops_compiler.render.engine import OutputTree
from mlops_compiler.render.overrides import format_path
from mlops_compiler.write.writer import Change, apply_plan, plan_writes, replace_file

Patch = dict[str, Any]


@dataclass(frozen=True)
class Absorbed:
    """What absorb did to one file."""

    path: str
    patches: tuple[Patch, ...]


def absorb_edits(spec_path: Path, only: list[str]) -> list[Absorbed]:
    """Record the hand edits of ``only`` (or of every edited file) as overrides, then compile."""
    root = spec_path.parent
    tree = compile_spec(spec_path)
    plan = plan_writes(tree, root, spec_name=spec_path.name)
    edited = [f.path for f in plan.files if f.change in (Change.EDITED, Change.UNOWNED)]
    chosen = only or edited
    absorbed = [_absorb_one(root, tree, path, edited) for path in chosen]
    absorbed = [item for item in absorbed if item.patches]
    if not absorbed:
        return []
    original = spec_path.read_bytes()
    replace_file(root, spec_path.name, _with_patches(original, absorbed))
    try:
        _write_reproduced(spec_path, root, absorbed)
    except BaseException:
        replace_file(root, spec_path.name, original)
        raise
    return absorbed


def _absorb_one(root: Path, tree: OutputTree, path: str, edited: list[str]) -> Absorbed:
    if path not in tree.files:
        raise RefusedError(f"{path} is not a file this spec generates")
    if path not in edited:
        return Absorbed(path, ())
    if tree.files[path].format != "yaml":
        raise RefusedError(
            f"{path} is not YAML, so its edit cannot become patches",
            hint=f"set `overrides: {{{path}: {{mode: seed}}}}` in the spec to own the file",
        )
    generated = _data(tree.files[path].text, path)
    disk = _data((root / path).read_text(encoding="utf-8"), path)
    return Absorbed(path, tuple(diff_to_patches(generated, disk)))


def _data(text: str, path: str) -> Any:
    try:
        return load_spec_bytes(text.encode("utf-8"), Path(path)).data
    except SpecError as exc:
        first = exc.diagnostics[0]
        where = f":{first.span.line}:{first.span.column}" if first.span else ""
        raise RefusedError(
            f"{path}{where}: cannot read the edited file: {first.message}",
            hint="fix the YAML first; absorb records data, so the file must parse",
        ) from None


def diff_to_patches(generated: Any, edited: Any, at: Loc = ()) -> list[Patch]:
    """The fewest set/delete/append patches that turn ``generated`` into ``edited``."""
    if isinstance(generated, dict) and isinstance(edited, dict):
        patches: list[Patch] = []
        for key in generated:
            if key not in edited:
                patches.append({"delete": format_path([*at, key])})
        for key, value in edited.items():
            if key not in generated:
                patches.append({"set": format_path([*at, key]), "value": value})
            else:
                patches += diff_to_patches(generated[key], value, (*at, key))
        return patches
    grown = (
        isinstance(generated, list) and isinstance(edited, list) and len(edited) > len(generated)
    )
    if grown and edited[: len(generated)] == generated:
        path = format_path(list(at))
        return [{"append": path, "value": item} for item in edited[len(generated) :]]
    if generated == edited and type(generated) is type(edited):
        return []
    return [{"set": format_path(list(at)), "value": edited}]


def _with_patches(spec_bytes: bytes, absorbed: list[Absorbed]) -> bytes:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    document = yaml.load(spec_bytes)
    overrides = document.setdefault("overrides", CommentedMap())
    for item in absorbed:
        entry = overrides.setdefault(item.path, CommentedMap())
        patches = entry.setdefault("patches", CommentedSeq())
        for patch in item.patches:
            patches.append(CommentedMap(patch))
    stream = io.BytesIO()
    yaml.dump(document, stream)
    return stream.getvalue()


def _write_reproduced(spec_path: Path, root: Path, absorbed: list[Absorbed]) -> None:
    """Compile the patched spec; write only if it reproduces every absorbed file's data."""
    tree = compile_spec(spec_path)
    for item in absorbed:
        if _data(tree.files[item.path].text, item.path) != _data(
            (root / item.path).read_text(encoding="utf-8"), item.path
        ):
            raise InternalError(f"absorbing {item.path} did not reproduce its data")
    plan = plan_writes(tree, root, spec_name=spec_path.name)
    others = [f.path for f in plan.conflicts if f.path not in {a.path for a in absorbed}]
    if others:
        raise RefusedError(
            "other files were edited too: " + ", ".join(others),
            hint="absorb them as well (`mlops absorb` with no file names), or restore them",
        )
    apply_plan(plan, force=True)
