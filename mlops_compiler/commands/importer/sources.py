"""Read what discovery found into sources: one per file that mlops.yaml can take over.

Every file found either becomes a ``Source`` (its data as its tool reads it, and the spec
fragment that models it) or a ``Skipped`` with the reason, a position for files that do not
parse. Nothing found is silently ignored.
"""

from __future__ import annotations

import copy
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from mlops_compiler.commands.importer import dvc, mlflow
from mlops_compiler.commands.importer.discovery import Found
from mlops_compiler.commands.importer.readers import (
    Reader,
    Unreadable,
    parse_text,
    read_file,
    read_text,
)

Kind = Literal["pipeline", "params", "dvc_config", "mlproject", "env", "file"]
ROOT_PARAMS = "params.yaml"
ROOT_CONFIG = ".dvc/config"
NO_ENVIRONMENT = (
    "it names no environment, so MLflow picks python_env.yaml or conda.yaml from its folder if"
    " there is one; mlops.yaml always names one: add `python_env:` or `conda_env:` to it, or"
    " `docker_env:`, and import again"
)


@dataclass
class Source:
    """One file mlops.yaml will model: what its tool reads, and the spec fragment for it."""

    path: str
    kind: Kind
    reader: Reader
    data: Any
    """The file's data as its owning tool reads it: what compile must reproduce."""
    fragment: Any
    """The spec's model of it (pruned where the spec cannot say it)."""
    parent: str | None = None
    """For an environment file: the MLproject that names it."""
    patches: list[dict[str, Any]] = field(default_factory=list)
    """`overrides` patches carrying verbatim what the fragment does not model."""
    reasons: list[str] = field(default_factory=list)
    """Why parts of it are carried verbatim (what `mlops validate` said about them)."""


Verdict = Literal["unreadable", "refused", "left"]
"""Why a file is not taken over: it does not parse; it should be but cannot be; or it is not
part of what mlops.yaml models (a params file no pipeline reads, a Dockerfile)."""


@dataclass(frozen=True)
class Skipped:
    """A file found but not taken over, and why."""

    path: str
    reason: str
    verdict: Verdict = "left"


@dataclass
class Sources:
    """Everything found, read."""

    adopted: list[Source] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def skip(self, path: str, reason: str, verdict: Verdict = "left") -> None:
        """Record a file that is not taken over."""
        self.skipped.append(Skipped(path, reason, verdict))


def read_sources(root: Path, found: Found) -> Sources:
    """Read every file ``found`` under ``root``."""
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
    return sources


def _read_verbatim(root: Path, found: Found, sources: Sources) -> None:
    """Workflows and Dockerfiles are carried as text; compared as what GitHub / Docker parse."""
    readers: list[tuple[str, Reader]] = [(path, "workflow") for path in found.workflows]
    readers += [(path, "dockerfile") for path in found.dockerfiles]
    for path, reader in readers:
        text = read_text(root, path)
        data = text if isinstance(text, Unreadable) else parse_text(text, path, reader)
        if isinstance(data, Unreadable):
            sources.skip(path, str(data), "unreadable")
        elif reader == "workflow" and not isinstance(data, dict):
            sources.skip(path, f"{path}: not a mapping of keys, as GitHub expects", "unreadable")
        else:
            sources.adopted.append(Source(path, "file", reader, data, {"text": text}))


def _read_mapping(root: Path, path: str, reader: Reader, sources: Sources) -> Any:
    data = read_file(root, path, reader)
    if isinstance(data, Unreadable):
        sources.skip(path, str(data), "unreadable")
        return None
    if not isinstance(data, dict):
        sources.skip(path, f"{path}: not a mapping of keys, as its tool expects", "unreadable")
        return None
    return data


def _read_params(root: Path, found: Found, read: list[str], sources: Sources) -> None:
    for path in read:
        if not (root / path).is_file():
            continue
        if not path.endswith((".yaml", ".yml")):
            sources.skip(path, "DVC reads it, but mlops writes params files as YAML only")
            continue
        data = _read_mapping(root, path, "dvc", sources)
        if data is not None:
            sources.adopted.append(Source(path, "params", "dvc", data, jsonable(data)))
    for path in found.params_files:
        if path not in read:
            sources.skip(path, "no dvc.yaml here reads it")


def _read_dvc_configs(root: Path, found: Found, sources: Sources) -> None:
    for path in found.dvc_configs:
        if path != ROOT_CONFIG:
            folder = posixpath.dirname(posixpath.dirname(path))
            sources.skip(
                path,
                f"{folder}/ is a DVC repository of its own; import it with"
                f" `mlops import {folder}` to take this file over",
            )
            continue
        config = read_file(root, path, "ini")
        if isinstance(config, Unreadable):
            sources.skip(path, str(config), "unreadable")
            continue
        fragment, why_not = dvc.data_spec(config)
        if fragment is None:
            sources.skip(path, str(why_not), "left" if why_not == dvc.SETS_NOTHING else "refused")
        else:
            sources.adopted.append(Source(path, "dvc_config", "ini", config, fragment))


def _read_mlprojects(root: Path, found: Found, sources: Sources) -> None:
    named: set[str] = set()
    for path in found.mlprojects:
        data = _read_mapping(root, path, "mlflow", sources)
        if data is None:
            continue
        if not set(data) & {"conda_env", "python_env", "docker_env"}:
            sources.skip(path, NO_ENVIRONMENT, "refused")
            continue
        env_path = mlflow.env_file(path, data)
        env_data = None
        if env_path is not None:
            named.add(env_path)
            if not (root / env_path).is_file():
                reason = f"the environment file it names, {env_path}, does not exist"
                sources.skip(path, reason, "refused")
                continue
            env_data = _read_mapping(root, env_path, "mlflow", sources)
            if env_data is None:
                sources.skip(path, f"its environment file {env_path} cannot be read", "refused")
                continue
        fragment = jsonable(mlflow.project_spec(data, None))
        sources.adopted.append(Source(path, "mlproject", "mlflow", data, fragment))
        if env_path is not None:
            env = Source(env_path, "env", "mlflow", env_data, jsonable(env_data), parent=path)
            sources.adopted.append(env)
    for path in found.env_files:
        if path not in named:
            sources.skip(path, "no MLproject names it")


def jsonable(value: Any) -> Any:
    """A deep copy with everything JSON cannot hold left out (it is carried, or reported)."""
    if isinstance(value, dict):
        return {
            key: jsonable(item)
            for key, item in value.items()
            if isinstance(key, str) and _holds_json(item)
        }
    if isinstance(value, list):
        return [jsonable(item) for item in value if _holds_json(item)]
    return copy.copy(value)


def _holds_json(value: Any) -> bool:
    return value is None or isinstance(value, bool | int | float | str | list | dict)
