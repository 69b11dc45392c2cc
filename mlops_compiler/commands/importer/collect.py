"""Every file discovery found, read into a source: modelled by a section (pipelines, params,
MLprojects, Dockerfiles into `images`, workflows into `ci`, `cd`, `retraining`) or carried
verbatim, each refusal with its reason.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from mlops_compiler.commands.importer import dvc
from mlops_compiler.commands.importer.comments import (
    read_comments,
    section_comments,
)
from mlops_compiler.commands.importer.discovery import Found
from mlops_compiler.commands.importer.docker_model import (
    ImageModel,
    base_python,
    model_dockerfile,
)
from mlops_compiler.commands.importer.readers import (
    Reader,
    Unreadable,
    read_text,
)
from mlops_compiler.commands.importer.sources import (
    Source,
    Sources,
    _read_dvc_configs,
    _read_mapping,
    _read_mlprojects,
    _read_params,
    _text_or_none,
    _verbatim,
    jsonable,
)
from mlops_compiler.commands.importer.workflow_model import (
    WorkflowModel,
    merge_ci,
    model_workflow,
)


def read_sources(root: Path, found: Found, *, keep_behaviour: bool = False) -> Sources:
    """Read every file ``found`` under ``root``.

    ``keep_behaviour``: carry Dockerfiles verbatim where the generated one would differ.
    """
    sources = Sources()
    params_read: list[str] = []
    for path in found.pipelines:
        data = _read_mapping(root, path, "dvc", sources)
        if data is not None:
            fragment = jsonable(dvc.pipeline_spec(data))
            sources.adopted.append(Source(path, "pipeline", "dvc", data, fragment))
            params_read += dvc.files_read(path, data)
    _read_params(root, found, list(dict.fromkeys(params_read)), sources)
    _read_dvc_configs(root, found, sources)
    _read_mlprojects(root, found, sources)
    _read_verbatim(root, found, sources)
    _model_images(root, sources, keep_behaviour=keep_behaviour)
    _model_workflows(root, sources, keep_behaviour=keep_behaviour)
    for source in sources.adopted:
        if source.reader in ("dvc", "mlflow"):
            text = read_text(root, source.path)
            if isinstance(text, str):
                source.comments = read_comments(text)
        elif source.kind in ("image", "workflow"):
            source.comments = section_comments(source.text, source.reader)
    return sources


def _read_verbatim(root: Path, found: Found, sources: Sources) -> None:
    """Workflows and Dockerfiles are carried as text; compared as what GitHub / Docker parse."""
    readers: list[tuple[str, Reader]] = [(path, "workflow") for path in found.workflows]
    readers += [(path, "dockerfile") for path in found.dockerfiles]
    for path, reader in readers:
        read = _verbatim(root, path, reader)
        if isinstance(read, Unreadable):
            sources.skip(path, str(read), "unreadable")
        else:
            source = Source(path, "file", reader, read[1], {"text": read[0]}, text=read[0])
            sources.adopted.append(source)


def _model_images(root: Path, sources: Sources, *, keep_behaviour: bool) -> None:
    """Dockerfiles `images` can say become `images.train` / `images.serve` (one of each)."""
    taken: list[ImageModel] = []
    for source in sources.adopted:
        if source.kind != "file" or source.reader != "dockerfile":
            continue
        model = model_dockerfile(source.path, source.data, lambda name: _text_or_none(root, name))
        why = model if isinstance(model, str) else _image_conflict(root, model, taken)
        if why is None and keep_behaviour and isinstance(model, ImageModel):
            why = (
                "--keep-behaviour: the generated Dockerfile would differ ("
                + "; ".join(model.differences)
                + ")"
            )
        if why is not None or not isinstance(model, ImageModel):
            source.verbatim = why or ""
            continue
        taken.append(model)
        source.kind, source.image, source.fragment = "image", model, model.image


def _model_workflows(root: Path, sources: Sources, *, keep_behaviour: bool) -> None:
    """Workflows `ci`, `cd` or `retraining` can say become those sections (one file each)."""
    taken: dict[str, Source] = {}
    images = {
        source.image.image["dockerfile"]: source.image.name
        for source in sources.adopted
        if source.image is not None
    }
    for source in sources.adopted:
        if source.kind != "file" or source.reader != "workflow":
            continue
        model = model_workflow(source.data)
        if isinstance(model, str):
            source.verbatim = model
            continue
        first = taken.get(model.section)
        if first is not None and first.workflow is not None and model.section == "ci":
            merged = merge_ci(first.workflow, model, (first.path, source.path))
            if isinstance(merged, str):
                source.verbatim = merged
            else:
                _merge(sources, first, source, merged)
            continue
        why = _workflow_conflict(root, source.path, model, taken, images)
        if why is None and keep_behaviour:
            why = (
                "--keep-behaviour: the generated workflow would differ ("
                + "; ".join(model.differences)
                + ")"
            )
        if why is not None:
            source.verbatim = why
            continue
        model = _with_image_python(model, sources)
        if model.section == "cd":
            names = [images[path] for path in model.dockerfiles]
            model.fragment["images"] = list(dict.fromkeys(names))
        taken[model.section] = source
        source.kind, source.workflow, source.fragment = "workflow", model, model.fragment


def _merge(sources: Sources, first: Source, second: Source, merged: WorkflowModel) -> None:
    """Both workflows are modelled by the one `ci`; the first holds the carried steps."""
    for source in sources.adopted:
        if source.workflow is not None and source.workflow.section == "ci":
            source.workflow = replace(merged, patches=())
            source.fragment = merged.fragment
    first.workflow = merged
    second.kind, second.workflow, second.fragment = (
        "workflow",
        replace(merged, patches=()),
        merged.fragment,
    )


def _with_image_python(model: WorkflowModel, sources: Sources) -> WorkflowModel:
    """The images' base sets `project.python`: a workflow asking for another one is told so."""
    bases = [s.image.base for s in sources.adopted if s.image is not None]
    python = next((p for p in map(base_python, bases) if p is not None), None)
    if python is None or model.python in (None, python):
        return model
    differences = []
    said = False
    for difference in model.differences:
        matrix = difference.startswith(f"runs on Python {model.python} only, not each of ")
        if matrix and python in difference.rsplit(" not each of ", 1)[1].split(", "):
            difference = difference.replace(
                f"Python {model.python}", f"Python {python} (the images' base)", 1
            )
            said = True
        differences.append(difference)
    if not said:
        differences.append(f"sets up Python {python} (the images' base), not {model.python}")
    return replace(model, python=python, differences=tuple(differences))


