"""Static check of a DVC pipeline with DVC's own ``Repo`` API; no stage is run.

Usage: python dvc_static.py --json=OUT [--missing-deps=error|warn] [REPO_DIR]

REPO_DIR must be a git + DVC repository. Prints one line per finding and writes
``{"stages", "edges", "errors", "warnings"}`` to OUT; exit 1 when there are errors.
Run by ``owning_tools.dvc_static_check``, in its isolated environment.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from dvc.dependency.param import ParamsDependency
from dvc.exceptions import DvcException
from dvc.repo import Repo


def _describe(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}"
    return f"{text} ({exc.__cause__})" if exc.__cause__ else text


def check(root: Path, missing_deps: str) -> dict[str, Any]:
    result: dict[str, Any] = {"stages": [], "edges": [], "errors": [], "warnings": []}
    errors: list[str] = result["errors"]
    try:
        repo = Repo(str(root))
        stages = list(repo.index.stages)  # dvc.yaml schema, vars and ${} interpolation
        graph = repo.index.graph  # cycles, duplicate and overlapping outputs
    except Exception as exc:  # DvcException mostly, but a broken file can raise anything
        errors.append(f"dvc: {_describe(exc)}")
        return result
    result["stages"] = [s.addressing for s in stages]
    # DVC's edges point from a stage to the stage producing one of its dependencies.
    result["edges"] = sorted([v.addressing, u.addressing] for u, v in graph.edges)
    produced = [Path(o.fs_path).absolute() for s in stages for o in s.outs]
    for stage in stages:
        for dep in stage.deps:
            if isinstance(dep, ParamsDependency):
                try:
                    dep.get_hash()  # raises when a key or the params file is missing
                except DvcException as exc:
                    errors.append(f"stage {stage.addressing}: {exc}")
                continue
            path = Path(dep.fs_path).absolute()
            made = any(path == p or p in path.parents for p in produced)
            if not made and not dep.exists:
                message = (
                    f"stage {stage.addressing}: dep '{dep}' does not exist and no stage outputs it"
                )
                (errors if missing_deps == "error" else result["warnings"]).append(message)
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", required=True, type=Path)
    parser.add_argument("--missing-deps", choices=["error", "warn"], default="error")
    parser.add_argument("root", nargs="?", default=".", type=Path)
    args = parser.parse_args(argv)
    result = check(args.root, args.missing_deps)
    for warning in result["warnings"]:
        print(f"WARN {warning}")
    for error in result["errors"]:
        print(error)
    if not result["errors"]:
        print(f"dvc: {len(result['stages'])} stage(s) OK")
    args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
