"""What reading a workflow collects (``_Read``), what it becomes (``WorkflowModel``), and the
checks every job and step shares: permissions, variables, the section's fragment.
"""

from __future__ import annotations

import re
from dataclasses import field
from typing import Any, Literal

from mlops_compiler.dataclass import dataclass

Section = Literal["ci", "cd", "retraining"]
TARGETS: dict[Section, str] = {
    "ci": ".github/workflows/ci.yml",
    "cd": ".github/workflows/cd.yml",
    "retraining": ".github/workflows/retrain.yml",
}
"""The workflow each section writes (fixed paths)."""
JOBS: dict[Section, str] = {"ci": "pipeline", "retraining": "retrain", "cd": "promote"}
"""The generated job that carried steps are appended to."""

_SETUP = frozenset(
    {
        "actions/checkout",
        "actions/setup-python",
        "actions/cache",
        "iterative/setup-dvc",
        "iterative/setup-cml",
        "docker/setup-buildx-action",
        "docker/setup-qemu-action",
        "docker/login-action",
        "docker/metadata-action",
    }
)
"""Actions every generated workflow has its own (pinned) equivalent of."""
_SHA = re.compile(r"^[0-9a-f]{40}$")
_BRANCH = re.compile(r"^[A-Za-z0-9._/*-]+$")
_RUNNER = re.compile(r"^[A-Za-z0-9._-]+$")
_SECRET = re.compile(r"^\$\{\{\s*secrets\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$")
_TOKEN = re.compile(r"^\$\{\{\s*(secrets\.GITHUB_TOKEN|github\.token)\s*\}\}$")
_TOKEN_VARS = frozenset({"GITHUB_TOKEN", "REPO_TOKEN", "GH_TOKEN"})
_CREDENTIAL_VARS = frozenset(
    {
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "GOOGLE_APPLICATION_CREDENTIALS_JSON",
        "GDRIVE_CREDENTIALS_DATA",
        "AZURE_STORAGE_CONNECTION_STRING",
        "DVC_REMOTE_USER",
        "DVC_REMOTE_PASSWORD",
        "DVC_SSH_KEY",
    }
)
"""Variables that carry the DVC remote's credentials (`ci.remote_credentials`)."""

Phase = Literal["install", "lint", "test", "reproduce"]
_ORDER: dict[Phase, int] = {"install": 0, "lint": 1, "test": 2, "reproduce": 3}
_INSTALL = re.compile(
    r"^(sudo\s+)?((python3?\s+-m\s+)?pip3?\s+install|pipx\s+install|poetry\s+install|"
    r"pipenv\s+install|uv\s+(pip\s+install|sync)|conda\s+install|apt(-get)?\s+(update|install)|"
    r"pip\s+freeze|python3?\s+-m\s+pip\s+freeze)\b"
)
_RUNNER_PREFIX = r"((poetry|pipenv|uv|pdm|hatch)\s+run\s+)?"
"""`poetry run pytest` tests as `pytest` does."""
_LINT = re.compile(
    r"^"
    + _RUNNER_PREFIX
    + r"((python3?\s+-m\s+)?(ruff|flake8|pylint|mypy|black|isort|pyright|bandit|pydocstyle|"
    r"pycodestyle|yamllint)|pre-commit\s+run|make\s+lint)\b"
)
_TEST = re.compile(
    r"^"
    + _RUNNER_PREFIX
    + r"((python3?\s+-m\s+)?(pytest|unittest|tox|nox|coverage)|make\s+test|py\.test)\b"
)
_REPRO = re.compile(r"^" + _RUNNER_PREFIX + r"dvc\s+(repro|exp\s+run)\b")
_DVC_STEP = re.compile(
    r"^dvc\s+(pull|fetch|checkout|metrics|plots|params|dag|status|version|doctor|remote)\b"
)
_CML = re.compile(r"^(npx\s+)?cml(-send-comment|-publish)?\b")
_DOCKER = re.compile(r"^(sudo\s+)?docker(-compose)?\s+(build|push|login|buildx|compose|tag)\b")
_REPORT = re.compile(r"^(echo|cat|printf)\b.*>>?\s*\S+\.md\s*$|^git\s+fetch\b")
_MAX_SHOWN = 3
CARRY = "carried"
"""`_run`'s answer for a script after the pipeline's steps: appended after the generated ones."""


