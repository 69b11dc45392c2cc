"""Load a generated MLflow project with MLflow's own loader; print a JSON report.

Usage: python mlflow_probe.py REPORT PROJECT_DIR. Loads MLproject, builds every entry point's
command from its defaults (a placeholder for a parameter without one, and an existing folder for
every `path` parameter: MLflow checks that a path exists, and a pipeline's outputs do not before
it runs) and reads the environment file. Nothing is run. REPORT gets {"files": {path: {"ok":
bool, "detail": str}}}.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

_PLACEHOLDERS = {"float": "1.0", "int": "1", "uri": "file:///placeholder", "path": "."}


def main(root: Path) -> dict[str, Any]:
    import mlflow  # type: ignore[import-untyped,unused-ignore]
    from mlflow.projects import _project_spec  # type: ignore[import-untyped,unused-ignore]

    name = f"mlflow {mlflow.__version__}"
    files: dict[str, dict[str, Any]] = {}
    # MLflow finds MLproject in any letter case; report it under its own name.
    found = _project_spec._find_mlproject(str(root))  # type: ignore[no-untyped-call,unused-ignore]
    mlproject = Path(found).name if found else "MLproject"
    try:
        project = _project_spec.load_project(str(root))  # type: ignore[no-untyped-call,unused-ignore]
        with tempfile.TemporaryDirectory() as storage:
            for entry in project._entry_points.values():
                values = {
                    key: _PLACEHOLDERS.get(param.type, "placeholder")
                    for key, param in entry.parameters.items()
                    if param.default is None or param.type == "path"
                }
                entry.compute_command(values, storage)
    except Exception as exc:
        files[mlproject] = {"ok": False, "detail": f"{name}: {_describe(exc)}"}
        return {"files": files}
    count = len(project._entry_points)
    files[mlproject] = {"ok": True, "detail": f"{name}: {count} entry point(s) load and build"}
    env = project.env_config_path
    if env:
        relative = Path(env).resolve().relative_to(root.resolve()).as_posix()
        files[relative] = _environment(Path(env), name)
    return {"files": files}


def _environment(path: Path, name: str) -> dict[str, Any]:
    try:
        if path.name == "python_env.yaml":
            from mlflow.utils.environment import _PythonEnv  # type: ignore[import-untyped,unused-ignore]

            env = _PythonEnv.from_yaml(str(path))  # type: ignore[no-untyped-call,unused-ignore]
            return {"ok": True, "detail": f"{name}: python {env.python}"}
        import yaml

        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("dependencies"), list):
            return {"ok": False, "detail": f"{name}: no `dependencies` list in {path.name}"}
        return {"ok": True, "detail": f"{name}: conda environment `{data.get('name')}`"}
    except Exception as exc:
        return {"ok": False, "detail": f"{name}: {_describe(exc)}"}


def _describe(exc: BaseException) -> str:
    return " ".join(f"{type(exc).__name__}: {exc}".split())


if __name__ == "__main__":
    report = main(Path(sys.argv[2]))
    Path(sys.argv[1]).write_text(json.dumps(report), encoding="utf-8")
