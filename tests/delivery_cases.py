"""A spec that takes the CI/CD branches the examples do not, and every case's outputs."""

from __future__ import annotations

import functools
import posixpath
import shutil
import tempfile
from pathlib import Path

from mlops_compiler import compile_spec

ROOT = Path(__file__).resolve().parent.parent

KITCHEN_SINK = """\
version: 1
project:
  name: sink
  python: "3.12"
  dependencies: [mlflow>=2.12, "dvc[ssh]>=3.50", fastapi>=0.110]
params:
  train: {lr: 0.1}
data:
  remotes:
    box: {kind: ssh, url: ssh://ml@example.com/srv/dvc}
pipeline:
  stages:
    train:
      cmd: python train.py
      params: [train.lr]
      outs: [model.pkl]
      metrics: [{path: eval/scores.yaml, cache: false}]
tracking:
  uri: https://mlflow.example.com
  registered_model: sink-model
  server: {}
  registry:
    gate: {metrics_file: eval/scores.yaml, metric: f1.macro, threshold: 0.5, direction: lower}
images:
  registry: {host: registry.example.com:5000, namespace: ml/team,
             username_secret: REG_USER, password_secret: REG_PASSWORD}
  base: python:3.12-slim
  serve:
    dockerfile: build/api.Dockerfile
    port: 9000
    server: {kind: command, command: [uvicorn, "app:api", --port, "9000"], health_path: /ready}
    copy_paths: [app/, settings.toml]
  train: {command: [dvc, repro, --pull]}
ci:
  install: ["python -m pip install -e '.[test]'"]
  test: [pytest -q]
  runs_on: ubuntu-24.04
  check_generated: "mlops-compiler @ git+https://github.com/acme/mlops-compiler@v0.1.0"
  actions:
    actions/checkout: {sha: 08eba0b27e820071cde6df949e0beb9ba4906955, version: v4.3.0}
cd:
  images: [serve]
  deploy:
    - {environment: production, command: ./rollout.sh, secrets: {HOOK: PROD_HOOK}}
retraining:
  schedule: "*/30 6-18 * JAN-MAR MON-FRI"
  keepalive: false
"""


@functools.cache
def case_outputs() -> dict[str, dict[str, str]]:
    """``{case: {path: text}}`` for every example and the kitchen-sink spec."""
    cases = {
        spec.parent.name: compile_spec(spec).texts()
        for spec in sorted(ROOT.glob("examples/*/mlops.yaml"))
    }
    with tempfile.TemporaryDirectory(prefix="kitchen-sink-") as folder:
        spec = Path(folder) / "mlops.yaml"
        spec.write_text(KITCHEN_SINK, encoding="utf-8")
        cases["kitchen-sink"] = compile_spec(spec).texts()
    cases["monorepo-sink"] = _in_a_monorepo("ml/sink", KITCHEN_SINK)
    serving = ROOT / "examples/serving"
    kept = '  repository_root: "."\n'
    text = (serving / "mlops.yaml").read_text(encoding="utf-8")
    cases["monorepo-serving"] = _in_a_monorepo("apps/serving", text.replace(kept, ""), serving)
    return cases


def _in_a_monorepo(folder: str, spec_text: str, source: Path | None = None) -> dict[str, str]:
    """The outputs of ``spec_text`` at ``folder`` of a git repository, keyed by their path from
    the repository's root (the workflows are at the root's `.github/workflows/`)."""
    with tempfile.TemporaryDirectory(prefix="monorepo-") as repository:
        (Path(repository) / ".git").mkdir()
        project = Path(repository, folder)
        if source is not None:
            shutil.copytree(source, project, ignore=shutil.ignore_patterns(".mlops", ".github"))
        project.mkdir(parents=True, exist_ok=True)
        (project / "mlops.yaml").write_text(spec_text, encoding="utf-8")
        texts = compile_spec(project / "mlops.yaml").texts()
    return {posixpath.normpath(posixpath.join(folder, path)): text for path, text in texts.items()}
