"""What the watch half serves: the serving command of the spec, and the requests it is sent.

The command is the one the serving image runs, on 127.0.0.1 and a free port: for `mlflow`, the
generated `monitoring/serve_mlflow.py` wrapper on the version the gate promoted (the
rehearsal's MLflow stand-in holds it; a deployment pins `MODEL_URI` instead); for `command`,
the declared command, with `HOST` and a free `PORT` set (a server that ignores them is found on
its declared `images.serve.port`). A spec without `images.serve` names no command: the
caller passes one (`mlops rehearse --serve`).

Healthy requests are rows of the drift job's `reference` (without the prediction column) as
`{"instances": [[...], ...]}`, which KServe's v1 protocol, TF Serving and MLflow's scoring app
accept; failing requests are the same rows with non-finite values, which a model that checks
its input refuses with a 5xx.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from dataclasses import field
from pathlib import Path

from mlops_compiler.commands.watch.services import HOST
from mlops_compiler.dataclass import dataclass
from mlops_compiler.spec import MlopsSpec
from mlops_compiler.spec.images import CommandServer, MlflowServer

ROWS = 2
"""Rows of the reference in one request."""


@dataclass(frozen=True)
class Served:
    """How to start the serving process, and where it answers."""

    argv: tuple[str, ...]
    port: int
    health: str
    predict: str
    kind: str
    """`mlflow`, `command` or `given` (the caller's command)."""
    env: dict[str, str] = field(default_factory=dict)
    declared: int | None = None
    """The port a command server is declared to listen on, for one that ignores `PORT`."""

    def ports(self) -> tuple[int, ...]:
        """Where the process may answer: the port given in `PORT` first."""
        return (self.port,) if self.declared in (None, self.port) else (self.port, self.declared)


def served(
    spec: MlopsSpec,
    port: int,
    *,
    python: str,
    command: Sequence[str] | None = None,
    predict: str | None = None,
) -> Served | str:
    """The serving process of ``spec`` on ``port``, or why there is none. ``command``: the
    caller's command, for a spec that declares none."""
    env = {"HOST": HOST, "PORT": str(port)}
    health = spec.deploy.probes.readiness if spec.deploy is not None else "/health"
    serve = spec.images.serve if spec.images is not None else None
    if command:
        argv = tuple(part.replace("{port}", str(port)) for part in command)
        return Served(argv, port, health, predict or "/predict", "given", env)
    if serve is None:
        return (
            "the spec names no serving command (no `images.serve`): pass it with"
            " --serve, e.g. --serve 'python src/serve.py'"
        )
    if isinstance(serve.server, MlflowServer):
        from mlops_compiler.families.monitoring.exporters import MLFLOW_WRAPPER

        # The image serves the MODEL_URI its deployment pins; here, the version the gate
        # promoted in the rehearsal's MLflow stand-in.
        registry = spec.tracking.registry if spec.tracking is not None else None
        alias = registry.alias if registry is not None else "champion"
        name = spec.tracking.registered_model if spec.tracking is not None else None
        uri = f"models:/{name}@{alias}"
        argv = (python, MLFLOW_WRAPPER, "--model-uri", uri, "--host", HOST, "--port", str(port))
        env["MODEL_URI"] = uri
        return Served(argv, port, "/ping", predict or "/invocations", "mlflow", env)
    assert isinstance(serve.server, CommandServer)
    server = serve.server
    argv = tuple(server.command)
    return Served(argv, port, server.health_path, predict or "/predict", "command", env, serve.port)


def bodies(reference: Path, prediction: str | None) -> tuple[bytes, bytes]:
    """A healthy and a failing request body from the first rows of ``reference``."""
    with reference.open(newline="", encoding="utf-8") as stream:
        reader = csv.DictReader(stream)
        columns = [c for c in reader.fieldnames or () if c != prediction]
        rows = [
            [float(row[c]) for c in columns] for _, row in zip(range(ROWS), reader, strict=False)
        ]
    healthy = json.dumps({"instances": rows}).encode()
    failing = json.dumps({"instances": [[float("inf")] * len(columns)]}).encode()
    return healthy, failing
