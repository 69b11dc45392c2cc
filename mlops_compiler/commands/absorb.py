"""`mlops absorb`: write hand edits of generated files back into mlops.yaml.

An edited value goes to the spec field that owns it (``families/owners.py``): a `dvc exp run -S`
edit of params.yaml to `params:`, a dvc.yaml stage edit to `pipeline.stages`, a `dvc remote add`
to `data:`, a Dependabot or Renovate pin bump in a workflow to `ci.actions`. Only what no field
says becomes an `overrides:` patch. mlops.yaml is edited in place (``spec_edit``): the user's
indentation, quoting, comments and key order stay, and its diff is the changed lines. Nothing is
written unless the edited spec really reproduces every absorbed file's data.
"""

from __future__ import annotations

import io
import re
from dataclasses import field
from pathlib import Path
from typing import Any

from mlops_compiler.commands.spec_edit import EditError, SpecEditor
from mlops_compiler.compiler import compile_spec
from mlops_compiler.dataclass import dataclass
from mlops_compiler.errors import Loc, RefusedError, Severity, SpecError
from mlops_compiler.families.delivery.pins import PINS
from mlops_compiler.families.owners import owner
from mlops_compiler.load.loader import load_spec_bytes
from mlops_compiler.load.repository import without_up
from mlops_compiler.render.engine import OutputTree
from mlops_compiler.render.overrides import format_path
from mlops_compiler.write.writer import Change, apply_plan, plan_writes, replace_file

Patch = dict[str, Any]

_VERSION = re.compile(r"^v[0-9]+(\.[0-9]+){0,2}$")


@dataclass(frozen=True)
class Edit:
    """One change of a generated file, as data: `set`, `delete` or `append` at ``loc``."""

    op: str
    loc: Loc
    value: Any = None

    @property
    def patch(self) -> Patch:
        """The edit as an `overrides:` patch."""
        if self.op == "delete":
            return {"delete": format_path(list(self.loc))}
        return {self.op: format_path(list(self.loc)), "value": self.value}


@dataclass(frozen=True)
class Absorbed:
    """What absorb did to one file: spec fields it set, and patches no field could say."""

    path: str
    patches: tuple[Patch, ...]
    fields: tuple[str, ...] = field(default=())


class NotAbsorbableError(RefusedError):
    """mlops.yaml cannot say an edit: no spec reproduces the edited file (exit 3, nothing
    written). A limit of what the spec can express, not a bug: the edit stays in the file."""


@dataclass
class _Routed:
    path: str
    fields: list[tuple[str, Loc, Any]]
    """(op, spec location, value) to write into the section that owns the value."""
    patches: list[Patch]


def absorb_edits(spec_path: Path, only: list[str]) -> list[Absorbed]:
    """Write the hand edits of ``only`` (or of every edited file) into the spec, then compile."""
    root = spec_path.parent
    tree = compile_spec(spec_path)
    plan = plan_writes(tree, root, spec_name=spec_path.name)
    edited = [f.path for f in plan.files if f.change in (Change.EDITED, Change.UNOWNED)]
    chosen = only or edited
    spec_data = load_spec_bytes(spec_path.read_bytes(), spec_path).data
    routed = [_route(root, tree, path, edited, spec_data) for path in chosen]
    routed = [item for item in routed if item.fields or item.patches]
    if not routed:
        return []
    original = spec_path.read_bytes()
    reason = ""
    for attempt in (routed, [_as_overrides(root, tree, item) for item in routed]):
        replace_file(root, spec_path.name, _edited_spec(original, spec_path, attempt))
        try:
            _write_reproduced(spec_path, root, [item.path for item in attempt])
        except (SpecError, NotAbsorbableError) as exc:
            replace_file(root, spec_path.name, original)
            reason = _reason(exc)
            if all(not item.fields for item in attempt):
                if isinstance(exc, SpecError):
                    raise  # the patches themselves are refused (a policy): the spec error says why
                break
            continue  # a routed field did not reproduce the file: keep the edit as overrides
        except BaseException:
            replace_file(root, spec_path.name, original)
            raise
        return [
            Absorbed(item.path, tuple(item.patches), tuple(_dotted(f[1]) for f in item.fields))
            for item in attempt
        ]
    paths = ", ".join(item.path for item in routed)
    raise NotAbsorbableError(
        f"cannot absorb {paths}: {spec_path.name} cannot say this edit ({reason});"
        " nothing was written",
        hint=_undo(paths, spec_path.name),
    )


def _undo(paths: str, spec_name: str) -> str:
    """What to do with an edit that cannot be absorbed."""
    undo = f"undo the edit (`git checkout -- {paths}`)"
    if paths == ".dvc/config":
        return (
            f"{undo} and say it under `data:` in {spec_name}; settings only this machine needs"
            " go in .dvc/config.local (`dvc config --local`, `dvc remote modify --local`),"
            " which compile never reads"
        )
    return (
        f"{undo} and make it in {spec_name}, or take the file over with"
        f" `overrides: {{{paths}: {{mode: seed}}}}`"
    )


