"""`mlops build [IMAGE]`: build the generated images with the Docker SDK for Python.

The Dockerfiles on disk must be the ones the spec generates (`mlops compile` first), so an
image is always built from reviewed files. The build log streams through ``echo``; nothing
here prints.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mlops_compiler.errors import HintedError, UsageError


class EngineError(HintedError):
    """No Docker engine answered, or it failed to build an image."""

    exit_code = 4


def build_images(
    spec_path: Path, image: str | None, *, tag: str, echo: Callable[[str], None]
) -> list[str]:
    """Build every image the spec declares (or only ``image``); the references built."""
    _check_tag(tag)
    from mlops_compiler.compiler import compile_document
    from mlops_compiler.load.loader import load_spec_file

    project, tree = compile_document(load_spec_file(spec_path))
    dockerfiles = project.delivery.dockerfiles if project.delivery else ()
    if image is not None:
        dockerfiles = tuple(d for d in dockerfiles if d.name == image)
    if not dockerfiles:
        wanted = f"`{image}` image" if image else "image"
        raise UsageError(
            f"{spec_path} declares no {wanted}", hint="declare it under `images:` in the spec"
        )
    root = spec_path.parent
    texts = tree.texts()
    for dockerfile in dockerfiles:
        path = root / dockerfile.path
        if not path.is_file() or path.read_text(encoding="utf-8") != texts[dockerfile.path]:
            raise UsageError(
                f"{dockerfile.path} is missing or differs from what {spec_path.name} generates",
                hint="run `mlops compile` first",
            )
    client = _client()
    built = []
    for dockerfile in dockerfiles:
        reference = f"{project.name}-{dockerfile.name}:{tag}"
        echo(f"mlops: building {reference} from {dockerfile.path}\n")
        _build(client, root, dockerfile.path, reference, echo)
        built.append(reference)
    return built


def _check_tag(tag: str) -> None:
    """Docker's tag grammar; a whole reference (`name:tag`) once became `demo-train:name:tag`."""
    import re

    if re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}", tag):
        return
    if ":" in tag or "/" in tag:
        raise UsageError(
            f"--tag takes only a tag, not an image reference: `{tag}`",
            hint="the images are named PROJECT-IMAGE (e.g. demo-train); pass the part after"
            f" the colon: --tag {tag.rpartition(':')[2] or 'local'}",
        )
    raise UsageError(
        f"invalid tag `{tag}`",
        hint="a tag is up to 128 letters, digits, `_`, `.` and `-`, not starting with `.` or `-`",
    )


def _client() -> Any:
    try:
        import docker
    except ImportError as exc:  # pragma: no cover - docker is a dependency of the verify extra
        raise EngineError(
            "the Docker SDK for Python is not installed", hint="pip install docker"
        ) from exc
    where = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
    try:
        client = docker.from_env(timeout=30)
        client.ping()
    except docker.errors.DockerException as exc:
        raise EngineError(
            f"no Docker engine is reachable at {where}: {_first_line(exc)}",
            hint="start Docker (or point DOCKER_HOST at a running engine) and try again",
        ) from None
    return client


def _build(
    client: Any, root: Path, dockerfile: str, reference: str, echo: Callable[[str], None]
) -> None:
    import docker

    try:
        stream = client.api.build(
            path=str(root),
            dockerfile=dockerfile,
            tag=reference,
            rm=True,
            forcerm=True,
            pull=False,
            decode=True,
        )
        for chunk in stream:
            if "stream" in chunk:
                echo(str(chunk["stream"]))
            if "error" in chunk:
                raise EngineError(
                    f"building {reference} failed: {_first_line(chunk['error'])}",
                    hint="the build log above shows the step that failed",
                )
    except docker.errors.DockerException as exc:
        raise EngineError(f"building {reference} failed: {_first_line(exc)}") from None


def _first_line(error: object) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
