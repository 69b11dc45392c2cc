"""Lower `environment` and `entry_points` (and each `mlflow_projects` entry) to MLproject files."""

from __future__ import annotations

import posixpath

from mlops_compiler import spec
from mlops_compiler.families.mlflow import ir
from mlops_compiler.spec import MlopsSpec
from mlops_compiler.spec.mlproject import CondaEnv, DockerEnv, PythonEnv


def root_mlflow_project(model: MlopsSpec) -> ir.MlflowProject:
    assert model.entry_points is not None
    return mlflow_project(
        model.project.name, model.environment, model.entry_points, model.project, "MLproject"
    )


def mlflow_project(
    name: str,
    environment: spec.mlproject.Environment | None,
    entry_points: dict[str, spec.mlproject.EntryPoint],
    project: spec.project.Project,
    path: str,
) -> ir.MlflowProject:
    """One MLproject at ``path`` and its environment file (relative to the MLproject)."""
    environment = environment or PythonEnv(kind="python_env")
    lowered = tuple(
        ir.EntryPoint(
            name=entry_name,
            command=entry.command,
            parameters=tuple(
                ir.Parameter(name=p, type=v, default=None, short=True)
                if isinstance(v, str)
                else ir.Parameter(name=p, type=v.type, default=v.default, description=v.description)
                for p, v in entry.parameters.items()
            ),
        )
        for entry_name, entry in entry_points.items()
    )
    dependencies = _pip_dependencies(project)
    python_env = conda = docker = None
    env_file: str | None = None
    if isinstance(environment, PythonEnv):
        env_file = environment.file or "python_env.yaml"
        python_env = ir.PythonEnvFile(
            python=project.python,
            build_dependencies=tuple(environment.build_dependencies),
            dependencies=dependencies,
        )
    elif isinstance(environment, CondaEnv):
        env_file = environment.file or "conda.yaml"
        conda = ir.CondaFile(
            name=project.name,
            channels=tuple(environment.channels),
            dependencies=(f"python={project.python}", "pip", *environment.dependencies),
            pip=dependencies,
        )
    elif isinstance(environment, DockerEnv):
        docker = ir.DockerEnv(
            image=environment.image,
            volumes=tuple(environment.volumes),
            environment=tuple(environment.environment),
        )
    content = environment.content if isinstance(environment, PythonEnv | CondaEnv) else None
    folder = posixpath.dirname(path)
    return ir.MlflowProject(
        name=name,
        env_kind=environment.kind,
        env_file=env_file,
        docker=docker,
        entry_points=lowered,
        python_env=python_env,
        conda=conda,
        path=path,
        env_path=posixpath.normpath(posixpath.join(folder, env_file)) if env_file else None,
        env_content=dict(content) if content is not None else None,
    )


def _pip_dependencies(project: spec.project.Project) -> tuple[str, ...]:
    if project.requirements is not None:
        return (f"-r {project.requirements}",)
    return tuple(project.dependencies or ())
