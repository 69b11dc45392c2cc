"""`images`: the training and serving images (multi-stage Dockerfiles) and their registry."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from mlops_compiler.spec.actions import ImageCommand, SecretName
from mlops_compiler.spec.base import Port, RelativePath, SpecModel, empty_list

ImageRef = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9._/:-]*:[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$"),
]
"""`repository:tag`, the tag required (a base image is never `latest` by accident)."""
Digest = Annotated[str, StringConstraints(pattern=r"^sha256:[0-9a-f]{64}$")]


class Registry(SpecModel):
    """Where images are pushed."""

    host: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9.-]*(:[0-9]{1,5})?$")] = Field(
        default="ghcr.io", examples=["ghcr.io", "registry.example.com"]
    )
    """The registry host. `ghcr.io` logs in with the workflow's own token."""
    namespace: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._/-]*$")] | None = Field(
        default=None, examples=["acme/ml"]
    )
    """The path under the host; for GHCR it defaults to the repository owner."""
    username_secret: SecretName | None = Field(default=None, examples=["REGISTRY_USERNAME"])
    """The secret holding the registry user (required for any host but ghcr.io)."""
    password_secret: SecretName | None = Field(default=None, examples=["REGISTRY_TOKEN"])
    """The secret holding the registry password or token (required for any host but ghcr.io)."""


class MlflowServer(SpecModel):
    """Serve the registered model with `mlflow models serve`."""

    kind: Literal["mlflow"]
    """Server type. The image serves `MODEL_URI` (`models:/NAME/VERSION`), which the deployment
    pins (cd.yml's release, or the deploy hook's): never an alias, which a pod would resolve
    when it starts."""


class CommandServer(SpecModel):
    """Serve with the project's own command (FastAPI, BentoML, ...)."""

    kind: Literal["command"]
    """Server type."""
    command: ImageCommand = Field(examples=[["uvicorn", "src.app:app", "--host", "0.0.0.0"]])
    """The command in exec form; it must listen on `port`."""
    health_path: Annotated[str, StringConstraints(pattern=r"^/[A-Za-z0-9._~/-]*$")] = "/health"
    """The path the health check requests."""
    metrics: list[Annotated[str, StringConstraints(pattern=r"^[a-zA-Z_:][a-zA-Z0-9_:]*$")]] = Field(
        default_factory=empty_list,
        examples=[["http_requests_total", "http_request_duration_seconds"]],
    )
    """The Prometheus metrics the command exports at `/metrics` on `port` (a histogram by its
    base name); `monitoring` may only read these."""


Server = Annotated[MlflowServer | CommandServer, Field(discriminator="kind")]


class TrainImage(SpecModel):
    """An image that runs the pipeline."""

    dockerfile: RelativePath = "docker/train.Dockerfile"
    """Where the Dockerfile is written."""
    command: ImageCommand = Field(
        default_factory=lambda: ["dvc", "repro"], examples=[["dvc", "repro", "--pull"]]
    )
    """What the container runs, in exec form."""


class ServeImage(SpecModel):
    """An image that serves the model over HTTP."""

    dockerfile: RelativePath = "docker/serve.Dockerfile"
    """Where the Dockerfile is written."""
    port: Port = 8080
    """The port the server listens on (exposed, and used by the health check)."""
    server: Server = Field(
        # model_construct: a literal default, built without running (so building) a validator
        default_factory=lambda: MlflowServer.model_construct(kind="mlflow")
    )
    """How the model is served."""
    copy_paths: list[RelativePath] = Field(default_factory=empty_list, examples=[["src/"]])
    """Project files the server needs in the image, besides the installed requirements."""


ImageName = Literal["train", "serve"]


class Images(SpecModel):
    """Container images, built by `mlops build` and by the `cd` workflow."""

    registry: Registry = Field(default_factory=Registry.model_construct)
    """Where the images are pushed."""
    base: ImageRef | None = Field(default=None, examples=["python:3.11-slim-bookworm"])
    """The base image of both stages; defaults to `python:<project.python>-slim`."""
    base_digest: Digest | None = Field(
        default=None,
        examples=["sha256:4c5d3f1e9a0b7c2d8e6f1a3b5c7d9e0f2a4b6c8d0e1f3a5b7c9d2e4f6a8b0c1d"],
    )
    """The base image's digest, pinning it byte for byte (`docker buildx imagetools inspect`)."""
    uid: int = Field(default=10001, ge=1, le=2_147_483_647)
    """The numeric, non-root user and group id the final stage runs as."""
    train: TrainImage | None = Field(
        default=None,
        examples=[{"dockerfile": "docker/train.Dockerfile", "command": ["dvc", "repro", "--pull"]}],
    )
    """The training image."""
    serve: ServeImage | None = None
    """The serving image."""