def _reason(exc: SpecError | NotAbsorbableError) -> str:
    """Why the edited spec did not reproduce the file, in one line without positions (the
    positions would be those of an edited spec that was never kept)."""
    if isinstance(exc, NotAbsorbableError):
        return str(exc)
    messages = [d.message for d in exc.diagnostics if d.severity is Severity.ERROR]
    first = messages[0] if messages else str(exc)
    more = f", and {len(messages) - 1} more" if len(messages) > 1 else ""
    return f"the spec it needs is invalid: {first}{more}"


def _route(root: Path, tree: OutputTree, path: str, edited: list[str], spec: Any) -> _Routed:
    if path not in tree.files:
        raise RefusedError(f"{path} is not a file this spec generates")
    if path not in edited:
        return _Routed(path, [], [])
    disk_text = (root / path).read_text(encoding="utf-8")
    if path == ".dvc/config":
        return _route_dvc_config(path, disk_text)
    if tree.files[path].format != "yaml":
        raise RefusedError(
            f"{path} is not YAML, so its edit cannot become patches",
            hint=f"set `overrides: {{{path}: {{mode: seed}}}}` in the spec to own the file",
        )
    generated = _data(tree.files[path].text, path)
    disk = _data(disk_text, path)
    routed = _Routed(path, [], [])
    for change in diff_edits(generated, disk):
        target = _pin_bump(path, change, generated, disk_text, spec)
        if target is None:
            target = _owned(path, change, spec)
        if target is not None:
            if target not in routed.fields:
                routed.fields.append(target)
        else:
            routed.patches.append(change.patch)
    return routed


def _owned(path: str, change: Edit, spec: Any) -> tuple[str, Loc, Any] | None:
    loc = owner(path, change.loc)
    if loc is None or change.op == "delete":
        return None
    return (change.op, loc, change.value)


def _pin_bump(
    path: str, change: Edit, generated: Any, disk_text: str, spec: Any
) -> tuple[str, Loc, Any] | None:
    """A bot's bump of `uses: action@sha # vX` in a workflow, as a `ci.actions` entry."""
    if (
        not without_up(path).startswith(".github/workflows/")  # a monorepo's: at the root
        or change.op != "set"
        or change.loc[-1:] != ("uses",)
    ):
        return None
    if not isinstance(spec, dict) or not isinstance(spec.get("ci"), dict):
        return None  # `ci.actions` lives in `ci:`; without it the bump stays an override
    old = _walk(generated, change.loc)
    new = change.value
    if not isinstance(old, str) or not isinstance(new, str):
        return None
    action, _, sha = new.partition("@")
    if (
        old.partition("@")[0] != action
        or action not in PINS
        or not re.fullmatch(r"[0-9a-f]{40}", sha)
    ):
        return None
    comment = re.search(rf"uses:\s*['\"]?{re.escape(new)}['\"]?\s+#\s*(\S+)", disk_text)
    version = comment.group(1) if comment else ""
    if not _VERSION.match(version):
        return None
    return ("set", ("ci", "actions", action), {"sha": sha, "version": version})


def _route_dvc_config(path: str, disk_text: str) -> _Routed:
    """`.dvc/config` as DVC's commands leave it, as the `data:` section that writes it."""
    from mlops_compiler.commands.importer.dvc import data_spec
    from mlops_compiler.commands.importer.readers import Unreadable, parse_text

    config = parse_text(disk_text, path, "ini")
    if isinstance(config, Unreadable):
        raise RefusedError(f"{path}: cannot read the edited file: {config}")
    data, problem = data_spec(config)
    if problem is not None or data is None:
        raise RefusedError(
            f"{path}: {problem or 'the edit leaves no remote'}",
            hint="keep credentials in .dvc/config.local (`dvc remote modify --local`)",
        )
    return _Routed(path, [("set", ("data",), data)], [])


def _as_overrides(root: Path, tree: OutputTree, item: _Routed) -> _Routed:
    """The old way: every change of the file as a patch (when a routed field did not fit)."""
    if not item.fields or tree.files[item.path].format != "yaml":
        return item
    generated = _data(tree.files[item.path].text, item.path)
    disk = _data((root / item.path).read_text(encoding="utf-8"), item.path)
    return _Routed(item.path, [], [change.patch for change in diff_edits(generated, disk)])


def _walk(data: Any, loc: Loc) -> Any:
    for part in loc:
        data = data[part]
    return data


def _dotted(loc: Loc) -> str:
    return ".".join(str(part) for part in loc)


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
    return [change.patch for change in diff_edits(generated, edited, at)]


