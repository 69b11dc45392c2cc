"""A GitHub workflow in the spec's vocabulary: `ci`, `cd` or `retraining`, or why not.

`ci`, `cd` and `retraining` each generate one workflow of their own shape (ci.yml, cd.yml,
retrain.yml: one job per purpose, actions pinned to commits, least-privilege permissions). A
repository's workflow is modelled when what it does is what one of them says:

- `ci`: on pushes and pull requests (branches kept), set-up actions, then `run` steps that
  install, lint, test (each command kept, in order, under `ci.install` / `ci.lint` / `ci.test`;
  a command the tool does not know joins the phase it runs in), and optionally the DVC/CML
  steps (`dvc pull`, `dvc repro`, `dvc metrics diff`, `cml comment`), which become
  `ci.reproduce`; the runner, the timeout and the Python version are kept.
- `retraining`: on a schedule (and by hand or `repository_dispatch`), reproducing the pipeline.
- `cd`: on pushes to one branch and tags, building and pushing the images `images` models
  (`docker/build-push-action`, its registry from `docker/login-action`), and deploy jobs in
  GitHub environments whose steps are commands.

Steps the spec has no place for, after every step it models, are carried as `append` patches
on the generated job's steps (they run after the generated steps, in their order): the file is
"partly modelled". A step with no place *before* a modelled one (its order would change), a
trigger, matrix, service or container the sections cannot say keeps the file verbatim, with the
reason. The generated workflow is stricter than the original (pinned actions, a per-job token,
one job): each difference is listed, and `mlops import --keep-behaviour` carries the file as it
is instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from mlops_compiler.spec.project import PYTHON_PATTERN

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


def model_workflow(data: dict[Any, Any]) -> WorkflowModel | str:
    """The section modelling the workflow ``data`` (as GitHub reads it), or why it stays."""
    events = _events(data.get("on", data.get(True)))
    if isinstance(events, str):
        return events
    for key in data:
        if key not in ("name", "on", True, "jobs", "permissions", "env", "concurrency", "run-name"):
            return f"the workflow key `{key}`: no section says it"
    if data.get("defaults"):
        return "`defaults:`: no section says it"
    jobs = data.get("jobs")
    if not isinstance(jobs, dict) or not jobs:
        return "no jobs"
    read = _Read(permissions="permissions" in data)
    _grants(read, data.get("permissions"))
    why = _env(read, data.get("env"), "the workflow's `env`", carry=True)
    if why is not None:
        return why
    builds = _builds_images(jobs)
    if "schedule" in events:
        return _retraining(events, jobs, read)
    if builds or any(isinstance(j, dict) and j.get("environment") for j in jobs.values()):
        return _cd(events, jobs, read)
    return _ci(events, jobs, read)


def _events(on: Any) -> dict[str, Any] | str:
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list) and all(isinstance(item, str) for item in on):
        return dict.fromkeys(on)
    if isinstance(on, dict) and all(isinstance(key, str) for key in on):
        return dict(on)
    return "its triggers (`on:`) are not a list or mapping of events"


# -- ci ---------------------------------------------------------------------------------------


def _ci(events: dict[str, Any], jobs: dict[Any, Any], read: _Read) -> WorkflowModel | str:
    unknown = [e for e in events if e not in ("push", "pull_request", "workflow_dispatch")]
    if unknown:
        return f"the trigger `{unknown[0]}`: `ci` runs on pushes and pull requests"
    if "push" not in events and "pull_request" not in events:
        return "it runs neither on pushes nor on pull requests (`ci`) nor on a schedule"
    branches = _branches(events, read)
    if isinstance(branches, str):
        return branches
    if "workflow_dispatch" in events:
        read.differences.append("cannot be run by hand (no `workflow_dispatch`)")
    why = _jobs(jobs, read)
    if why is not None:
        return why
    fragment: dict[str, Any] = {"branches": branches}
    for phase in ("install", "lint", "test"):
        if read.commands[phase]:
            fragment[phase] = list(read.commands[phase])
    if not read.commands["install"]:
        read.differences.append("installs `project.requirements` (or nothing) first")
    fragment["reproduce"] = read.reproduce
    if read.reproduce:
        read.differences.append(
            "comments the metrics and params diff with `gh` on same-repository pull requests"
            " (not CML)"
        )
    _common(fragment, read)
    if read.credentials:
        fragment["remote_credentials"] = dict(read.credentials)
    return _model("ci", fragment, read)


def _branches(events: dict[str, Any], read: _Read) -> list[str] | str:
    """`ci.branches`: the branches of pushes and pull requests (`**`: every branch)."""
    found: list[str] = []
    every = False
    for event in ("push", "pull_request"):
        if event not in events:
            continue
        config = events[event]
        if config is None:
            every = True
            continue
        if not isinstance(config, dict):
            return f"`on.{event}` is not a mapping"
        for key in config:
            if key == "branches":
                continue
            if key in ("paths", "paths-ignore", "types"):
                read.differences.append(f"runs on every {event} (its `{key}` filter is dropped)")
            else:
                return f"`on.{event}.{key}`: `ci` filters by branch only"
        branches = config.get("branches")
        if branches is None:
            every = True
        elif isinstance(branches, list) and all(
            isinstance(b, str) and _BRANCH.match(b) for b in branches
        ):
            found += [b for b in branches if b not in found]
        else:
            return f"`on.{event}.branches` is not a list of branch patterns"
    if "push" not in events or "pull_request" not in events:
        missing = "pull requests" if "push" in events else "pushes"
        read.differences.append(f"runs on {missing} too (`ci` runs on both)")
    if every or not found:
        if found:
            read.differences.append(f"runs for every branch, not only {', '.join(found)}")
        return ["**"]
    return found


def _jobs(jobs: dict[Any, Any], read: _Read) -> str | None:
    """Read every job's steps into ``read``; or why the jobs cannot be one generated job."""
    if len(jobs) > 1:
        read.differences.append(
            f"one job, not {len(jobs)} ({', '.join(map(str, jobs))}): the steps run in order"
        )
    for job_id, job in jobs.items():
        if not isinstance(job, dict):
            return f"job `{job_id}` is not a mapping"
        why = _job(str(job_id), job, read)
        if why is not None:
            return why
    return None


