"""Lower `pipelines`, `params_files`, `mlflow_projects` and `data.config`.

A repository rarely has one dvc.yaml and one MLproject at its root: each entry here is one more
file, keyed by the path it is written to. Paths are checked here, before anything is rendered:
inside the project, named as DVC and MLflow expect, and no file generated twice.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from mlops_compiler.errors import Diagnostic, Loc, Severity
from mlops_compiler.families.dvc.lower import lower_pipeline
from mlops_compiler.families.layout.ir import Layout, ParamsFile, VerbatimFile
from mlops_compiler.families.mlflow.lower import mlflow_project
from mlops_compiler.spec import MlopsSpec

PIPELINE_NAMES = ("dvc.yaml", "dvc.yml")
PARAMS_SUFFIXES = YAML_SUFFIXES = (".yaml", ".yml")
DOCKERFILE = re.compile(
    r"^(?!.*\.(dockerignore|md|rst|txt)$)(dockerfile([._-].+)?|.+[._-]dockerfile)$", re.IGNORECASE
)
"""The names Docker users give Dockerfiles, in any case: `Dockerfile`, `Dockerfile.train`,
`Dockerfile-serve`, `train.Dockerfile`, `x.dockerfile`; not `Dockerfile.dockerignore` (BuildKit's
ignore file for it) nor notes about one (`Dockerfile.md`)."""
_DIRECTIVE = re.compile(r"^#\s*[a-zA-Z]+\s*=")


def lower_layout(model: MlopsSpec, diagnostics: list[Diagnostic]) -> Layout:
    """The extra files of the repository; problems with their paths go to ``diagnostics``."""
    pipelines = []
    for path, pipeline in (model.pipelines or {}).items():
        if _check_path(path, ("pipelines", path), diagnostics, _pipeline_name(path)):
            pipelines.append(lower_pipeline(pipeline, posixpath.normpath(path)))
    params_files = []
    for path, data in (model.params_files or {}).items():
        if _check_path(path, ("params_files", path), diagnostics, _params_name(path)):
            params_files.append(ParamsFile(posixpath.normpath(path), dict(data)))
    projects = []
    for path, entry in (model.mlflow_projects or {}).items():
        if _check_path(path, ("mlflow_projects", path), diagnostics, _mlproject_name(path)):
            name = entry.name if entry.name is not None else model.project.name
            lowered = mlflow_project(
                name, entry.environment, entry.entry_points, model.project, posixpath.normpath(path)
            )
            projects.append(lowered)
            if lowered.env_path is not None and not _inside(lowered.env_path):
                diagnostics.append(
                    Diagnostic(
                        f"the environment file `{lowered.env_path}` is outside the project",
                        loc=("mlflow_projects", path, "environment", "file"),
                        hint="keep it under the folder that holds mlops.yaml",
                    )
                )
    files = []
    for path, verbatim in (model.files or {}).items():
        if _check_path(path, ("files", path), diagnostics, _verbatim_name(path)):
            files.append(_verbatim(posixpath.normpath(path), verbatim.text, path))
    layout = Layout(tuple(pipelines), tuple(params_files), tuple(projects), tuple(files))
    diagnostics += _duplicates(model, layout)
    diagnostics += dvc_yml_warnings(model)
    return layout


def _check_path(path: str, loc: Loc, diagnostics: list[Diagnostic], naming: str | None) -> bool:
    normal = posixpath.normpath(path)
    problem = None
    if not _inside(normal) or "\\" in path or ".git" in normal.split("/"):
        problem = f"`{path}` is not a path inside the project"
    elif naming is not None:
        problem = naming
    if problem is None:
        return True
    diagnostics.append(
        Diagnostic(problem, loc=loc, on_key=True, hint="paths are relative to mlops.yaml")
    )
    return False


def _inside(normal: str) -> bool:
    return not (normal.startswith(("/", "../")) or normal in ("..", "."))


def _pipeline_name(path: str) -> str | None:
    if posixpath.basename(path) in PIPELINE_NAMES:
        return None
    return f"`{path}` is not a dvc.yaml: DVC reads pipelines only from files named dvc.yaml"


def _params_name(path: str) -> str | None:
    if path.endswith(PARAMS_SUFFIXES):
        return None
    return f"`{path}` is not a YAML file: params files are written as YAML"


def _mlproject_name(path: str) -> str | None:
    if posixpath.basename(path).lower() == "mlproject":
        return None
    return f"`{path}` is not an MLproject: MLflow reads a file named MLproject"


def _verbatim_name(path: str) -> str | None:
    name = posixpath.basename(path)
    workflow = posixpath.dirname(path) == ".github/workflows" and name.endswith(YAML_SUFFIXES)
    if workflow or DOCKERFILE.match(name):
        return None
    return f"`{path}` is neither a GitHub workflow nor a Dockerfile: `files` carries those only"


def _verbatim(path: str, text: str, key: str) -> VerbatimFile:
    """Split a Dockerfile's parser directives off: they must stay its first lines."""
    lines = text.splitlines(keepends=True)
    count = 0
    if DOCKERFILE.match(posixpath.basename(path)):
        while count < len(lines) and _DIRECTIVE.match(lines[count]):
            count += 1
    rest = "".join(lines[count:])
    end = "\n" if rest.endswith("\n") or not rest else ""
    return VerbatimFile(path, "".join(lines[:count]), rest.removesuffix("\n"), end, key)