def _workflow_conflict(
    root: Path, path: str, model: WorkflowModel, taken: dict[str, Source], images: dict[str, Any]
) -> str | None:
    """Why ``model`` cannot be its section: taken, its file kept, or its images not modelled."""
    if model.section in taken:
        return f"`{model.section}` already models {taken[model.section].path} (one workflow each)"
    if model.target != path and (root / model.target).exists():
        return f"{model.target} exists and is kept; `{model.section}` would write over it"
    missing = [dockerfile for dockerfile in model.dockerfiles if dockerfile not in images]
    if missing:
        return (
            f"it builds {missing[0]}, which `images` does not model; `cd` builds the images"
            " `images` declares"
        )
    return None


def _image_conflict(root: Path, model: ImageModel, taken: list[ImageModel]) -> str | None:
    """Why ``model`` cannot join the images already modelled (they share one `images`).

    A .dockerignore already there is no reason: import keeps it (see ``_Session._conflicts``).
    """
    if model.requirements is not None and not (root / model.requirements).is_file():
        return f"{model.requirements} is not at the repository root, where `images` builds"
    for other in taken:
        if other.name == model.name:
            return f"`images.{model.name}` already models {other.image['dockerfile']}"
        shared = (other.base, other.digest, other.uid, other.requirements, other.packages)
        if shared != (model.base, model.digest, model.uid, model.requirements, model.packages):
            return (
                f"`images` has one base, user and set of requirements, and"
                f" {other.image['dockerfile']} has others"
            )
    return None