_JOB_KEYS = frozenset(
    {"name", "runs-on", "steps", "needs", "timeout-minutes", "permissions", "strategy", "env"}
)


def _job(job_id: str, job: dict[str, Any], read: _Read) -> str | None:
    for key in job:
        if key not in _JOB_KEYS:
            return f"job `{job_id}`: `{key}` has no place in a generated job"
    runner = job.get("runs-on")
    if not isinstance(runner, str) or not _RUNNER.match(runner):
        return f"job `{job_id}`: `runs-on: {runner}`: a generated job runs on one runner label"
    read.runners.append(runner)
    timeout = job.get("timeout-minutes")
    if isinstance(timeout, int) and not isinstance(timeout, bool) and 1 <= timeout <= 360:
        read.timeouts.append(timeout)
    elif timeout is not None:
        return f"job `{job_id}`: `timeout-minutes: {timeout}` is not a number of minutes"
    read.permissions = read.permissions or "permissions" in job
    _grants(read, job.get("permissions"))
    matrix = _matrix(job_id, job.get("strategy"), read)
    if isinstance(matrix, str):
        return matrix
    why = _env(read, job.get("env"), f"job `{job_id}`: its `env`", carry=True)
    if why is not None:
        return why
    steps = job.get("steps")
    if not isinstance(steps, list):
        return f"job `{job_id}` has no steps"
    for index, step in enumerate(steps):
        if not isinstance(step, dict):
            return f"job `{job_id}`, step {index + 1} is not a mapping"
        why = _step(job_id, index, step, read, matrix)
        if why is not None:
            return why
    return None


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


_STEP_KEYS = frozenset({"name", "id", "uses", "with", "run", "env"})


