"""`mlops verify`: the tools that own each generated format judge the compiled output.

The spec is compiled in memory and written to a scratch folder (with the params and vars files
the stages read); nothing in the project changes. DVC and MLflow load their files with their own
code, in a subprocess of this interpreter (``probes/``), so neither is imported by the compiler.
Command-line linters run when they are on PATH or in this interpreter's venv. Every (file, tool)
pair gets PASS, FAIL or MISSING (the tool is not installed, with how to install it); a file no
tool owns gets NONE.
"""

from __future__ import annotations

import importlib.util
import json
import os
import posixpath
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import yaml

from mlops_compiler import ir
from mlops_compiler.compiler import check_spec
from mlops_compiler.dataclass import dataclass
from mlops_compiler.families.linters import Linter
from mlops_compiler.families.table import FAMILIES
from mlops_compiler.render.engine import OutputTree, render_project

Status = Literal["PASS", "FAIL", "MISSING", "NONE"]
TIMEOUT = 300.0
"""Seconds one tool may take before it is killed and its files reported as failed."""

_PROBES = Path(__file__).resolve().parent / "probes"
_ENV = {"DVC_NO_ANALYTICS": "1", "DO_NOT_TRACK": "1", "MLFLOW_DISABLE_TELEMETRY": "true"}


@dataclass(frozen=True)
class Result:
    """One tool's verdict on one generated file."""

    path: str
    tool: str
    status: Status
    detail: str


def verify(
    spec_path: Path,
    *,
    timeout: float = TIMEOUT,
    progress: Callable[[str], None] | None = None,
) -> list[Result]:
    """Compile ``spec_path`` in memory and let every owning tool judge the result.

    ``progress`` is told each step before it starts (the CLI shows it on a terminal).
    """
    tell = progress or (lambda step: None)
    project, _warnings = check_spec(spec_path)
    tree = render_project(project)
    with tempfile.TemporaryDirectory(prefix="mlops-verify-") as scratch:
        # The spec's folder keeps its place in the repository: a monorepo's workflows are
        # `../.github/workflows/...`, and must land inside the scratch folder too.
        staging = Path(scratch, "project", *project.placement.prefix.split("/"))
        _stage_files(tree, project, spec_path.parent, staging)
        tell("dvc")
        results = _probe_dvc(tree, project, staging, Path(scratch) / "dvc", timeout)
        tell("mlflow")
        results += _probe_mlflow(tree, staging, timeout)
        for linter in _linters():
            tell(linter.name)
            results += _lint(linter, tree, staging, timeout)
    checked = {result.path for result in results}
    results += [
        Result(path, "-", "NONE", "no owning tool checks this format")
        for path in tree.files
        if path not in checked
    ]
    return sorted(results, key=lambda r: (r.path, r.tool))


