"""An MLproject in the spec's vocabulary: an entry of `mlflow_projects`.

MLproject's `conda_env` / `python_env` name an environment file; its data is carried as the
environment's `content`, so the file compiles back to what it was. A `docker_env` maps to the
docker environment. Keys the spec does not know are left for the caller to carry verbatim.
"""

from __future__ import annotations

import posixpath
from typing import Any, get_args

from mlops_compiler.spec.mlproject import ParameterType

ENV_KEYS = {"conda_env": "conda", "python_env": "python_env"}
TYPES = get_args(ParameterType)


def env_file(mlproject_path: str, data: dict[str, Any]) -> str | None:
    """The environment file an MLproject names, relative to the repository root."""
    for key in ENV_KEYS:
        value = data.get(key)
        if isinstance(value, str) and value:
            return posixpath.normpath(posixpath.join(posixpath.dirname(mlproject_path), value))
    return None


def project_spec(data: dict[str, Any], env_content: Any) -> dict[str, Any]:
    """An `mlflow_projects` entry for an MLproject's data and its environment file's data."""
    spec: dict[str, Any] = {}
    if "name" in data:
        spec["name"] = data["name"]
    environment = _environment(data, env_content)
    if environment is not None:
        spec["environment"] = environment
    entry_points = data.get("entry_points")
    if isinstance(entry_points, dict):
        spec["entry_points"] = {name: _entry_point(entry) for name, entry in entry_points.items()}
    else:
        spec["entry_points"] = entry_points
    return spec


def _environment(data: dict[str, Any], env_content: Any) -> dict[str, Any] | None:
    for key, kind in ENV_KEYS.items():
        if key in data:
            environment: dict[str, Any] = {"kind": kind, "file": data[key]}
            if env_content is not None:
                environment["content"] = env_content
            return environment
    docker = data.get("docker_env")
    if isinstance(docker, dict):
        return {"kind": "docker", **docker}
    return None


def _entry_point(entry: Any) -> Any:
    if not isinstance(entry, dict):
        return entry
    spec = dict(entry)
    parameters = spec.get("parameters")
    if isinstance(parameters, dict):
        spec["parameters"] = {name: _parameter(value) for name, value in parameters.items()}
    elif parameters is None and "parameters" in spec:
        del spec["parameters"]  # `parameters:` with nothing under it: MLflow reads no parameters
    return spec


def _parameter(value: Any) -> Any:
    """MLflow reads a type it does not know as a string; so does the spec, and the type itself
    is carried verbatim (the command's placeholders stay declared)."""
    if isinstance(value, str) and value not in TYPES:
        return "string"
    if isinstance(value, dict) and "type" in value and value["type"] not in TYPES:
        return {**value, "type": "string"}
    return value