def _step(
    job_id: str, index: int, step: dict[str, Any], read: _Read, matrix: dict[str, list[Any]]
) -> str | None:
    label = f"job `{job_id}`, step {step.get('name') or index + 1}"
    uses = step.get("uses")
    if isinstance(uses, str) and set(step) <= _STEP_KEYS - {"run"}:
        action, _, ref = uses.partition("@")
        if action in _SETUP:
            if not _SHA.match(ref):
                read.unpinned.append(uses)
            return _setup(action, step.get("with"), read, matrix)
        if action == "pre-commit/action" and not read.carried and read.phase != "reproduce":
            return _pre_commit(step.get("with"), read)
    elif (
        isinstance(step.get("run"), str)
        and set(step) <= _STEP_KEYS - {"uses", "with"}
        and _env(_Read(), step.get("env"), label) is None
    ):
        if read.carried and _run(str(step["run"]), _Read(phase=read.phase)) is None:
            return (
                f"{label} runs after {_describe(read.carried[0])}, which has no place in a"
                " generated workflow: its order would change"
            )
        placed = _run(str(step["run"]), read)
        if placed is None:
            _env(read, step.get("env"), label)
            return None
        if placed != CARRY and read.phase is None:
            return f"{label}: {placed}"
    if read.phase is None:
        return f"{label} ({_describe(step)}) has no place in a generated workflow"
    read.carried.append(_without_expressions(step, read))
    return None


_EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def _without_expressions(step: dict[str, Any], read: _Read) -> dict[str, Any]:
    """A carried `run:` step with each `${{ X }}` of its script passed through its `env:`.

    GitHub pastes an expression's value into the script before the shell reads it (template
    injection: the security policy refuses it); the variable gives the shell the same text as
    data. Only where the shell expands a variable the same way: not inside single quotes (then
    the step is carried as it is, and the policy says so).
    """
    run = step.get("run")
    if not isinstance(run, str) or "${{" not in run or _in_single_quotes(run):
        return step
    env = dict(step.get("env") or {})
    names: dict[str, str] = {}
    for expression in _EXPRESSION.findall(run):
        if expression in names:
            continue
        base = "EXPR_" + (re.sub(r"[^A-Za-z0-9]+", "_", expression).strip("_").upper()[:60] or "X")
        name, number = base, 1
        while name in env and env[name] != "${{ " + expression + " }}":
            number += 1
            name = f"{base}_{number}"
        env[name] = "${{ " + expression + " }}"
        names[expression] = name
    script = _EXPRESSION.sub(lambda found: "${" + names[found.group(1)] + "}", run)
    shown = ", ".join(f"`${{{{ {e} }}}}` as ${n}" for e, n in names.items())
    read.differences.append(f"passes {shown} through the step's env (no template injection)")
    return {**step, "env": env, "run": script}


def _in_single_quotes(script: str) -> bool:
    """Whether some `${{` of ``script`` is inside single quotes (or the quotes do not close)."""
    quote = ""
    index = 0
    while index < len(script):
        char = script[index]
        if quote == "'":
            if char == "'":
                quote = ""
            elif script.startswith("${{", index):
                return True
        elif char == "\\" and quote != "'":
            index += 1
        elif char in "'\"" and (not quote or quote == char):
            quote = "" if quote else char
        index += 1
    return quote == "'"


def _pre_commit(with_: Any, read: _Read) -> str | None:
    """pre-commit/action runs `pre-commit run` with its arguments: a lint command."""
    arguments = with_.get("extra_args") if isinstance(with_, dict) else None
    if arguments is None:
        arguments = "--all-files"
    if not isinstance(arguments, str) or "${{" in arguments:
        return "pre-commit/action's `extra_args` is not plain text"
    read.phase = "lint" if read.phase in (None, "install") else read.phase
    read.commands[read.phase] += [
        "python -m pip install pre-commit",
        f"pre-commit run --show-diff-on-failure --color=always {arguments}",
    ]
    read.differences.append("runs pre-commit itself, without pre-commit/action's cache")
    return None


def _setup(action: str, with_: Any, read: _Read, matrix: dict[str, list[Any]]) -> str | None:
    if action != "actions/setup-python" or not isinstance(with_, dict):
        return None
    version = with_.get("python-version")
    if version is None:
        return None
    text = str(version).strip()
    found = re.fullmatch(r"\$\{\{\s*matrix\.(python-version|python)\s*\}\}", text)
    if found is not None and matrix.get(found.group(1)):
        text = str(matrix[found.group(1)][0])
    if not re.match(PYTHON_PATTERN, text):
        return f"setup-python's python-version `{version}`: `project.python` is `3.X`"
    read.python.append(text)
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


