"""Serve the model over HTTP and export the metrics monitoring/prometheus/rules.yml reads.

    GET  /health    200 once the model is loaded
    POST /predict   {"instances": [[64 pixel values], ...]} -> {"predictions": [...]}
    GET  /metrics   Prometheus text format: `http_requests_total{code}` and the histogram
                    `http_request_duration_seconds` (0.25 s is a bucket: the latency objective)

Environment: MODEL_URI (`models:/NAME/VERSION`, pinned by cd.yml's release in the Kubernetes
overlay; loaded from the MLflow registry, MLFLOW_TRACKING_URI from a Secret) or else MODEL_PATH
(models/model.pkl, a local run), HOST (0.0.0.0), PORT (8080). The image runs it as a non-root
user on a read-only root filesystem; it writes nothing.
"""

from __future__ import annotations

import json
import os
import pickle
import sys
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import numpy as np
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)

REGISTRY = CollectorRegistry()
REQUESTS = Counter(
    "http_requests", "Requests answered, by status code.", ["code"], registry=REGISTRY
)
for _code in ("200", "500"):  # at 0 from the start: a series first seen at 5 has no rate()
    REQUESTS.labels(code=_code)
LATENCY = Histogram(
    "http_request_duration_seconds",
    "Time to answer a request.",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
    registry=REGISTRY,
)
MAX_BODY = 1 << 20


def load_model(path: Path) -> Any:
    uri = os.environ.get("MODEL_URI", "")
    if uri:  # the version the release pinned: never an alias, which could move under a pod
        import mlflow.sklearn

        return mlflow.sklearn.load_model(uri)
    with path.open("rb") as stream:
        return pickle.load(stream)  # the project's own model file


class Handler(BaseHTTPRequestHandler):
    model: Any = None

    def log_message(self, format: str, *args: Any) -> None:
        sys.stderr.write(f"serve: {self.command} {self.path} {args[1] if len(args) > 1 else ''}\n")

    def _send(self, status: int, body: bytes, content_type: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path == "/metrics":
            self._send(200, generate_latest(REGISTRY), CONTENT_TYPE_LATEST)
        elif self.path == "/health":
            self._timed(lambda: (200, {"status": "ok"}))
        else:
            self._timed(lambda: (404, {"error": "not found"}))

    def do_POST(self) -> None:
        if self.path != "/predict":
            self._timed(lambda: (404, {"error": "not found"}))
            return
        self._timed(self._predict)

    def _predict(self) -> tuple[int, dict[str, Any]]:
        length = int(self.headers.get("Content-Length") or 0)
        if not 0 < length <= MAX_BODY:
            return 400, {"error": "send a JSON body of at most 1 MiB"}
        try:
            rows = np.asarray(json.loads(self.rfile.read(length))["instances"], dtype=float)
        except (ValueError, KeyError, TypeError) as exc:
            return 400, {"error": f"bad request: {exc}"}
        if rows.ndim != 2 or rows.shape[1] != self.model.n_features_in_:
            return 400, {"error": f"expected rows of {self.model.n_features_in_} values"}
        return 200, {"predictions": [int(p) for p in self.model.predict(rows)]}

    def _timed(self, answer: Any) -> None:
        start = time.perf_counter()
        try:
            status, document = answer()
        except Exception as exc:  # a bug must still be counted as a 500, not kill the server
            status, document = 500, {"error": type(exc).__name__}
        self._send(status, json.dumps(document).encode())
        LATENCY.observe(time.perf_counter() - start)
        REQUESTS.labels(code=str(HTTPStatus(status).value)).inc()


def main() -> None:
    Handler.model = load_model(Path(os.environ.get("MODEL_PATH", "models/model.pkl")))
    host, port = os.environ.get("HOST", "0.0.0.0"), int(os.environ.get("PORT", "8080"))
    server = ThreadingHTTPServer((host, port), Handler)
    print(f"serve: listening on {host}:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
