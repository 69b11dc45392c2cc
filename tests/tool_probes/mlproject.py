"""Load an MLflow project with MLflow's own loader and check what it silently accepts.

Usage: python mlproject.py --json=OUT [PROJECT_DIR]

Writes ``{"name", "env_type", "env_file", "entry_points", "errors"}`` to OUT (``entry_points``
maps a name to its ``command``, the ``computed`` command and its ``parameters``); prints one
line per error; exit 1 when there are errors. Nothing is run.
Run by ``owning_tools.mlflow_load_project``, in its isolated environment.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

import yaml
from mlflow.projects import _project_spec
from mlflow.utils.environment import _PythonEnv

KNOWN_TOP = {
    "name",
    "python_env",
    "conda_env",
    "docker_env",
    "entry_points",
    "databricks_spark_job",
}
KNOWN_ENTRY_POINT_KEYS = {"command", "parameters"}
KNOWN_PARAMETER_KEYS = {"type", "default"}
# MLflow documents string, float, path and uri, accepts int in practice and treats any other
# type as a string without a word.
KNOWN_TYPES = {"string", "str", "float", "int", "integer", "path", "uri"}
# A value for a parameter without default, so the command can still be built.
PLACEHOLDER = {"float": "1.0", "int": "1", "integer": "1", "uri": "file:///placeholder"}


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def _default_fits(value: object, type_: str) -> bool:
    if isinstance(value, bool):
        return False
    if type_ == "float":
        if isinstance(value, (int, float)):
            return True
        converter: type[float] | type[int] = float
    else:
        if isinstance(value, int):
            return True
        converter = int
    if not isinstance(value, str):
        return False
    try:
        converter(value)
    except ValueError:
        return False
    return True


def _raw(directory: Path) -> dict[str, Any]:
    found = _project_spec._find_mlproject(str(directory))
    if found is None:
        return {}
    data = yaml.safe_load(Path(found).read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def _check_raw(raw: dict[str, Any], errors: list[str]) -> None:
    errors.extend(
        f"unknown top-level key '{key}' (MLflow ignores it)" for key in sorted(set(raw) - KNOWN_TOP)
    )
    entry_points = raw.get("entry_points")
    if not isinstance(entry_points, dict):
        return
    for ep_name, ep in entry_points.items():
        if not isinstance(ep, dict):
            continue
        errors.extend(
            f"entry point '{ep_name}': unknown key '{key}' (MLflow ignores it)"
            for key in sorted(set(ep) - KNOWN_ENTRY_POINT_KEYS)
        )
        params = ep.get("parameters")
        for pname, spec in (params if isinstance(params, dict) else {}).items():
            if isinstance(spec, dict):
                errors.extend(
                    f"entry point '{ep_name}': parameter '{pname}': unknown key '{key}' "
                    "(MLflow ignores it)"
                    for key in sorted(set(spec) - KNOWN_PARAMETER_KEYS)
                )


def _check_env_file(project: Any, errors: list[str]) -> None:
    path = project.env_config_path
    if not path:
        return
    name = Path(path).name
    if project.env_type == "python_env":
        try:
            _PythonEnv.from_yaml(path)
        except Exception as exc:
            errors.append(f"{name}: {_describe(exc)}")
    elif project.env_type == "conda_env":
        try:
            env = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            errors.append(f"{name}: {_describe(exc)}")
            return
        if not isinstance(env, dict) or not isinstance(env.get("dependencies", []), list):
            errors.append(f"{name}: 'dependencies' must be a list")


def _entry_point(ep_name: str, ep: Any, errors: list[str]) -> dict[str, Any]:
    user: dict[str, object] = {}
    params: dict[str, Any] = {}
    for pname, param in ep.parameters.items():
        params[pname] = {"type": param.type, "default": param.default}
        where = f"entry point '{ep_name}': parameter '{pname}'"
        if param.type not in KNOWN_TYPES:
            errors.append(f"{where} has unknown type '{param.type}'")
        if param.default is None:
            user[pname] = PLACEHOLDER.get(param.type, "placeholder")
        elif param.type in ("float", "int", "integer") and not _default_fits(
            param.default, param.type
        ):
            errors.append(f"{where}: default {param.default!r} is not a {param.type}")
    computed = None
    if not isinstance(ep.command, str) or not ep.command.strip():
        errors.append(f"entry point '{ep_name}': no command")
    else:
        try:
            computed = ep.compute_command(user, storage_dir=None)
        except KeyError as exc:
            errors.append(f"entry point '{ep_name}': command uses undeclared parameter {exc}")
        except Exception as exc:  # IndexError / ValueError from str.format, ExecutionException
            errors.append(f"entry point '{ep_name}': command cannot be built: {_describe(exc)}")
    return {"command": ep.command, "computed": computed, "parameters": params}


def check(directory: Path) -> dict[str, Any]:
    result: dict[str, Any] = {
        "name": None,
        "env_type": None,
        "env_file": None,
        "entry_points": {},
        "errors": [],
    }
    errors: list[str] = result["errors"]
    try:
        project = _project_spec.load_project(str(directory))
    except Exception as exc:  # ExecutionException, YAML errors, AttributeError on bad shapes
        errors.append(f"load_project: {_describe(exc)}")
        return result
    _check_raw(_raw(directory), errors)
    result["name"] = project.name
    result["env_type"] = project.env_type
    if project.env_config_path:
        result["env_file"] = os.path.relpath(project.env_config_path, directory)
    _check_env_file(project, errors)
    if not project._entry_points:
        errors.append("no entry points (is the key spelled `entry_points`?)")
    result["entry_points"] = {
        name: _entry_point(name, ep, errors) for name, ep in project._entry_points.items()
    }
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", required=True, type=Path)
    parser.add_argument("directory", nargs="?", default=".", type=Path)
    args = parser.parse_args(argv)
    result = check(args.directory)
    for error in result["errors"]:
        print(f"MLproject: {error}")
    if not result["errors"]:
        names = ", ".join(result["entry_points"])
        print(f"MLproject: OK ({result['env_type']}, entry points: {names})")
    args.json.write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
