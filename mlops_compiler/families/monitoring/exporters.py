"""What the served process exports, per `images.serve.server` kind.

The rules and the dashboard read a request counter and a latency histogram; a rule over a
metric nobody exports stays silent forever (an objective that never fires however badly the
model serves). So every kind of server says what it exports, and ``checks`` refuses rules over
anything else:

- `mlflow`: the generated wrapper `monitoring/serve_mlflow.py` around MLflow's own scoring
  app exports `http_requests_total{code}` and `http_request_duration_seconds` (buckets
  `MLFLOW_BUCKETS`) at `/metrics` on the serving port;
- `command`: what its `metrics:` list declares (the project's own server);
- no `images.serve`: what `monitoring.metrics` names, taken on trust (a warning when that is
  only the default).

`mlflow models serve` itself answers 404 on `/metrics`, hence the wrapper.
"""

from __future__ import annotations

from mlops_compiler.dataclass import dataclass
from mlops_compiler.spec import MlopsSpec
from mlops_compiler.spec.images import CommandServer, MlflowServer

REQUESTS = "http_requests_total"
LATENCY = "http_request_duration_seconds"
MLFLOW_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
"""The latency histogram's bucket bounds in the MLflow wrapper (a latency threshold must be one)."""
MLFLOW_WRAPPER = "monitoring/serve_mlflow.py"
MLFLOW_QUIET = ("/health", "/metrics", "/ping", "/version")
"""Answered by the wrapper, never counted: probes would dilute the error ratio."""
WRAPPER_REQUIREMENT = "prometheus-client>=0.17,<1"


def wrapper_context() -> dict[str, str]:
    """What the wrapper's template writes: the buckets and the paths it does not count."""
    return {
        "buckets": ", ".join(repr(b) for b in MLFLOW_BUCKETS),
        "quiet": ", ".join(f'"{p}"' for p in MLFLOW_QUIET),
        "quiet_paths": ", ".join(MLFLOW_QUIET),
    }


def wraps_mlflow(model: MlopsSpec) -> bool:
    """Whether the serving image runs MLflow's app inside the metrics wrapper: an MLflow server
    whose metrics the rules of `monitoring` read."""
    serve = model.images.serve if model.images is not None else None
    watched = model.monitoring is not None
    return serve is not None and isinstance(serve.server, MlflowServer) and watched


@dataclass(frozen=True)
class Exporter:
    """The metric names one serving process exports at ``path``."""

    kind: str
    """`mlflow`, `command` or `undeclared` (no serving image in the spec)."""
    names: frozenset[str] | None
    """The metric names (a histogram by its base name); None: not known, taken on trust."""
    buckets: tuple[float, ...] | None = None
    """The latency histogram's bounds when known."""
    path: str = "/metrics"


def exporter(model: MlopsSpec) -> Exporter:
    """The exporter of the project's serving image."""
    serve = model.images.serve if model.images is not None else None
    if serve is None:
        return Exporter("undeclared", None)
    server = serve.server
    if isinstance(server, MlflowServer):
        return Exporter("mlflow", frozenset({REQUESTS, LATENCY}), MLFLOW_BUCKETS)
    assert isinstance(server, CommandServer)
    return Exporter("command", frozenset(server.metrics), None)


def histogram_base(name: str) -> str:
    """`x_bucket`, `x_count`, `x_sum` -> `x`; other names unchanged."""
    for suffix in ("_bucket", "_count", "_sum"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name
