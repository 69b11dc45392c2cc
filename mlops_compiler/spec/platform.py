"""`platform`: where the project's code, data, runs and images live (presets)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from mlops_compiler.spec.actions import SecretName
from mlops_compiler.spec.base import Name, SpecModel


class GithubPlatform(SpecModel):
    """GitHub: Actions, GitHub environments and the GitHub Container Registry (the default)."""

    kind: Literal["github"]
    """Platform type."""


class DagshubPlatform(SpecModel):
    """DagsHub: its DVC remote and MLflow server, next to GitHub Actions and GHCR."""

    kind: Literal["dagshub"]
    """Platform type."""
    owner: Name = Field(examples=["acme"])
    """The DagsHub user or organisation."""
    repo: Name = Field(examples=["churn-model"])
    """The DagsHub repository."""
    user_secret: SecretName = "DAGSHUB_USER"
    """The secret holding the DagsHub user name."""
    token_secret: SecretName = "DAGSHUB_TOKEN"
    """The secret holding a DagsHub access token (for both DVC and MLflow)."""
    remote: Name = "dagshub"
    """The DVC remote name used when no declared remote already points at DagsHub."""


Platform = Annotated[GithubPlatform | DagshubPlatform, Field(discriminator="kind")]