@dataclass(frozen=True)
class WorkflowModel:
    """What a section says for one workflow, what is carried, and how the generated differs."""

    section: Section
    fragment: dict[str, Any]
    """The section's entry (`ci:`, `cd:` or `retraining:`)."""
    python: str | None
    """The Python version its set-up asks for (`project.python`)."""
    patches: tuple[dict[str, Any], ...]
    """`overrides` patches on the generated workflow: the steps carried."""
    differences: tuple[str, ...]
    reproduces: bool
    """It runs the pipeline: the spec's root `pipeline` must exist."""
    dockerfiles: tuple[str, ...] = ()
    """For `cd`: the Dockerfiles it builds (each must be modelled by `images`)."""
    registry: dict[str, Any] | None = None
    """For `cd`: `images.registry`, from its `docker/login-action`."""

    @property
    def target(self) -> str:
        """The generated workflow that replaces it."""
        return TARGETS[self.section]


@dataclass
class _Read:
    python: list[str] = field(default_factory=list)
    commands: dict[Phase, list[str]] = field(
        default_factory=lambda: {"install": [], "lint": [], "test": []}
    )
    phase: Phase | None = None
    reproduce: bool = False
    carried: list[dict[str, Any]] = field(default_factory=list)
    credentials: dict[str, str] = field(default_factory=dict)
    unpinned: list[str] = field(default_factory=list)
    differences: list[str] = field(default_factory=list)
    runners: list[str] = field(default_factory=list)
    timeouts: list[int] = field(default_factory=list)
    permissions: bool = False
    job_env: dict[str, Any] = field(default_factory=dict)
    """Variables of the workflow and its jobs, carried to the generated job's `env`."""
    writes: list[str] = field(default_factory=list)
    """The scopes the original's token may write (`write-all`: every one)."""
    dockerfiles: list[str] = field(default_factory=list)
    registry: dict[str, Any] | None = None
    deploy: list[dict[str, Any]] = field(default_factory=list)


def _matrix(job_id: str, strategy: Any, read: _Read) -> dict[str, list[Any]] | str:
    if strategy is None:
        return {}
    matrix = strategy.get("matrix") if isinstance(strategy, dict) else None
    if not isinstance(matrix, dict) or any(k not in ("matrix", "fail-fast") for k in strategy):
        return f"job `{job_id}`: its `strategy` is not a matrix of Python versions"
    versions = matrix.get("python-version", matrix.get("python"))
    if len(matrix) != 1 or not isinstance(versions, list) or not versions:
        return (
            f"job `{job_id}`: a matrix of {', '.join(map(str, matrix))}: a generated job runs once"
        )
    shown = [str(v) for v in versions]
    newest = max(shown, key=_version_key)
    read.differences.append(f"runs on Python {newest} only, not each of {', '.join(shown)}")
    return {"python-version": [newest], "python": [newest]}


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in version.split("."))


def _env(read: _Read, env: Any, where: str, *, carry: bool = False) -> str | None:
    """Variables the generated workflow sets itself: the token, the remote's credentials.

    ``carry``: the workflow's or a job's `env`: any other variable is carried to the generated
    job's `env` (a step's own variables make the step one with no place).
    """
    if env is None:
        return None
    if not isinstance(env, dict):
        return f"{where} is not a mapping"
    for name, value in env.items():
        text = str(value)
        if name in _TOKEN_VARS and _TOKEN.match(text):
            continue
        secret = _SECRET.match(text)
        if name in _CREDENTIAL_VARS and secret is not None:
            read.credentials[str(name)] = secret.group(1)
            continue
        if carry and isinstance(name, str) and isinstance(value, str | int | float | bool):
            read.job_env[name] = value
            continue
        return f"{where} sets {name}: the generated steps set their own variables"
    return None


