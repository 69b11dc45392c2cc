"""Assemble the spec from the sources' fragments, and map spec locations back to sources.

The root dvc.yaml goes under `pipeline` only when the root params.yaml is imported too (a
root `pipeline` always generates params.yaml, which must not replace a file that is not
imported); otherwise it is `pipelines: {dvc.yaml: ...}`, which generates nothing else.
"""

from __future__ import annotations

import copy
import re
from dataclasses import field
from typing import Any

from mlops_compiler.commands.importer.comments import place
from mlops_compiler.commands.importer.docker_model import base_python
from mlops_compiler.commands.importer.sources import ROOT_PARAMS, Source
from mlops_compiler.dataclass import dataclass
from mlops_compiler.errors import Loc

ROOT_PIPELINE = "dvc.yaml"


@dataclass(frozen=True)
class Assembled:
    """The spec's data, its comments, and which source each section came from."""

    spec: dict[str, Any]
    comments: dict[Loc, str]
    owners: dict[Loc, Source]
    above: dict[Loc, list[str]] = field(default_factory=dict)
    """The imported files' own comments, above the keys they describe (`comments.py`)."""
    beside: dict[Loc, str] = field(default_factory=dict)
    """The imported files' own end-of-line comments, by the key they end the line of."""


def assemble(name: str, sources: list[Source]) -> Assembled:
    """The spec for ``sources``, in the order a person reads a spec."""
    by_kind = {kind: [s for s in sources if s.kind == kind] for kind in _KINDS}
    root_pipeline = next((s for s in by_kind["pipeline"] if s.path == ROOT_PIPELINE), None)
    root_params = next((s for s in by_kind["params"] if s.path == ROOT_PARAMS), None)
    pipeline_at_root = (
        root_pipeline is not None
        and root_params is not None
        and isinstance(root_pipeline.fragment.get("stages"), dict)
        and bool(root_pipeline.fragment["stages"])
    )
    spec: dict[str, Any] = {"version": 1, "project": {"name": name}}
    owners: dict[Loc, Source] = {}
    if root_params is not None and (root_params.fragment or pipeline_at_root):
        owners[("params",)] = root_params
    for source in by_kind["dvc_config"]:
        owners[("data",)] = source
    if pipeline_at_root and root_pipeline is not None:
        owners[("pipeline",)] = root_pipeline
    for source in by_kind["pipeline"]:
        if source is not root_pipeline or not pipeline_at_root:
            owners[("pipelines", source.path)] = source
    for source in by_kind["params"]:
        if ("params",) not in owners or source is not root_params:
            owners[("params_files", source.path)] = source
    for source in by_kind["mlproject"]:
        owners[("mlflow_projects", source.path)] = source
        environment = source.fragment.get("environment")
        for env in by_kind["env"]:
            if env.parent == source.path and isinstance(environment, dict):
                owners[("mlflow_projects", source.path, "environment", "content")] = env
    comments: dict[Loc, str] = {}
    above: dict[Loc, list[str]] = {}
    beside: dict[Loc, str] = {}
    for loc, source in owners.items():
        _put(spec, loc, copy.deepcopy(source.fragment))
        comments[loc] = f"from {source.path}"
        _place_comments(loc, source, beside, above)
    for source in by_kind["image"]:
        _put_image(spec, source, owners, comments)
        _place_comments(
            ("images", source.image.name if source.image else ""), source, beside, above
        )
    for source in by_kind["workflow"]:
        _put_workflow(spec, source, owners, comments)
        if source.workflow is not None:
            _place_comments((source.workflow.section,), source, beside, above)
    for source in by_kind["file"]:
        owners[("files", source.path)] = source
        _put(spec, ("files", source.path), copy.deepcopy(source.fragment))
        comments[("files", source.path)] = f"from {source.path}"
    patched = [s for s in sources if s.patches]
    if patched:
        spec["overrides"] = {s.path: {"patches": s.patches} for s in patched}
        for source in patched:
            comments[("overrides", source.path)] = "what mlops.yaml does not model, kept verbatim"
    for source in by_kind["workflow"]:
        model = source.workflow
        if model is not None and model.patches:
            target = model.target
            spec.setdefault("overrides", {})[target] = {"patches": list(model.patches)}
            owners[("overrides", target)] = source
            comments[("overrides", target)] = (
                f"the steps of {source.path} the spec has no place for"
            )
    return Assembled(spec, comments, owners, above, beside)


