"""The GitOps edge: which environments cd.yml releases to, and where each release is written.

A released environment's overlay includes a kustomize Component, `release/kustomization.yaml`,
that compile writes once (a seed: the spec's image tag, no model) and cd.yml rewrites on every
release (``.github/scripts/release.py``): the image it pushed, by digest, and the model version
the gate promoted, as `MODEL_URI=models:/NAME/VERSION`. The release is a commit on the branch
Argo CD watches, so what runs is what git says, and a pod restart changes nothing.

The seed belongs to cd.yml once written: compile never overwrites it (``Target.mode``), so a
release is never undone by the next compile, and `mlops compile --check` does not call it drift.
"""

from __future__ import annotations

from mlops_compiler.dataclass import dataclass
from mlops_compiler.spec import MlopsSpec

RELEASE_DIR = "release"
RELEASE_COMPONENT = "kustomize.config.k8s.io/v1alpha1"


def release_path(environment: str) -> str:
    """The release Component of one environment's overlay."""
    return f"deploy/k8s/overlays/{environment}/{RELEASE_DIR}/kustomization.yaml"


def released_environments(model: MlopsSpec) -> tuple[str, ...]:
    """The `cd.deploy` environments that are `deploy` environments, in rollout order, when
    cd.yml pushes the serving image: their overlays get the digest cd pushed."""
    cd, deploy = model.cd, model.deploy
    if cd is None or deploy is None or "serve" not in cd.images:
        return ()
    return tuple(d.environment for d in cd.deploy if d.environment in deploy.environments)


def release_branch(model: MlopsSpec) -> str:
    """The branch release commits go to: the one Argo CD watches (`deploy.gitops.revision`),
    or cd's branch when Argo CD follows `HEAD`."""
    assert model.deploy is not None and model.cd is not None
    revision = model.deploy.gitops.revision
    return model.cd.branch if revision == "HEAD" else revision


@dataclass(frozen=True)
class ReleaseSettings:
    """What .github/scripts/release.py knows of the project (rendered into it as constants)."""

    image_name: str
    """The repository of the image in the base manifests (kustomize `images[].name`)."""
    target: tuple[tuple[str, str], ...]
    """The serving workload (a kustomize patch target)."""
    container: str
    """The JSON pointer of the serving container in the workload."""
    environments: tuple[str, ...]
    """The released environments, in rollout order."""


def comment_lines(environment: str) -> tuple[str, str]:
    """What the release file says of itself, after the generated header (release.py writes the
    same lines)."""
    return (
        f"# Then cd.yml rewrites it on every release to {environment}"
        " (.github/scripts/release.py):",
        "# the image it pushed, by digest, and the model version the gate promoted.",
    )
