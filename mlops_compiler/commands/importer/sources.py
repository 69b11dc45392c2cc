"""Read what discovery found into sources: one per file that mlops.yaml can take over.

Every file found either becomes a ``Source`` (its data as its tool reads it, and the spec
fragment that models it) or a ``Skipped`` with the reason, a position for files that do not
parse. Nothing found is silently ignored.
"""

from __future__ import annotations

import copy
import posixpath
from dataclasses import field
from pathlib import Path
from typing import Any, Literal

from mlops_compiler.commands.importer import dvc, mlflow
from mlops_compiler.commands.importer.carry import same_data
from mlops_compiler.commands.importer.comments import (
    FileComments,
)
from mlops_compiler.commands.importer.discovery import Found
from mlops_compiler.commands.importer.docker_model import (
    ImageModel,
)
from mlops_compiler.commands.importer.readers import (
    Reader,
    Unreadable,
    parse_text,
    read_file,
    read_text,
)
from mlops_compiler.commands.importer.textform import carriable_text
from mlops_compiler.commands.importer.workflow_model import (
    WorkflowModel,
)
from mlops_compiler.dataclass import dataclass

Kind = Literal["pipeline", "params", "dvc_config", "mlproject", "env", "image", "workflow", "file"]
ROOT_PARAMS = "params.yaml"
ROOT_CONFIG = ".dvc/config"


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
    comments: FileComments = field(default_factory=FileComments)
    """Its comments, by the data path of what they describe (they move to mlops.yaml)."""
    image: ImageModel | None = None
    """For a Dockerfile `images` models: what it says, and how the generated file differs."""
    workflow: WorkflowModel | None = None
    """For a workflow `ci`, `cd` or `retraining` models: what it says, what is carried, and
    how the generated workflow differs."""
    verbatim: str = ""
    """For a file carried under `files:`: why it is not modelled."""
    text: str = ""
    """For a workflow or Dockerfile: the text `files:` would carry."""

    def carry_verbatim(self, why: str) -> None:
        """Model it no longer: carry it as text under `files:`, saying why."""
        self.kind, self.fragment, self.verbatim = "file", {"text": self.text}, why
        self.image, self.workflow, self.comments = None, None, FileComments()


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


def _text_or_none(root: Path, name: str) -> str | None:
    text = read_text(root, name)
    return text if isinstance(text, str) else None


def _verbatim(root: Path, path: str, reader: Reader) -> tuple[str, Any] | Unreadable:
    """The text mlops.yaml carries for a verbatim file and its data, or why it cannot."""
    text = read_text(root, path)
    if isinstance(text, Unreadable):
        return text
    carried = carriable_text(text, path, reader)  # first: it has positions where YAML has none
    if isinstance(carried, Unreadable):
        return carried
    # YAML reads CRLF and CR as line breaks itself; Docker drops the CR before an LF
    original = parse_text(
        text if reader == "workflow" else text.replace("\r\n", "\n"), path, reader
    )
    if isinstance(original, Unreadable):
        return original
    if reader == "workflow" and not isinstance(original, dict):
        return Unreadable(path, "not a mapping of keys, as GitHub expects")
    if not same_data(parse_text(carried, path, reader), original):
        return Unreadable(path, "its line ends cannot be made LF without changing what it says")
    return carried, original


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
            sources.skip(
                path, _nested_repository(posixpath.dirname(posixpath.dirname(path)), sources)
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


def _nested_repository(folder: str, sources: Sources) -> str:
    """Why a nested DVC repository's .dvc/config is left, and what to do (if anything).

    `mlops import FOLDER` is advised only when this spec models nothing of FOLDER: otherwise
    two specs would own the same dvc.yaml.
    """
    modelled = [s.path for s in sources.adopted if s.path.startswith(f"{folder}/")]
    if not modelled:
        return (
            f"{folder}/ is a DVC repository of its own; import it with"
            f" `mlops import {folder}` to take this file over"
        )
    return (
        f"{folder}/ is a DVC repository of its own, and this mlops.yaml already models"
        f" {', '.join(modelled)}; its .dvc/config stays as it is (importing {folder}/ as well"
        " would make two specs own those files)"
    )


def _read_mlprojects(root: Path, found: Found, sources: Sources) -> None:
    named: set[str] = set()
    for path in found.mlprojects:
        data = _read_mapping(root, path, "mlflow", sources)
        if data is None:
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
