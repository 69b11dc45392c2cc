"""The files of the CI/CD family: the workflows, the Dockerfiles, .dockerignore and the opt-in
Renovate config."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mlops_compiler.families.delivery import documents
from mlops_compiler.families.delivery.ir import Renovate
from mlops_compiler.families.delivery.renovate import renovate_config
from mlops_compiler.families.delivery.scripts import GATE_SCRIPT, RELEASE_SCRIPT
from mlops_compiler.families.target import Target

if TYPE_CHECKING:  # annotations only: the project IR sits above the families
    from mlops_compiler.ir import Project


def _workflow(project: Project, path: str) -> Any:
    flows = [w for w in project.delivery.workflows if w.path == path] if project.delivery else []
    return flows[0] if flows else None


def _dockerfile(project: Project, name: str) -> Any:
    files = [d for d in project.delivery.dockerfiles if d.name == name] if project.delivery else []
    return files[0] if files else None


def _renovate(project: Project) -> Renovate | None:
    return project.delivery.renovate if project.delivery else None


def _renovate_config(project: Project) -> dict[str, Any]:
    renovate = _renovate(project)
    assert renovate is not None
    return renovate_config(renovate, project.spec_name)


def _renovate_path(project: Project) -> str:
    renovate = _renovate(project)
    assert renovate is not None
    return renovate.path


def _workflow_target(file: str, section: str) -> Target:
    path = f".github/workflows/{file}"
    return Target(
        path=path,
        template=f"github/{file}.jinja",
        section=section,
        format="yaml",
        applies=lambda p: _workflow(p, path) is not None,
        context=lambda p: {"workflow": _workflow(p, path)},
        document=lambda p: documents.workflow(_workflow(p, path)),
        path_of=lambda p: _workflow(p, path).output or path,
    )


def _dockerfile_target(name: str) -> Target:
    return Target(
        path=f"docker/{name}.Dockerfile",
        template=f"docker/{name}.Dockerfile.jinja",
        section="images",
        format="dockerfile",
        applies=lambda p: _dockerfile(p, name) is not None,
        context=lambda p: {"dockerfile": _dockerfile(p, name)},
        document=lambda p: documents.dockerfile(_dockerfile(p, name)),
        path_of=lambda p: str(_dockerfile(p, name).path),
    )


TARGETS: tuple[Target, ...] = (
    _workflow_target("ci.yml", "ci"),
    _workflow_target("cd.yml", "cd"),
    _workflow_target("retrain.yml", "retraining"),
    Target(
        path=GATE_SCRIPT,
        template="github/gate.py.jinja",
        section="cd",
        format="python",
        applies=lambda p: p.delivery is not None and p.delivery.gate,
        context=lambda p: {},
        document=lambda p: None,
    ),
    Target(
        path=RELEASE_SCRIPT,
        template="github/release.py.jinja",
        section="cd",
        format="python",
        applies=lambda p: p.delivery is not None and p.delivery.release is not None,
        context=lambda p: {"release": p.delivery.release if p.delivery else None},
        document=lambda p: None,
    ),
    _dockerfile_target("train"),
    _dockerfile_target("serve"),
    Target(
        path=".dockerignore",
        template="docker/dockerignore.jinja",
        section="images",
        format="lines",
        applies=lambda p: p.delivery is not None and bool(p.delivery.dockerignore),
        context=lambda p: {"patterns": p.delivery.dockerignore if p.delivery else ()},
        document=lambda p: list(p.delivery.dockerignore) if p.delivery else [],
    ),
    Target(
        path="renovate.json",
        template="github/renovate.json.jinja",
        section="ci",
        format="json",
        applies=lambda p: _renovate(p) is not None,
        context=lambda p: {"config": _renovate_config(p)},
        document=_renovate_config,
        path_of=_renovate_path,
    ),
)
