"""Run the generated workflows of one event, job by job and step by step, in a copy of the tree.

The copy is a fresh git repository (one commit: the working tree as the checkout) with its own
DVC remote in a local folder; `run:` steps run with bash as GitHub runs them (`-eo pipefail`),
with the step's `env:` evaluated against the stand-ins. What cannot run here is reported as
skipped with the reason, never as passed.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import yaml

from mlops_compiler.commands.rehearse.context import Part, RunContext
from mlops_compiler.commands.rehearse.job import _Run
from mlops_compiler.commands.rehearse.results import Progress, Rehearsal
from mlops_compiler.commands.rehearse.services import (
    MlflowServer,
    install_recorder,
    read_records,
)
from mlops_compiler.commands.rehearse.workspace import (
    _base_env,
    _checkout,
    _github,
    _interpreter,
    _next_run,
)
from mlops_compiler.errors import UsageError
from mlops_compiler.load.repository import git_root

EVENTS = ("push", "pull_request", "schedule", "repository_dispatch")
WORKFLOWS = ("ci.yml", "cd.yml", "retrain.yml")
"""The workflows a rehearsal runs; monitor.yml runs in the watch half (`--watch`,
commands/watch/loop.py), against a real Prometheus."""


def rehearse(
    spec: Path,
    event: str,
    *,
    state: Path,
    progress: Progress | None = None,
    step_timeout: float = 1800.0,
    server: MlflowServer | None = None,
    after: Sequence[Part] = (),
) -> Rehearsal:
    """Rehearse the workflows ``event`` triggers for the project of ``spec``. ``state`` keeps
    the MLflow store and the DVC remote (pass the same folder to rehearse a sequence).
    ``server``: an MLflow server already running for this state (a sequence of rehearsals
    shares one), left running; without it one is started and stopped here. ``after``: parts
    run once the workflows have, in the same workspace (the watch half, `--watch`)."""
    if event not in EVENTS:
        raise UsageError(f"unknown event {event!r}", hint="one of: " + ", ".join(EVENTS))
    project = spec.resolve().parent
    flows = _workflows(project, event)
    repository = git_root(project)
    if not flows and repository not in (None, project):
        raise UsageError(
            f"{project} is below its repository's root, {repository}: its workflows are at the"
            " root's .github/workflows/, and rehearse runs only a project at the root's",
            hint="rehearse a copy of the project at a repository's root",
        )
    if (
        not flows and not after
    ):  # a usage error (exit 2), not a stand-in that failed to start (exit 4)
        raise UsageError(
            f"no generated workflow of {project} runs on {event}",
            hint="run `mlops compile` first; ci runs on push and pull_request, cd on push,"
            " retrain on schedule and repository_dispatch",
        )
    state.mkdir(parents=True, exist_ok=True)
    run_number = _next_run(state)
    workspace = state / f"run-{run_number}" / "workspace"
    rehearsal = Rehearsal(event, workspace, state)
    with nullcontext(server) if server is not None else MlflowServer(state / "mlflow") as running:
        rehearsal.tracking_uri = running.uri
        temp = workspace.parent / "runner-temp"
        temp.mkdir(parents=True)
        sha = _checkout(project, workspace, state)
        python_bin = _interpreter(state / "python")
        recorder = install_recorder(workspace.parent / "recorded", workspace.parent / "records")
        base_env = _base_env(python_bin, recorder, temp, running.uri)
        github = _github(event, sha, run_number, project.name)
        for name, flow in flows:
            runner = _Run(rehearsal, name, flow, github, base_env, temp, step_timeout, progress)
            runner.run()
        context = RunContext(rehearsal, github, base_env, temp, step_timeout, progress)
        for part in after:
            part(context)
        rehearsal.records = read_records(workspace.parent / "records")
    return rehearsal


def _workflows(project: Path, event: str) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for name in WORKFLOWS:
        path = project / ".github" / "workflows" / name
        if not path.is_file():
            continue
        flow = yaml.safe_load(path.read_text(encoding="utf-8"))
        triggers = flow.get("on") or flow.get(True) or {}
        if event in triggers:
            found.append((name.removesuffix(".yml"), flow))
    return found
