"""A monorepo's workflows: at the repository root's `.github/workflows/`, one set per project.

GitHub reads workflows only at the root and runs their steps from the root. A spec below it
(`projA/mlops.yaml`) gets each workflow as `<root>/.github/workflows/<project>-<file>`:

- named `<project>-<name>`, so the concurrency group (`${{ github.workflow }}-...`) of one
  project never cancels another's run;
- `push` and `pull_request` filtered by `paths:` to the project's folder (the spec is in it)
  and the workflow file itself, so a change to projB runs none of projA's workflows (tag pushes
  are never path-filtered by GitHub, so a release still runs cd);
- every `run:` step in the project's folder (`defaults.run.working-directory`), and the action
  inputs that name files of the project (`context`, `file`, `cache-dependency-path`,
  `environment-file`) prefixed with it, since actions resolve them from the root.
"""

from __future__ import annotations

import posixpath
from dataclasses import replace
from typing import Any

from mlops_compiler.families.delivery.ir import Job, Step, Workflow

WORKFLOWS = ".github/workflows/"
PATH_INPUTS = ("context", "file", "cache-dependency-path", "environment-file")
"""Action inputs holding a path of the project, which the action resolves from the root."""
FILTERED_EVENTS = ("push", "pull_request")


def root_workflow_name(project: str, path: str) -> str:
    """The workflow's path at the repository's root: `.github/workflows/<project>-<file>`."""
    return f"{WORKFLOWS}{project}-{posixpath.basename(path)}"


def relocate(flow: Workflow, *, prefix: str, up: str, project: str) -> Workflow:
    """``flow`` as the root's workflow for the project in folder ``prefix`` (`../` is ``up``)."""
    at_root = root_workflow_name(project, flow.path)
    on: dict[str, Any] = {}
    for event, value in flow.on.items():
        if event in FILTERED_EVENTS and isinstance(value, dict):
            value = {**value, "paths": [f"{prefix}/**", at_root]}
        on[event] = value
    jobs = tuple(_job(job, prefix) for job in flow.jobs)
    return replace(flow, output=up + at_root, name=f"{project}-{flow.name}", on=on, jobs=jobs)


def _job(job: Job, prefix: str) -> Job:
    steps = tuple(_step(step, prefix) for step in job.steps)
    return replace(job, working_directory=prefix, steps=steps)


def _step(step: Step, prefix: str) -> Step:
    if not step.with_:
        return step
    with_ = tuple(
        (key, posixpath.normpath(posixpath.join(prefix, value)))
        if key in PATH_INPUTS and isinstance(value, str)
        else (key, value)
        for key, value in step.with_
    )
    return replace(step, with_=with_)
