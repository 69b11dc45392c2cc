"""Dump the stage definitions DVC's own loader sees in dvc.yaml files, as JSON.

Usage: python dvc_stages.py --json=OUT ROOT:FILE [ROOT:FILE ...]

For each FILE (a dvc.yaml, relative to ROOT), DVC's ``load_file`` parses and validates it and
resolves every stage (`vars`, `${}`, `foreach`, `matrix`); each stage is written as what DVC
runs: cmd, wdir, deps, params, and every output with its options. A stage (or a whole file)
DVC cannot load is written as its error message, so two files compare equal only if DVC reads
them alike. Nothing is run. Run by ``owning_tools.dvc_stage_definitions``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from dvc.dependency.param import ParamsDependency
from dvc.dvcfile import load_file
from dvc.repo import Repo


def _describe(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}"
    return f"{text} ({exc.__cause__})" if exc.__cause__ else text


def _output(out: Any) -> dict[str, Any]:
    return {
        "path": out.def_path,
        "cache": out.use_cache,
        "persist": out.persist,
        "remote": out.remote,
        "push": out.can_push,
        "metric": out.metric,
        "plot": out.plot,
        "annotation": out.annot.to_dict(),
    }


def _stage(stage: Any, root: Path) -> dict[str, Any]:
    deps = [dep for dep in stage.deps if not isinstance(dep, ParamsDependency)]
    params = [dep for dep in stage.deps if isinstance(dep, ParamsDependency)]
    return {
        "cmd": stage.cmd,
        "wdir": os.path.relpath(stage.wdir, root),
        "deps": [dep.def_path for dep in deps],
        "params": [[dep.def_path, dep.params] for dep in params],
        "outs": [_output(out) for out in stage.outs],
        "frozen": stage.frozen,
        "always_changed": stage.always_changed,
        "desc": stage.desc,
        "meta": stage.meta,
    }


def dump_file(repo: Repo, root: Path, file: str) -> dict[str, Any]:
    try:
        # DVC reads only files named dvc.yaml; a dvc.yml is loaded as if it were one, to show
        # what it would mean (its name is reported separately, as DVC never reads it).
        dvcfile = load_file(repo, str(root / file), verify=file.endswith("dvc.yaml"))
        stages = dvcfile.stages
        names = list(stages.keys())
    except Exception as exc:  # a broken file can raise anything
        return {"error": _describe(exc)}
    result: dict[str, Any] = {}
    for name in names:
        try:
            result[name] = _stage(stages[name], root)
        except Exception as exc:
            result[name] = {"error": _describe(exc)}
    top: dict[str, Any] = {}
    for key in ("params", "metrics", "plots", "artifacts", "datasets"):
        try:
            top[key] = getattr(dvcfile, key)
        except Exception as exc:
            top[key] = {"error": _describe(exc)}
    return {"stages": result, "top": top}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", required=True, type=Path)
    parser.add_argument("targets", nargs="+", help="ROOT:FILE")
    args = parser.parse_args(argv)
    out: dict[str, Any] = {}
    repos: dict[str, Repo] = {}
    for target in args.targets:
        root_text, _, file = target.rpartition(":")
        root = Path(root_text).resolve()
        if root_text not in repos:
            repos[root_text] = Repo(str(root), uninitialized=True)
        out[target] = dump_file(repos[root_text], root, file)
    args.json.write_text(json.dumps(out, indent=2, default=repr), encoding="utf-8")
    print(f"dvc: dumped {len(out)} file(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
