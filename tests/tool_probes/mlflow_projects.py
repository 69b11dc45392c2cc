"""Dump what MLflow's own project loader sees in several MLprojects, as JSON.

Usage: python mlflow_projects.py --json=OUT DIRECTORY [DIRECTORY ...]

For each DIRECTORY holding an MLproject (any spelling MLflow accepts), ``mlproject.check``
loads it with ``mlflow.projects._project_spec.load_project`` (name, environment type and file,
entry points with their parameters and the command built from the defaults), and the
environment is added as MLflow reads it: the conda or python_env file's data, or the
``docker_env`` mapping. Nothing is run. Run by ``owning_tools.mlflow_project_definitions``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml
from mlflow.projects import _project_spec
from mlproject import check  # the sibling probe: MLflow's loader plus what it lets through


def _environment(directory: Path) -> Any:
    try:
        project = _project_spec.load_project(str(directory))
    except Exception as exc:  # reported by check() already
        return {"error": f"{type(exc).__name__}: {exc}"}
    if project.env_config_path:
        try:
            return yaml.safe_load(Path(project.env_config_path).read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            return {"error": f"{type(exc).__name__}: {exc}"}
    return {"docker_env": project.docker_env}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", required=True, type=Path)
    parser.add_argument("directories", nargs="+", type=Path)
    args = parser.parse_args(argv)
    out = {}
    for directory in args.directories:
        result = check(directory)
        result["environment"] = _environment(directory)
        out[str(directory)] = result
    args.json.write_text(json.dumps(out, indent=2, default=str), encoding="utf-8")
    print(f"MLflow: loaded {len(out)} project(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