def _place_comments(
    loc: Loc, source: Source, beside: dict[Loc, str], above: dict[Loc, list[str]]
) -> None:
    """A file's comments at the spec locations of what they describe (rule: `comments.py`)."""
    for path, lines in source.comments.above.items():
        target, _ = place(source.fragment, path)
        above.setdefault((*loc, *target), []).extend(lines)
    for path, text in source.comments.beside.items():
        target, exact = place(source.fragment, path)
        if exact and target and not _block_item(source.fragment, target):
            beside[(*loc, *target)] = text
        else:
            above.setdefault((*loc, *target), []).append(text)


def _block_item(fragment: Any, path: Loc) -> bool:
    """A list item holding a mapping or list: a comment at the end of its `-` line reads as
    belonging to nothing, so it goes above the item."""
    node = fragment
    for part in path:
        node = node[part]
    return isinstance(path[-1], int) and isinstance(node, dict | list) and bool(node)


_KINDS = ("pipeline", "params", "dvc_config", "mlproject", "env", "image", "workflow", "file")


def _put_image(
    spec: dict[str, Any], source: Source, owners: dict[Loc, Source], comments: dict[Loc, str]
) -> None:
    """`images.train` / `images.serve` and what they share: the base, the user, and the
    requirements (`project.requirements` or `project.dependencies`)."""
    model = source.image
    if model is None:  # pragma: no cover - every source of kind "image" has its model
        return
    images = spec.setdefault("images", {})
    images["base"] = model.base
    python = base_python(model.base)
    if python is not None:  # the check wants the base's Python to be the project's
        spec["project"].setdefault("python", python)
    if model.digest is not None:
        images["base_digest"] = model.digest
    if model.uid is not None:
        images["uid"] = model.uid
    images[model.name] = copy.deepcopy(model.image)
    owners[("images", model.name)] = source
    comments[("images", model.name)] = f"from {source.path}"
    if model.requirements is not None:
        spec["project"]["requirements"] = model.requirements
    elif model.packages:
        spec["project"]["dependencies"] = list(model.packages)


def _put_workflow(
    spec: dict[str, Any], source: Source, owners: dict[Loc, Source], comments: dict[Loc, str]
) -> None:
    """`ci`, `cd` or `retraining`, and what they share: `project.python`, `images.registry`."""
    model = source.workflow
    if model is None:  # pragma: no cover - every source of kind "workflow" has its model
        return
    spec[model.section] = copy.deepcopy(model.fragment)
    owners[(model.section,)] = source
    comments[(model.section,)] = f"from {source.path}"
    if model.python is not None:
        spec["project"].setdefault("python", model.python)
    if model.registry is not None and "images" in spec:
        spec["images"]["registry"] = dict(model.registry)


def _put(spec: dict[str, Any], loc: Loc, value: Any) -> None:
    node = spec
    for part in loc[:-1]:
        node = node.setdefault(part, {})  # type: ignore[arg-type]
    node[loc[-1]] = value  # type: ignore[index]


def owner_of(assembled: Assembled, loc: Loc) -> tuple[Source, Loc] | None:
    """The source a spec location belongs to, and the location inside its fragment."""
    for size in range(len(loc), 0, -1):
        source = assembled.owners.get(loc[:size])
        if source is not None:
            return source, loc[size:]
    if len(loc) >= 2 and loc[0] == "overrides":
        for source in assembled.owners.values():
            if source.path == loc[1]:
                return source, ()
    return None


def prune(fragment: Any, loc: Loc) -> bool:
    """Delete the node at ``loc`` (or its deepest existing ancestor) from ``fragment``.

    Returns False when nothing below the fragment's top can be deleted.
    """
    node: Any = fragment
    parents: list[tuple[Any, str | int]] = []
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            parents.append((node, part))
            node = node[part]  # type: ignore[index]  # checked above: a key, or an index in range
        else:
            break
    if not parents:
        return False
    container, part = parents[-1]
    if part in STAND_INS and container[part] != STAND_INS[part]:
        container[part] = STAND_INS[part]  # required: a stand-in keeps the rest valid
    else:
        del container[part]
    return True


STAND_INS = {"cmd": "true", "command": "true"}
"""Required keys get a harmless value instead of being deleted; the patch restores the real one."""


def slug(name: str) -> str:
    """A project name the spec accepts, from a folder name (`My Repo` becomes `my-repo`)."""
    text = re.sub(r"[^a-z0-9_-]+", "-", name.lower()).strip("-_")
    return text[:100] or "project"