def _run(run: str, read: _Read) -> str | None:
    """Place a `run:` script's commands; or why the step cannot be placed."""
    if "${{" in run:
        return "a `${{ }}` expression in its script (`ci` commands read the environment)"
    lines = _lines(run)
    docker = next((line for line in lines if _DOCKER.match(line)), None)
    if docker is not None:
        return f"`{docker}`: `cd` builds and pushes images with docker/build-push-action"
    pipeline = any(_REPRO.match(line) or _CML.match(line) for line in lines)
    if pipeline or (read.phase == "reproduce" and all(_pipeline_line(line) for line in lines)):
        return _pipeline(lines, read)
    if read.phase == "reproduce":
        return CARRY
    for line in lines:
        kind = _kind(line)
        if kind is not None and (read.phase is None or _ORDER[kind] > _ORDER[read.phase]):
            read.phase = kind
        read.commands[read.phase or "install"].append(line)
        read.phase = read.phase or "install"
    return None


def _pipeline_line(line: str) -> bool:
    return bool(
        _REPRO.match(line) or _DVC_STEP.match(line) or _CML.match(line) or _REPORT.match(line)
    )


def _pipeline(lines: list[str], read: _Read) -> str | None:
    """A script of the pipeline's steps (pull, repro, metrics diff, the CML report)."""
    installs = []
    for line in lines:
        if _pipeline_line(line):
            if _REPRO.match(line) and line.split() != ["dvc", "repro"]:
                read.differences.append(f"runs `dvc repro`, not `{line}`")
        elif line.startswith("dvc push"):
            read.differences.append("does not push data and models (`dvc push`)")
        elif _kind(line) == "install" and not read.reproduce:
            installs.append(line)
        else:
            return f"`{line}` runs with the pipeline's commands, and no section says it"
    read.commands["install"] += installs
    read.reproduce = True
    read.phase = "reproduce"
    return None


def _kind(line: str) -> Phase | None:
    for pattern, kind in ((_INSTALL, "install"), (_LINT, "lint"), (_TEST, "test")):
        if pattern.match(line):
            return kind  # type: ignore[return-value]
    return None


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


# -- retraining -------------------------------------------------------------------------------


def _retraining(events: dict[str, Any], jobs: dict[Any, Any], read: _Read) -> WorkflowModel | str:
    allowed = ("schedule", "workflow_dispatch", "repository_dispatch")
    unknown = [e for e in events if e not in allowed]
    if unknown:
        return (
            f"a schedule and `{unknown[0]}` in one workflow: `retraining` runs on a schedule,"
            " `ci` on pushes and pull requests (one file each)"
        )
    schedule = events["schedule"]
    crons = (
        [i.get("cron") if isinstance(i, dict) else None for i in schedule]
        if isinstance(schedule, list)
        else []
    )
    if not crons or not all(isinstance(c, str) for c in crons) or len(crons) > 1:
        return "`retraining.schedule` is one cron expression"
    fragment: dict[str, Any] = {"schedule": crons[0]}
    dispatch = events.get("repository_dispatch")
    if isinstance(dispatch, dict) and isinstance(dispatch.get("types"), list):
        types = dispatch["types"]
        if (
            len(types) == 1
            and isinstance(types[0], str)
            and re.match(r"^[a-z][a-z0-9_-]*$", types[0])
        ):
            fragment["dispatch_type"] = types[0]
        else:
            return "`repository_dispatch` with several types: `retraining` has one"
    elif "repository_dispatch" in events:
        read.differences.append("runs on `repository_dispatch` events of one type only")
    why = _jobs(jobs, read)
    if why is not None:
        return why
    if not read.reproduce:
        return "a scheduled workflow that does not reproduce the pipeline (`dvc repro`)"
    if any(read.commands[phase] for phase in ("lint", "test")):
        return "a scheduled workflow that lints or tests: `retraining` only retrains"
    read.differences += [
        "gates the new model and opens a pull request with the results (`retraining`)",
        "re-enables its schedule on every run (GitHub disables it after 60 days idle)",
    ]
    if read.commands["install"]:
        read.differences.append(
            "installs with `ci.install` or `project.requirements`, not its own commands"
        )
    return _model("retraining", fragment, read)


# -- cd ---------------------------------------------------------------------------------------


