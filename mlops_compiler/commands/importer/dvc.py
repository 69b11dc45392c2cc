"""DVC's files in the spec's vocabulary: dvc.yaml as a pipeline, .dvc/config as `data`.

`pipeline` speaks DVC's own vocabulary, so a dvc.yaml maps over nearly key for key; only an
output with options changes shape (`{path: {cache: false}}` becomes `{path, cache: false}`).
Whatever does not fit the spec is left for the caller to carry verbatim.
"""

from __future__ import annotations

import posixpath
from typing import Any

from mlops_compiler.families.dvc.config import SECRET_OPTIONS

OUTPUT_FIELDS = ("outs", "metrics", "plots")
_KINDS = {"s3": "s3", "gs": "gs", "azure": "azure", "ssh": "ssh", "http": "http", "https": "http"}
_REMOTE_OPTIONS = {
    "s3": ("region", "profile", "endpointurl"),
    "gs": ("projectname",),
    "azure": ("account_name",),
    "ssh": ("port", "user"),
    "http": ("auth", "user"),
    "local": (),
}
SETS_NOTHING = "it sets nothing"
_NAME_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")


def pipeline_spec(data: dict[str, Any]) -> dict[str, Any]:
    """A dvc.yaml's data as a `pipeline` section."""
    spec = dict(data)
    if isinstance(spec.get("stages"), dict):
        spec["stages"] = {name: _stage(stage) for name, stage in spec["stages"].items()}
    return spec


def _stage(stage: Any) -> Any:
    if not isinstance(stage, dict):
        return stage
    body = _body(stage)
    if isinstance(body.get("do"), dict):
        body["do"] = _body(body["do"])
    return body


def _body(body: dict[str, Any]) -> dict[str, Any]:
    body = dict(body)
    for name in OUTPUT_FIELDS:
        if isinstance(body.get(name), list):
            body[name] = [_path_entry(entry) for entry in body[name]]
    return body


def _path_entry(entry: Any) -> Any:
    if isinstance(entry, dict) and len(entry) == 1:
        ((path, options),) = entry.items()
        if isinstance(path, str) and isinstance(options, dict) and "path" not in options:
            return {"path": path, **options}
    return entry


def files_read(pipeline_path: str, data: dict[str, Any]) -> list[str]:
    """The params and vars files a dvc.yaml reads, relative to the repository root.

    DVC resolves a stage's params files from its `wdir`, top-level `vars` and `params` from the
    dvc.yaml's folder, and always loads the params.yaml beside the dvc.yaml for `${}`.
    Interpolated paths cannot be known before DVC runs, and are left out.
    """
    folder = posixpath.dirname(pipeline_path)
    found = [_join(folder, "params.yaml")]
    found += [_join(folder, file) for file in _vars_files(data.get("vars"))]
    found += [_join(folder, file) for file in _strings(data.get("params"))]
    stages = data.get("stages")
    for stage in stages.values() if isinstance(stages, dict) else ():
        body = stage.get("do", stage) if isinstance(stage, dict) else None
        if not isinstance(body, dict):
            continue
        wdir = body.get("wdir")
        wdir = wdir if isinstance(wdir, str) else "."
        if "${" in wdir:
            continue
        base = _join(folder, wdir)
        found += [_join(base, file) for file in _vars_files(body.get("vars"))]
        for entry in body.get("params") or ():
            if isinstance(entry, str):
                found.append(_join(base, "params.yaml"))
            elif isinstance(entry, dict):
                found += [_join(base, file) for file in entry if isinstance(file, str)]
    return [path for path in dict.fromkeys(found) if "${" not in path and _inside(path)]


def _vars_files(value: Any) -> list[str]:
    return [entry.split(":", 1)[0] for entry in _strings(value)]


def _strings(value: Any) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _join(folder: str, path: str) -> str:
    return posixpath.normpath(posixpath.join(folder, path))


def _inside(path: str) -> bool:
    return not (path.startswith(("/", "../")) or path == "..")


def data_spec(config: dict[str, dict[str, str]]) -> tuple[dict[str, Any] | None, str | None]:
    """.dvc/config as a `data` section, or None and why it is not imported.

    A remote whose every option the spec models becomes a `remotes` entry; anything else
    (other kinds, `jobs`, `[studio]`, `autostage`) goes verbatim under `config`.
    """
    secrets = sorted(
        key for options in config.values() for key in options if key.lower() in SECRET_OPTIONS
    )
    if secrets:
        return None, (
            f"it holds credentials ({', '.join(secrets)}), which never go in mlops.yaml; move"
            " them to .dvc/config.local (`dvc remote modify --local`), then import again"
        )
    core = dict(config.get("core", {}))
    default = core.pop("remote", None)
    remotes: dict[str, Any] = {}
    verbatim: dict[str, dict[str, Any]] = {}
    for section, options in config.items():
        name = section.removeprefix("'").removesuffix("'")
        remote = _remote(name, options) if default is not None else None
        if remote is not None:
            remotes[_remote_name(name)] = remote
        elif section != "core":
            verbatim[name] = {key: _ini_value(value) for key, value in options.items()}
    if default is not None and default not in remotes:
        core["remote"] = default
    if core:
        verbatim = {"core": {key: _ini_value(value) for key, value in core.items()}, **verbatim}
    if not remotes and not verbatim:
        return None, SETS_NOTHING
    data: dict[str, Any] = {}
    if remotes:
        data["remotes"] = remotes
        if default is not None and default in remotes:
            data["default"] = default
    if verbatim:
        data["config"] = verbatim
    return data, None


def _remote_name(section: str) -> str:
    return section.removeprefix('remote "').removesuffix('"')


def _remote(section: str, options: dict[str, str]) -> dict[str, Any] | None:
    """A `remotes` entry, if the spec models the remote and every one of its options."""
    if not section.startswith('remote "') or not set(_remote_name(section)) <= _NAME_CHARS:
        return None
    url = options.get("url", "")
    scheme = url.split("://", 1)[0] if "://" in url else ""
    kind = _KINDS.get(scheme) if scheme else "local"
    if kind is None or not url or any(char.isspace() for char in url):
        return None
    if set(options) - {"url", *_REMOTE_OPTIONS[kind]}:
        return None
    remote: dict[str, Any] = {"kind": kind, "url": url}
    if kind == "local":
        if posixpath.isabs(url):
            remote["url"] = url
        else:  # .dvc/config resolves it from .dvc/; mlops.yaml from the project folder
            remote["url"] = posixpath.normpath(posixpath.join(".dvc", url))
    for key in _REMOTE_OPTIONS[kind]:
        if key in options:
            remote[key] = options[key]
    if "port" in remote:
        if not remote["port"].isdigit():
            return None
        remote["port"] = int(remote["port"])
    return remote


def _ini_value(value: str) -> str | int | bool:
    """Booleans and integers as YAML writes them, when that reads back to the same text."""
    if value in ("true", "false"):
        return value == "true"
    if value.isdigit() and str(int(value)) == value:
        return int(value)
    return value
