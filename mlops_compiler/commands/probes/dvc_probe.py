"""Load generated DVC files with DVC's own code; print a JSON report; run by `mlops verify`.

Usage: python dvc_probe.py REPORT STAGING WORK. WORK becomes a DVC repository (no git) first, then
STAGING's files are copied over it, so a generated .dvc/config replaces DVC's empty one.
REPORT gets {"files": {path: {"ok": bool, "detail": str}}, "loaded": bool, "error": str} (a
file: DVC's logger writes to the stdout it found at import, whatever ``sys.stdout`` is later).
Every dvc.yaml with stages and every params file a stage reads gets a verdict.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any


def main(staging: Path, work: Path) -> dict[str, Any]:
    import dvc  # type: ignore[import-untyped,unused-ignore]
    from dvc.dependency.param import ParamsDependency  # type: ignore[import-untyped,unused-ignore]
    from dvc.repo import Repo  # type: ignore[import-untyped,unused-ignore]

    Repo.init(str(work), no_scm=True)
    shutil.copytree(staging, work, dirs_exist_ok=True)
    files: dict[str, dict[str, Any]] = {}
    name = f"dvc {dvc.__version__}"
    try:
        repo = Repo(str(work), config={"core": {"no_scm": True}})
        remotes = sorted(repo.config.get("remote", {}))
    except Exception as exc:  # a config DVC refuses: schema, unknown option
        files[".dvc/config"] = {"ok": False, "detail": f"{name}: {_describe(exc)}"}
        return {"files": files, "loaded": False}
    files[".dvc/config"] = {"ok": True, "detail": f"{name}: remotes {', '.join(remotes)}"}
    try:
        stages = list(repo.index.stages)
        graph = repo.index.graph  # cycles, duplicate and overlapping outputs
    except Exception as exc:
        return {"files": files, "loaded": False, "error": f"{name}: {_describe(exc)}"}
    by_file: dict[str, list[Any]] = {}
    for stage in stages:
        by_file.setdefault(_relative(stage.dvcfile.path, work), []).append(stage)
    for path, owned in by_file.items():
        edges = sum(1 for u, v in graph.edges if u in owned)
        detail = f"{name}: {len(owned)} stage(s) load, {edges} edge(s), no cycle"
        files[path] = {"ok": True, "detail": detail}
    problems: dict[str, list[str]] = {}
    for stage in stages:
        for dep in stage.deps:
            if isinstance(dep, ParamsDependency):
                params_file = _relative(dep.fs_path, work)
                try:
                    dep.get_hash()  # raises when a key or the params file is missing
                    problems.setdefault(params_file, [])
                except Exception as exc:
                    problems.setdefault(params_file, []).append(
                        f"stage {stage.addressing}: {_describe(exc)}"
                    )
    for path, found in problems.items():
        files[path] = (
            {"ok": False, "detail": f"{name}: " + "; ".join(found)}
            if found
            else {"ok": True, "detail": f"{name}: every params key of every stage resolves"}
        )
    return {"files": files, "loaded": True}


def _relative(path: str, root: Path) -> str:
    return Path(path).resolve().relative_to(root.resolve()).as_posix()


def _describe(exc: BaseException) -> str:
    text = " ".join(f"{type(exc).__name__}: {exc}".split())
    return f"{text} ({exc.__cause__})" if exc.__cause__ else text


if __name__ == "__main__":
    report = main(Path(sys.argv[2]), Path(sys.argv[3]))
    Path(sys.argv[1]).write_text(json.dumps(report), encoding="utf-8")
