"""The data an MLproject and its environment file must parse back to, built without any template."""

from __future__ import annotations

from typing import Any

from mlops_compiler.families.mlflow import ir


def mlproject(project: ir.MlflowProject) -> dict[str, Any]:
    """MLproject as MLflow's loader sees it."""
    document: dict[str, Any] = {"name": project.name}
    if project.env_kind == "python_env":
        document["python_env"] = project.env_file
    elif project.env_kind == "conda":
        document["conda_env"] = project.env_file
    elif project.docker is not None:
        document["docker_env"] = docker_env(project.docker)
    document["entry_points"] = {entry.name: _entry_point(entry) for entry in project.entry_points}
    return document


def docker_env(docker: ir.DockerEnv) -> dict[str, Any]:
    """The ``docker_env`` mapping."""
    document: dict[str, Any] = {"image": docker.image}
    if docker.volumes:
        document["volumes"] = list(docker.volumes)
    if docker.environment:
        document["environment"] = list(docker.environment)
    return document


def _entry_point(entry: ir.EntryPoint) -> dict[str, Any]:
    document: dict[str, Any] = {}
    if entry.parameters:
        document["parameters"] = {p.name: parameter(p) for p in entry.parameters}
    document["command"] = entry.command
    return document


def parameter(param: ir.Parameter) -> dict[str, Any] | str:
    """``{type: ..., default: ..., description: ...}``, or just the type in the short form."""
    if param.short:
        return param.type
    document: dict[str, Any] = {"type": param.type}
    if param.default is not None:
        document["default"] = param.default
    if param.description is not None:
        document["description"] = param.description
    return document


def python_env(env: ir.PythonEnvFile) -> dict[str, Any]:
    """python_env.yaml."""
    document: dict[str, Any] = {"python": env.python}
    if env.build_dependencies:
        document["build_dependencies"] = list(env.build_dependencies)
    document["dependencies"] = list(env.dependencies)
    return document


def conda(env: ir.CondaFile) -> dict[str, Any]:
    """conda.yaml."""
    dependencies: list[Any] = list(env.dependencies)
    if env.pip:
        dependencies.append({"pip": list(env.pip)})
    channels = {"channels": list(env.channels)} if env.channels else {}  # none: conda's defaults
    return {"name": env.name, **channels, "dependencies": dependencies}
