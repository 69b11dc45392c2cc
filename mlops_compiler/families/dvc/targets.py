"""The root files of the DVC family: dvc.yaml, params.yaml and the DVC project (.dvc/).

When the spec has remotes or a pipeline (a root dvc.yaml or one under `pipelines:`), mlops
makes the DVC project as `dvc init` would: .dvc/config, .dvc/.gitignore and .dvcignore, the
last two byte for byte DVC's own (no mlops header), so `dvc init` before a compile leaves files
compile adopts, and `dvc init -f` after it rewrites them unchanged. Without `data:` the config
is empty, as `dvc init` leaves it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlops_compiler.families.dvc import documents, ir
from mlops_compiler.families.target import Target

if TYPE_CHECKING:  # annotations only: the project IR sits above the families
    from mlops_compiler.ir import Project


def _pipeline(project: Project) -> ir.Pipeline:
    assert project.pipeline is not None
    return project.pipeline


def _dvc_config(project: Project) -> ir.DvcConfig:
    return project.dvc_config or ir.DvcConfig(default_remote=None, remotes=())


def _dvc_project(project: Project) -> bool:
    """Remotes need .dvc/config; so does any pipeline: `dvc repro` (the generated CI's, or a
    colleague's after a clone) refuses to run where nobody ran `dvc init`."""
    pipelines = project.pipeline is not None or bool(project.layout.pipelines)
    return project.dvc_config is not None or pipelines


def local_store(project: Project) -> list[str]:
    """What a local MLflow store writes into the repository (`tracking.uri` on this disk).

    MLflow's own defaults: the backend (`sqlite:///mlflow.db`, or a `mlruns/` folder) and the
    artifact stores `mlruns/` and `mlartifacts/`. A remote server writes nothing here.
    """
    tracking = project.params.get("mlflow")
    uri = tracking.get("tracking_uri") if isinstance(tracking, dict) else None
    if not isinstance(uri, str) or uri.startswith(("http://", "https://", "databricks")):
        return []
    patterns = []
    if uri.startswith("sqlite:///") and not uri.startswith("sqlite:////"):
        database = uri.removeprefix("sqlite:///").removeprefix("./")
        if database and "?" not in database and not database.startswith(("/", "../")):
            patterns.append("/" + database)
    return [*patterns, "mlruns/", "mlartifacts/"]


DVC_GITIGNORE = ("/config.local", "/tmp", "/cache")
"""What `dvc init` writes to .dvc/.gitignore (DVC 3)."""


TARGETS: tuple[Target, ...] = (
    Target(
        path="dvc.yaml",
        template="dvc/dvc.yaml.jinja",
        section="pipeline",
        format="yaml",
        applies=lambda p: p.pipeline is not None,
        context=lambda p: {"pipeline": _pipeline(p)},
        document=lambda p: documents.dvc_yaml(_pipeline(p)),
    ),
    Target(
        path="params.yaml",
        template="dvc/params.yaml.jinja",
        section="params",
        format="yaml",
        applies=lambda p: bool(p.params) or p.pipeline is not None,
        context=lambda p: {"params": p.params},
        document=lambda p: p.params,
    ),
    Target(
        path=".dvc/config",
        template="dvc/config.jinja",
        section="data",
        format="ini",
        applies=_dvc_project,
        context=lambda p: {"config": _dvc_config(p)},
        document=lambda p: documents.dvc_config(_dvc_config(p)),
    ),
    Target(
        path=".dvc/.gitignore",
        template="dvc/gitignore.jinja",
        section="data",
        format="lines",
        applies=_dvc_project,
        context=lambda p: {"patterns": DVC_GITIGNORE},
        document=lambda p: list(DVC_GITIGNORE),
    ),
    Target(
        path=".gitignore",
        template="files/gitignore.jinja",
        section="tracking",
        format="lines",
        applies=lambda p: bool(local_store(p)),
        context=lambda p: {"patterns": local_store(p)},
        document=lambda p: local_store(p),
    ),
    Target(
        path=".dvcignore",
        template="dvc/dvcignore.jinja",
        section="data",
        format="lines",
        applies=_dvc_project,
        context=lambda p: {},
        document=lambda p: [],
    ),
)
