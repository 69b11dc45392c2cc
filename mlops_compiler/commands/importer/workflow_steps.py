"""A workflow's jobs and steps, read one by one: set-up actions, `run` scripts by phase
(install, lint, test, the pipeline), and the steps carried after the generated ones.
"""

from __future__ import annotations

import re
from typing import Any

from mlops_compiler.commands.importer.workflow_read import (
    _CML,
    _DOCKER,
    _DVC_STEP,
    _INSTALL,
    _LINT,
    _ORDER,
    _REPORT,
    _REPRO,
    _RUNNER,
    _SETUP,
    _SHA,
    _TEST,
    CARRY,
    Phase,
    _describe,
    _env,
    _grants,
    _lines,
    _matrix,
    _Read,
)
from mlops_compiler.spec.project import PYTHON_PATTERN


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
