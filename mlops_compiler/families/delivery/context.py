"""What every generated workflow shares, and how the workflows reach MLflow.

Below both the lowering and the cross-checks of the CI/CD sections, which each need it.
"""

from __future__ import annotations

import re

from mlops_compiler.dataclass import dataclass
from mlops_compiler.families.delivery.pins import Pin
from mlops_compiler.spec import MlopsSpec
from mlops_compiler.spec.platform import DagshubPlatform

REMOTE_TRACKING = re.compile(r"^(https?|databricks)://")


def secret(name: str) -> str:
    """A reference to a secret: the only way a secret reaches a workflow."""
    return "${{ secrets." + name + " }}"


@dataclass(frozen=True)
class Context:
    """What every workflow shares: pins, install, data access and tracking."""

    model: MlopsSpec
    pins: dict[str, Pin]
    runs_on: str
    timeout: int
    remote: tuple[str, str] | None
    """(name, kind) of the remote the workflows pull from and push to."""
    remote_env: tuple[tuple[str, str], ...]
    tracking_env: tuple[tuple[str, str], ...]
    install: tuple[str, ...]
    conda: bool


def tracking_env(model: MlopsSpec) -> tuple[tuple[str, str], ...]:
    """How the workflows reach MLflow: a URI and credentials from secrets, or nothing (local)."""
    tracking, platform = model.tracking, model.platform
    server = tracking.server if tracking else None
    if server is not None and server.uri_secret:
        uri = secret(server.uri_secret)
    elif tracking is not None and REMOTE_TRACKING.match(tracking.uri):
        uri = tracking.uri
    elif isinstance(platform, DagshubPlatform):
        uri = f"https://dagshub.com/{platform.owner}/{platform.repo}.mlflow"
    else:
        return ()
    env = [("MLFLOW_TRACKING_URI", uri)]
    if server is not None:
        if server.username_secret:
            env.append(("MLFLOW_TRACKING_USERNAME", secret(server.username_secret)))
        if server.password_secret:
            env.append(("MLFLOW_TRACKING_PASSWORD", secret(server.password_secret)))
    elif isinstance(platform, DagshubPlatform):
        env.append(("MLFLOW_TRACKING_USERNAME", secret(platform.user_secret)))
        env.append(("MLFLOW_TRACKING_PASSWORD", secret(platform.token_secret)))
    return tuple(env)