def _builds_images(jobs: dict[Any, Any]) -> bool:
    for job in jobs.values():
        steps = job.get("steps") if isinstance(job, dict) else None
        for step in steps if isinstance(steps, list) else []:
            uses = step.get("uses") if isinstance(step, dict) else None
            if isinstance(uses, str) and uses.split("@", 1)[0] == "docker/build-push-action":
                return True
    return False


def _cd(events: dict[str, Any], jobs: dict[Any, Any], read: _Read) -> WorkflowModel | str:
    unknown = [e for e in events if e not in ("push", "workflow_dispatch", "release")]
    if unknown:
        return f"the trigger `{unknown[0]}`: `cd` delivers on pushes to a branch and on tags"
    push = events.get("push") or {}
    if not isinstance(push, dict) or any(k not in ("branches", "tags") for k in push):
        return "`on.push` filters by more than branches and tags: `cd` says one branch and tags"
    branches = push.get("branches")
    fragment: dict[str, Any] = {}
    if isinstance(branches, list) and len(branches) == 1 and isinstance(branches[0], str):
        if branches[0] != "main":
            fragment["branch"] = branches[0]
    elif branches is not None or "tags" not in push:
        return "`cd` delivers the pushes to one branch (`cd.branch`)"
    tags = push.get("tags")
    if (
        isinstance(tags, list)
        and tags
        and all(isinstance(t, str) and _BRANCH.match(t) for t in tags)
    ):
        fragment["tags"] = list(tags)
    elif tags is None:
        fragment["tags"] = []
    else:
        return "`on.push.tags` is not a list of tag patterns"
    if "release" in events:
        read.differences.append("delivers on tags, not on `release` events")
    if "workflow_dispatch" not in events:
        read.differences.append("can also be run by hand (`workflow_dispatch`)")
    for job_id, job in jobs.items():
        if not isinstance(job, dict):
            return f"job `{job_id}` is not a mapping"
        why = _cd_job(str(job_id), job, read)
        if why is not None:
            return why
    fragment["images"] = []  # the session names the images that build read.dockerfiles
    fragment["promote"] = False
    if read.deploy:
        fragment["deploy"] = read.deploy
    read.differences += [
        "tags each image with its commit SHA, branch and version (docker/metadata-action)",
        "deploys only after every image is pushed, environment after environment",
    ]
    _common(fragment, read)
    model = _model("cd", fragment, read)
    return model


def _cd_job(job_id: str, job: dict[str, Any], read: _Read) -> str | None:
    for key in job:
        if key not in (*_JOB_KEYS, "environment") or key in ("strategy", "env"):
            return f"job `{job_id}`: `{key}` has no place in a generated `cd` job"
    runner = job.get("runs-on")
    if not isinstance(runner, str) or not _RUNNER.match(runner):
        return f"job `{job_id}`: `runs-on: {runner}`: a generated job runs on one runner label"
    read.runners.append(runner)
    if isinstance(job.get("timeout-minutes"), int):
        read.timeouts.append(job["timeout-minutes"])
    read.permissions = read.permissions or "permissions" in job
    _grants(read, job.get("permissions"))
    steps = job.get("steps")
    if not isinstance(steps, list):
        return f"job `{job_id}` has no steps"
    environment = job.get("environment")
    commands: list[str] = []
    secrets: dict[str, str] = {}
    for step in steps:
        if not isinstance(step, dict):
            return f"job `{job_id}`: a step is not a mapping"
        uses = step.get("uses")
        if isinstance(uses, str):
            action, _, ref = uses.partition("@")
            if not _SHA.match(ref):
                read.unpinned.append(uses)
            if action == "docker/build-push-action":
                why = _build(job_id, step.get("with"), read)
            elif action == "docker/login-action":
                why = _login(step.get("with"), read)
            elif action in _SETUP:
                why = None
            else:
                why = f"job `{job_id}`: uses {action}, which `cd` has no place for"
            if why is not None:
                return why
            continue
        run = step.get("run")
        if environment is None or not isinstance(run, str) or "${{" in run:
            return f"job `{job_id}`: {_describe(step)}: `cd` runs commands in deploy jobs only"
        if set(step) - {"name", "run", "env"}:
            extra = ", ".join(sorted(set(step) - {"name", "run", "env"}))
            return f"job `{job_id}`: a deploy step with {extra}"
        for name, value in (step.get("env") or {}).items():
            secret = _SECRET.match(str(value))
            if secret is None:
                return f"job `{job_id}`: the deploy step sets {name} to something not a secret"
            secrets[str(name)] = secret.group(1)
        commands += _lines(run)
    if environment is not None:
        return _deployment(job_id, environment, commands, secrets, read)
    return None


