"""The root files of the DVC family: dvc.yaml, params.yaml and .dvc/config."""

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
    assert project.dvc_config is not None
    return project.dvc_config


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
        applies=lambda p: p.dvc_config is not None,
        context=lambda p: {"config": _dvc_config(p)},
        document=lambda p: documents.dvc_config(_dvc_config(p)),
    ),
)