def _stage_files(tree: OutputTree, project: ir.Project, source: Path, staging: Path) -> None:
    for relative, file in tree.files.items():
        target = staging / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(file.text, encoding="utf-8")
    for relative in _read_by_stages(project):
        origin = source / relative
        if origin.is_file() and not (staging / relative).exists():
            (staging / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(origin, staging / relative)


def _pipelines(project: ir.Project) -> list[ir.Pipeline]:
    """The root pipeline and those of `pipelines:` (each with the path it is written to)."""
    layout = getattr(project, "layout", None)
    more = list(getattr(layout, "pipelines", ()))
    return ([project.pipeline] if project.pipeline is not None else []) + more


def _read_by_stages(project: ir.Project) -> list[str]:
    """The params and vars files DVC reads to load the pipelines (not the data)."""
    files = []
    for pipeline in _pipelines(project):
        folder = posixpath.dirname(pipeline.path)
        files += [
            posixpath.join(folder, entry.split(":")[0])
            for entry in pipeline.vars
            if isinstance(entry, str)
        ]
        for stage in pipeline.stages:
            wdir = posixpath.join(folder, stage.body.wdir or "")
            files += [posixpath.join(wdir, r.file) for r in stage.body.params if r.file is not None]
    return [
        posixpath.normpath(f)
        for f in files
        if "${" not in f and not f.startswith("/") and ".." not in posixpath.normpath(f).split("/")
    ]


# -- DVC and MLflow, through their own loaders ---------------------------------------------------

_PIP_VERIFY = "pip install 'mlops-compiler[verify]'"


def _dvc_files(tree: OutputTree, project: ir.Project) -> list[str]:
    layout = getattr(project, "layout", None)
    params = {"params.yaml", *(f.path for f in getattr(layout, "params_files", ()))}
    return [
        path
        for path in tree.files
        if path == ".dvc/config" or posixpath.basename(path) == "dvc.yaml" or path in params
    ]


def _probe_dvc(
    tree: OutputTree, project: ir.Project, staging: Path, work: Path, timeout: float
) -> list[Result]:
    owned = _dvc_files(tree, project)
    if not owned:
        return []
    if importlib.util.find_spec("dvc") is None:
        return _missing(owned, "dvc", f"DVC is not installed: {_PIP_VERIFY} (or pip install dvc)")
    command = [sys.executable, str(_PROBES / "dvc_probe.py"), str(staging), str(work)]
    return _probe_results(owned, "dvc", command, staging.parent / "dvc.json", timeout)


def _probe_mlflow(tree: OutputTree, staging: Path, timeout: float) -> list[Result]:
    projects = [path for path in tree.files if posixpath.basename(path).lower() == "mlproject"]
    if projects and importlib.util.find_spec("mlflow") is None:
        hint = f"MLflow is not installed: {_PIP_VERIFY} (or pip install mlflow-skinny)"
        return _missing(projects, "mlflow", hint)
    results = []
    for index, project in enumerate(projects):
        folder = posixpath.dirname(project)
        command = [sys.executable, str(_PROBES / "mlflow_probe.py"), str(staging / folder)]
        report = staging.parent / f"mlflow-{index}.json"
        results += _probe_results([project], "mlflow", command, report, timeout, folder, tree)
    return results


def _probe_results(
    owned: list[str],
    tool: str,
    command: list[str],
    report_path: Path,
    timeout: float,
    prefix: str = "",
    tree: OutputTree | None = None,
) -> list[Result]:
    """Run a probe (``python probe.py REPORT ARGS...``) and read its per-file verdicts: one for
    each of ``owned``, and for any other file of ``tree`` the probe judged (an environment
    file an MLproject names)."""
    code, output = _run([*command[:2], str(report_path), *command[2:]], report_path.parent, timeout)
    try:
        report = json.loads(report_path.read_text(encoding="utf-8"))
        verdicts = {posixpath.join(prefix, path): v for path, v in report["files"].items()}
    except (OSError, KeyError, ValueError):
        detail = f"{tool} crashed (exit {code}): {_tail(output)}"
        return [Result(path, tool, "FAIL", detail) for path in owned]
    results = []
    judged = [path for path in verdicts if tree is not None and path in tree.files]
    for path in dict.fromkeys([*owned, *judged]):
        verdict = verdicts.get(path)
        if verdict is not None:
            status: Status = "PASS" if verdict["ok"] else "FAIL"
            results.append(Result(path, tool, status, str(verdict["detail"])))
        elif report.get("error"):
            results.append(Result(path, tool, "FAIL", str(report["error"])))
        elif tool == "dvc" and report.get("loaded") and path.endswith("dvc.yaml"):
            results.append(Result(path, tool, "PASS", f"{tool}: loads, no stages"))
        elif tool == "dvc" and report.get("loaded"):
            results.append(Result(path, tool, "NONE", f"{tool} reads it only through a stage"))
        else:
            detail = f"not checked: {tool} stopped at an earlier file"
            results.append(Result(path, tool, "FAIL", detail))
    return results


# -- command-line linters ------------------------------------------------------------------------


def _linters() -> list[Linter]:
    """Every family's owning tools (DVC's and MLflow's are the probes above)."""
    return [linter for family in FAMILIES for linter in family.steps().linters()]


def _lint(linter: Linter, tree: OutputTree, staging: Path, timeout: float) -> list[Result]:
    owned = [path for path, file in tree.files.items() if linter.owns(path, _documents(file.text))]
    if not owned:
        return []
    executable = find_tool(*linter.executables)
    if executable is None:
        return _missing(owned, linter.name, f"{linter.name} is not installed: {linter.install}")
    results = []
    for path in owned:
        code, output = _run([executable, *linter.args, path], staging, timeout)
        if code == 0:
            results.append(Result(path, linter.name, "PASS", f"{linter.name}: no findings"))
        else:
            detail = f"{linter.name} (exit {code}): {_tail(output)}"
            results.append(Result(path, linter.name, "FAIL", detail))
    return results


def _documents(text: str) -> Any:
    try:
        return list(yaml.safe_load_all(text))
    except yaml.YAMLError:
        return None


def find_tool(*names: str) -> str | None:
    """The first of ``names`` on PATH, in this interpreter's venv, or in ``.tools/`` (npm)."""
    places = [
        Path(sys.executable).parent,
        Path.cwd() / ".tools/node_modules/.bin",
        Path(__file__).resolve().parents[1] / ".tools/node_modules/.bin",
    ]
    for name in names:
        found = shutil.which(name)
        if found:
            return found
        for place in places:
            if (place / name).is_file() and os.access(place / name, os.X_OK):
                return str(place / name)
    return None


def _missing(paths: list[str], tool: str, detail: str) -> list[Result]:
    return [Result(path, tool, "MISSING", detail) for path in paths]


def _run(command: list[str], cwd: Path, timeout: float) -> tuple[int, str]:
    try:
        completed = subprocess.run(
            command,
            cwd=cwd,
            env={**os.environ, **_ENV},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return 124, f"killed after {timeout:g} s"
    except OSError as exc:
        return 127, f"could not run {command[0]}: {exc.strerror or exc}"
    return completed.returncode, completed.stdout + completed.stderr


def _tail(output: str, lines: int = 6) -> str:
    kept = [line.rstrip() for line in output.strip().splitlines() if line.strip()][-lines:]
    return " | ".join(kept) if kept else "(no output)"
