"""Secrets reach the serving pods by reference only (issue 13, finding 4): `deploy.secret_env`
becomes `secretKeyRef`, `deploy.env_from` becomes `envFrom`, and a `server: mlflow` image
deployed without a tracking URI is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from mlops_compiler import compile_spec
from mlops_compiler.errors import SpecError

SPEC = """\
version: 1
project: {name: demo, dependencies: [scikit-learn, mlflow]}
tracking: {uri: "https://mlflow.example.com", registered_model: demo}
images:
  registry: {host: ghcr.io, namespace: acme}
  serve: {server: {kind: mlflow}}
deploy:
  kind: deployment
  image: ghcr.io/acme/demo-serve:1.0.0
  env: {LOG_LEVEL: info}
  SECRETS
  environments:
    production: {}
  gitops: {kind: argocd, repo_url: "https://github.com/acme/demo.git"}
"""


def _deployment(tmp_path: Path, secrets: str) -> dict:  # type: ignore[type-arg]
    (tmp_path / "mlops.yaml").write_text(SPEC.replace("SECRETS", secrets), encoding="utf-8")
    texts = compile_spec(tmp_path / "mlops.yaml").texts()
    loaded: dict = YAML(typ="safe").load(texts["deploy/k8s/base/deployment.yaml"])  # type: ignore[type-arg]
    return loaded


def test_secret_env_and_env_from_are_references(tmp_path: Path) -> None:
    secrets = (
        "secret_env:\n"
        "    MLFLOW_TRACKING_URI: {name: mlflow, key: tracking-uri}\n"
        "    MLFLOW_TRACKING_TOKEN: {name: mlflow, key: token}\n"
        "  env_from: [mlflow-extra]"
    )
    container = _deployment(tmp_path, secrets)["spec"]["template"]["spec"]["containers"][0]
    assert container["env"] == [
        {"name": "LOG_LEVEL", "value": "info"},
        {
            "name": "MLFLOW_TRACKING_URI",
            "valueFrom": {"secretKeyRef": {"name": "mlflow", "key": "tracking-uri"}},
        },
        {
            "name": "MLFLOW_TRACKING_TOKEN",
            "valueFrom": {"secretKeyRef": {"name": "mlflow", "key": "token"}},
        },
    ]
    assert container["envFrom"] == [{"secretRef": {"name": "mlflow-extra"}}]


def test_an_mlflow_server_without_a_tracking_uri_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as caught:
        _deployment(tmp_path, "replicas: 2")
    messages = [d.message for d in caught.value.diagnostics]
    assert any("get no MLFLOW_TRACKING_URI" in m for m in messages), messages
