"""Read a Kubernetes backend config with MLflow's own code and build the Job it would submit.

Usage: python mlflow_kubernetes.py --json=OUT CONFIG.json  (paths in it relative to the cwd)

Writes ``{"config": {...}, "job": {...}, "errors": [...]}`` to OUT: MLflow's parsed backend
config and the Job definition ``mlflow run --backend kubernetes`` would create for a project
named `probe`. Exit 1 when MLflow refuses the config. Nothing is submitted.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from mlflow.projects import _parse_kubernetes_config
from mlflow.projects.kubernetes import _get_kubernetes_job_definition

DIGEST = "sha256:" + "0" * 64


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", required=True, type=Path)
    parser.add_argument("config", type=Path)
    args = parser.parse_args(argv)
    result: dict[str, Any] = {"errors": []}
    try:
        config = _parse_kubernetes_config(json.loads(args.config.read_text(encoding="utf-8")))
        result["config"] = config
        result["job"] = _get_kubernetes_job_definition(
            project_name="probe",
            image_tag=f"{config['repository-uri']}:0123abc",
            image_digest=DIGEST,
            command=["python", "src/train.py"],
            env_vars={"MLFLOW_RUN_ID": "0" * 32},
            job_template=config["kube-job-template"],
        )
    except Exception as exc:  # the verdict is the point: report every failure as data
        result["errors"].append(f"{type(exc).__name__}: {exc}")
    args.json.write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
    for error in result["errors"]:
        print(error)
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
