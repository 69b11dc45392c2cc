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

from typing import Any

from mlops_compiler.commands.importer.workflow_read import WorkflowModel as WorkflowModel
from mlops_compiler.commands.importer.workflow_read import _env, _grants, _Read
from mlops_compiler.commands.importer.workflow_sections import _builds_images, _cd, _ci, _retraining


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