def _build(job_id: str, with_: Any, read: _Read) -> str | None:
    with_ = with_ if isinstance(with_, dict) else {}
    dockerfile = with_.get("file", "Dockerfile")
    context = with_.get("context", ".")
    if context not in (".", "./") or not isinstance(dockerfile, str) or "${{" in dockerfile:
        return f"job `{job_id}`: builds with context {context}: `cd` builds the repository's root"
    read.dockerfiles.append(dockerfile.removeprefix("./"))
    return None


def _login(with_: Any, read: _Read) -> str | None:
    with_ = with_ if isinstance(with_, dict) else {}
    host = str(with_.get("registry", "docker.io"))
    registry: dict[str, Any] = {"host": host}
    if host != "ghcr.io" or not _TOKEN.match(str(with_.get("password", ""))):
        user = _SECRET.match(str(with_.get("username", "")))
        password = _SECRET.match(str(with_.get("password", "")))
        if user is None or password is None:
            return "docker/login-action's username and password are not secrets"
        registry.update(username_secret=user.group(1), password_secret=password.group(1))
    read.registry = registry
    return None


def _deployment(
    job_id: str, environment: Any, commands: list[str], secrets: dict[str, str], read: _Read
) -> str | None:
    if isinstance(environment, str):
        name, url = environment, None
    elif isinstance(environment, dict) and isinstance(environment.get("name"), str):
        name, url = environment["name"], environment.get("url")
    else:
        return f"job `{job_id}`: its environment has no name"
    if not commands or not re.match(r"^[a-z0-9][a-z0-9_-]*$", name):
        return f"job `{job_id}`: a deployment to `{name}` needs a name and commands"
    deployment: dict[str, Any] = {"environment": name, "command": "\n".join(commands)}
    if isinstance(url, str) and url.startswith("https://") and "${{" not in url:
        deployment["url"] = url
    if secrets:
        deployment["secrets"] = secrets
    read.deploy.append(deployment)
    return None


def merge_ci(
    first: WorkflowModel, second: WorkflowModel, names: tuple[str, str]
) -> WorkflowModel | str:
    """One `ci` for two workflows on the same branches (a lint and a test workflow, say).

    Their commands join phase by phase (install, lint, test, in the first's order, then the
    second's new ones); the steps each carries run after the generated steps, the first's first.
    """
    a, b = first.fragment, second.fragment
    for key in ("branches", "runs_on", "remote_credentials"):
        if a.get(key) != b.get(key) and (key == "branches" or (key in a and key in b)):
            return f"`ci` already models {names[0]}, whose `{key.replace('_', '-')}` differs"
    merged: dict[str, Any] = {"branches": a["branches"]}
    for phase in ("install", "lint", "test"):
        commands = list(a.get(phase, []))
        commands += [c for c in b.get(phase, []) if c not in commands]
        if commands:
            merged[phase] = commands
    merged["reproduce"] = bool(a["reproduce"] or b["reproduce"])
    for key in ("runs_on", "remote_credentials"):
        if key in a or key in b:
            merged[key] = a.get(key, b.get(key))
    if "timeout_minutes" in a or "timeout_minutes" in b:
        merged["timeout_minutes"] = max(a.get("timeout_minutes", 60), b.get("timeout_minutes", 60))
    differences = [*first.differences, *second.differences]
    differences.append(
        f"{names[0]} and {names[1]} become one workflow: their steps run one after the other in"
        " one job (a failing step stops the rest)"
    )
    python = first.python or second.python
    if first.python and second.python and first.python != second.python:
        differences.append(f"sets up Python {first.python} only, not also {second.python}")
    return WorkflowModel(
        "ci",
        merged,
        python,
        (*first.patches, *second.patches),
        tuple(dict.fromkeys(differences)),
        first.reproduces or second.reproduces,
    )