def diff_edits(generated: Any, edited: Any, at: Loc = ()) -> list[Edit]:
    """The fewest set/delete/append edits that turn ``generated`` into ``edited``."""
    if isinstance(generated, dict) and isinstance(edited, dict):
        changes: list[Edit] = []
        for key in generated:
            if key not in edited:
                changes.append(Edit("delete", (*at, key)))
        for key, value in edited.items():
            if key not in generated:
                changes.append(Edit("set", (*at, key), value))
            else:
                changes += diff_edits(generated[key], value, (*at, key))
        return changes
    same_shape = (
        isinstance(generated, list)
        and isinstance(edited, list)
        and len(edited) == len(generated)
        and all(type(a) is type(b) for a, b in zip(generated, edited, strict=True))
    )
    if same_shape:
        return [
            change
            for index, (a, b) in enumerate(zip(generated, edited, strict=True))
            for change in diff_edits(a, b, (*at, index))
        ]
    grown = (
        isinstance(generated, list) and isinstance(edited, list) and len(edited) > len(generated)
    )
    if grown and edited[: len(generated)] == generated:
        return [Edit("append", at, item) for item in edited[len(generated) :]]
    if generated == edited and type(generated) is type(edited):
        return []
    return [Edit("set", at, edited)]


def _edited_spec(spec_bytes: bytes, spec_path: Path, routed: list[_Routed]) -> bytes:
    """The spec with every routed field set and every patch appended, edited in place."""
    text = spec_bytes.decode("utf-8")
    try:
        editor = SpecEditor(text, spec_path)
        for item in routed:
            for op, loc, value in item.fields:
                if op == "append":
                    editor.append(loc, value)
                else:
                    editor.set(loc, value)
            for patch in item.patches:
                editor.append(("overrides", item.path, "patches"), patch)
        return editor.result.encode("utf-8")
    except EditError:
        return _round_trip(spec_bytes, routed)


def _round_trip(spec_bytes: bytes, routed: list[_Routed]) -> bytes:
    """The same edits through ruamel's round trip: comments kept, layout maybe not."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    document = yaml.load(spec_bytes)
    for item in routed:
        for op, loc, value in item.fields:
            node = document
            for part in loc[:-1]:
                node = (
                    node.setdefault(part, CommentedMap()) if isinstance(node, dict) else node[part]
                )
            if op == "append":
                node.setdefault(loc[-1], CommentedSeq()).append(value)
            else:
                node[loc[-1]] = value
        if item.patches:
            overrides = document.setdefault("overrides", CommentedMap())
            entry = overrides.setdefault(item.path, CommentedMap())
            patches = entry.setdefault("patches", CommentedSeq())
            for patch in item.patches:
                patches.append(CommentedMap(patch))
    stream = io.BytesIO()
    yaml.dump(document, stream)
    return stream.getvalue()


def _write_reproduced(spec_path: Path, root: Path, paths: list[str]) -> None:
    """Compile the edited spec; write only if it reproduces every absorbed file's data."""
    tree = compile_spec(spec_path)
    for path in paths:
        if path not in tree.files:
            raise NotAbsorbableError(f"the edited spec no longer generates {path}")
        compiled = _read(tree.files[path].text, path)
        edited = _read((root / path).read_text(encoding="utf-8"), path)
        if compiled != edited:
            raise NotAbsorbableError(_difference(path, edited, compiled))
    plan = plan_writes(tree, root, spec_name=spec_path.name)
    others = [f.path for f in plan.conflicts if f.path not in set(paths)]
    if others:
        raise RefusedError(
            "other files were edited too: " + ", ".join(others),
            hint="absorb them as well (`mlops absorb` with no file names), or restore them",
        )
    apply_plan(plan, force=True)


def _difference(path: str, edited: Any, compiled: Any) -> str:
    """The first value that differs, as "`x` in the file, `y` from the spec"."""
    for change in diff_edits(compiled, edited):
        where = ".".join(str(part) for part in change.loc) or "the whole file"
        now = _walk_or_none(compiled, change.loc)
        wanted = "would not write it" if now is None else f"would write `{now}`"
        if change.op == "delete":
            return f"{path} has no `{where}`, and the spec {wanted}"
        return f"{path} says `{where}: {change.value}`, and the spec {wanted}"
    return f"compiling the spec does not give {path} back"


def _walk_or_none(data: Any, loc: Loc) -> Any:
    try:
        return _walk(data, loc)
    except (KeyError, IndexError, TypeError):
        return None


def _read(text: str, path: str) -> Any:
    """A generated file's data: YAML through the loader, .dvc/config as DVC reads it."""
    if path == ".dvc/config":
        from mlops_compiler.commands.importer.readers import parse_text

        return parse_text(text, path, "ini")
    return _data(text, path)
