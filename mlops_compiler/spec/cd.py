"""`cd`: push images, promote the model, deploy (.github/workflows/cd.yml)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from mlops_compiler.spec.actions import Command, EnvName, SecretName
from mlops_compiler.spec.base import Name, SpecModel, empty_dict, empty_list
from mlops_compiler.spec.ci import Branch
from mlops_compiler.spec.images import ImageName

Url = Annotated[str, StringConstraints(pattern=r"^https://[^\s]+$", max_length=2048)]


class Deployment(SpecModel):
    """One GitHub environment the release goes through, in order."""

    environment: Name = Field(examples=["staging"])
    """The GitHub environment (its protection rules, reviewers and secrets apply)."""
    command: Command | None = Field(
        default=None, examples=['./deploy/rollout.sh "$ENVIRONMENT" "$IMAGE"']
    )
    """The deploy hook; `IMAGE` (by digest), `MODEL_NAME`, `MODEL_VERSION`, `MODEL_URI`
    (`models:/NAME/VERSION`, the same in every environment) and `ENVIRONMENT` are set for it.
    For an environment of `deploy` it runs after cd.yml committed the release to the overlay
    (`RELEASE_COMMIT`), to wait for Argo CD or tell someone; optional there, required
    elsewhere."""
    url: Url | None = Field(default=None, examples=["https://churn.staging.example.com"])
    """The deployed service's address, shown on the run page."""
    secrets: dict[EnvName, SecretName] = Field(
        default_factory=empty_dict, examples=[{"KUBECONFIG": "STAGING_KUBECONFIG"}]
    )
    """Environment variables set from secrets for the command (`{VAR: SECRET}`)."""


class Cd(SpecModel):
    """On the main branch and on release tags: images, registry, deployments."""

    branch: Branch = "main"
    """The branch whose pushes deliver."""
    tags: list[Branch] = Field(default_factory=lambda: ["v*"], examples=[["v*", "release/*"]])
    """Tag patterns that deliver too."""
    images: list[ImageName] = Field(default_factory=lambda: list[ImageName](["serve"]))
    """The images to build and push (declared under `images`)."""
    promote: bool = True
    """Gate the version this run trained and promote it (needs `tracking.registered_model`)."""
    deploy: list[Deployment] = Field(default_factory=empty_list)
    """The environments to deploy to, in order (`staging`, then `production`)."""