def dvc_yml_warnings(model: MlopsSpec) -> list[Diagnostic]:
    """A `dvc.yml` is kept as written, but DVC never reads it."""
    return [
        Diagnostic(
            f"DVC reads only files named dvc.yaml, so it ignores `{path}`",
            loc=("pipelines", path),
            on_key=True,
            severity=Severity.WARNING,
            hint="rename the key to end in `dvc.yaml` (and delete the old file)",
        )
        for path in model.pipelines or {}
        if posixpath.basename(path) == "dvc.yml"
    ]


def _generated(model: MlopsSpec, layout: Layout) -> Iterator[tuple[str, Loc]]:
    """Every path the root sections and the layout write, with where the spec says so."""
    if model.pipeline is not None:
        yield "dvc.yaml", ("pipeline",)
    if model.params or model.pipeline is not None or model.tracking is not None:
        yield "params.yaml", ("params",)
    if model.data is not None:
        yield ".dvc/config", ("data",)
    if model.entry_points:
        yield "MLproject", ("entry_points",)
    for pipeline, key in zip(layout.pipelines, model.pipelines or {}, strict=False):
        yield pipeline.path, ("pipelines", key)
    for params, key in zip(layout.params_files, model.params_files or {}, strict=False):
        yield params.path, ("params_files", key)
    for project, key in zip(layout.mlflow_projects, model.mlflow_projects or {}, strict=False):
        yield project.path, ("mlflow_projects", key)
        if project.env_path is not None:
            yield project.env_path, ("mlflow_projects", key, "environment")
    for section, path in _DELIVERY_PATHS:
        if getattr(model, section, None) is not None:
            yield path, (section,)
    for verbatim, key in zip(layout.files, model.files or {}, strict=False):
        yield verbatim.path, ("files", key)


_DELIVERY_PATHS = (
    ("ci", ".github/workflows/ci.yml"),
    ("cd", ".github/workflows/cd.yml"),
    ("retraining", ".github/workflows/retrain.yml"),
)
"""Workflows the CI/CD sections generate: a `files` entry at one of these paths would clash."""


def _duplicates(model: MlopsSpec, layout: Layout) -> list[Diagnostic]:
    seen: dict[str, Loc] = {}
    diagnostics = []
    for path, loc in _generated(model, layout):
        key = path.lower()  # macOS and Windows do not tell MLproject from MLProject
        if key in seen:
            first = ".".join(str(part) for part in seen[key])
            diagnostics.append(
                Diagnostic(
                    f"`{path}` would be generated twice (also by `{first}`)",
                    loc=loc,
                    on_key=True,
                    hint="give each file one section; the root ones are `pipeline`, `params`,"
                    " `entry_points`",
                )
            )
        else:
            seen[key] = loc
    return diagnostics