def _describe(step: dict[str, Any]) -> str:
    if isinstance(step.get("uses"), str):
        return f"uses {str(step['uses']).split('@', 1)[0]}"
    run = str(step.get("run", "")).strip().split("\n", 1)[0]
    return f"run {run[:40]}{'...' if len(run) > 40 else ''}"


def _lines(run: str) -> list[str]:
    """The commands of a `run:` script: continuation lines joined, comments and blanks out."""
    lines: list[str] = []
    pending = ""
    for raw in run.split("\n"):
        line = raw.strip()
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        line = (pending + line).strip()
        pending = ""
        if line and not line.startswith("#"):
            lines.append(line)
    if pending.strip():
        lines.append(pending.strip())
    return lines


def _common(fragment: dict[str, Any], read: _Read) -> None:
    """What every generated job shares: the runner and the timeout."""
    runners = list(dict.fromkeys(read.runners))
    if runners and runners[0] != "ubuntu-latest":
        fragment["runs_on"] = runners[0]
    if len(runners) > 1:
        read.differences.append(f"runs on {runners[0]} only, not also {', '.join(runners[1:])}")
    if read.timeouts:
        if max(read.timeouts) != 60:
            fragment["timeout_minutes"] = max(read.timeouts)
    else:
        read.differences.append("a job stops after 60 minutes (GitHub's default is 360)")


def _grants(read: _Read, permissions: Any) -> None:
    if permissions == "write-all":
        read.writes.append("write-all")
    elif isinstance(permissions, dict):
        read.writes += [str(k) for k, v in permissions.items() if v == "write"]


_WRITES: dict[Section, frozenset[str]] = {
    "ci": frozenset(),
    "cd": frozenset({"packages"}),
    "retraining": frozenset({"contents", "pull-requests", "actions"}),
}
"""What each section's generated token may write (ci: pull-requests too when it reproduces)."""


def _denied(section: Section, read: _Read) -> str | None:
    """A write the original's commands may need and the generated token would not have."""
    allowed = _WRITES[section] | ({"pull-requests"} if read.reproduce else set())
    denied = [scope for scope in dict.fromkeys(read.writes) if scope not in allowed]
    if not denied:
        return None
    return (
        f"it asks for `{denied[0]}: write`"
        if denied[0] != "write-all"
        else "it asks for `write-all`"
    ) + f", which the token of `{section}`'s workflow does not have (its steps may need it)"


def _model(section: Section, fragment: dict[str, Any], read: _Read) -> WorkflowModel | str:
    denied = _denied(section, read)
    if denied is not None:
        return denied
    if read.unpinned:
        shown = ", ".join(read.unpinned[:_MAX_SHOWN])
        more = (
            f" and {len(read.unpinned) - _MAX_SHOWN} more"
            if len(read.unpinned) > _MAX_SHOWN
            else ""
        )
        read.differences.append(f"actions are pinned to commit SHAs (was {shown}{more})")
    read.differences.append(
        "each job's token asks only for what it needs"
        + (" (was the repository's default permissions)" if not read.permissions else "")
    )
    for step in read.carried:
        if any(_CML.match(line) for line in _lines(str(step.get("run", "")))):
            return (
                f"a step with no place ({_describe(step)}) runs `cml`, and the generated workflow"
                " does not set CML up (it comments with `gh`)"
            )
    if read.job_env and section == "cd":
        return "its `env`: the generated `cd` jobs set their own variables"
    patches: tuple[dict[str, Any], ...] = tuple(
        {"append": f"jobs.{JOBS[section]}.steps", "value": _jsonable(step)} for step in read.carried
    )
    if read.job_env:
        patches = ({"set": f"jobs.{JOBS[section]}.env", "value": dict(read.job_env)}, *patches)
    python = read.python[0] if read.python else None
    if len(set(read.python)) > 1:
        read.differences.append(f"sets up Python {python} only")
    return WorkflowModel(
        section,
        fragment,
        python,
        patches,
        tuple(dict.fromkeys(read.differences)),
        read.reproduce,
        tuple(read.dockerfiles),
        read.registry,
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
