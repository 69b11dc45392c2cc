"""What a GitHub workflow does, in the spec's vocabulary, and why import carries it verbatim.

`ci`, `cd` and `retraining` generate workflows of their own shape (ci.yml, cd.yml,
retrain.yml: fixed jobs, pinned actions, least-privilege permissions), so a workflow is not
replaced by one of them on import: its jobs and steps would be lost. The report says, per
workflow, what the spec could say of it (triggers and branches, schedules, `dvc repro`, CML
reports, image builds and pushes, environments, model promotion) and which steps have no place
in a generated workflow, so a person can move it to those sections by hand.
"""

from __future__ import annotations

import re
from typing import Any

_DVC_REPRO = re.compile(r"(^|[\s;&|])dvc\s+(repro|exp\s+run)\b")
_DOCKER = re.compile(r"(^|[\s;&|])docker\s+(build|push|buildx\s+build)\b")
_CML = re.compile(r"(^|[\s;&|])cml\s+(comment|send-comment|report|publish)\b")
_PROMOTE = re.compile(r"set_registered_model_alias|transition_model_version_stage|models:/")
_SETUP = frozenset(
    {
        "actions/checkout",
        "actions/setup-python",
        "actions/cache",
        "iterative/setup-dvc",
        "iterative/setup-cml",
        "docker/login-action",
        "docker/setup-buildx-action",
        "docker/setup-qemu-action",
    }
)
"""Actions every generated workflow has its own (pinned) equivalent of."""
_MAX_SHOWN = 3


def verbatim_reason(data: dict[Any, Any]) -> str:
    """Why the workflow ``data`` (as GitHub reads it) is carried verbatim, and what of it the
    spec's sections could say."""
    said = _triggers(data.get("on", data.get(True)))
    unplaced: list[str] = []
    for job_id, job in (data.get("jobs") or {}).items():
        if not isinstance(job, dict):
            continue
        if job.get("environment"):
            said.append("a deployment environment (`cd.deploy`)")
        for step in job.get("steps") or []:
            if isinstance(step, dict):
                _step(step, str(job_id), said, unplaced)
    recognised = ", ".join(dict.fromkeys(said)) or "nothing `ci`, `cd` or `retraining` says"
    reason = f"recognised: {recognised}"
    if unplaced:
        shown = "; ".join(unplaced[:_MAX_SHOWN])
        more = f" and {len(unplaced) - _MAX_SHOWN} more" if len(unplaced) > _MAX_SHOWN else ""
        reason += f"; no place in a generated workflow: {shown}{more}"
    return reason + "; the generated workflows have their own jobs, so this one is kept"


def _triggers(on: Any) -> list[str]:
    if isinstance(on, str):
        on = {on: None}
    elif isinstance(on, list):
        on = dict.fromkeys(item for item in on if isinstance(item, str))
    if not isinstance(on, dict):
        return []
    said = []
    for event, config in on.items():
        if event in ("push", "pull_request"):
            branches = config.get("branches") if isinstance(config, dict) else None
            where = f" to {', '.join(map(str, branches))}" if isinstance(branches, list) else ""
            said.append(f"{event}{where} (`ci.branches`)")
        elif event == "schedule" and isinstance(config, list):
            crons = [str(item.get("cron")) for item in config if isinstance(item, dict)]
            said.append(f"schedule {', '.join(crons)} (`retraining.schedule`)")
        elif event in ("workflow_dispatch", "repository_dispatch"):
            said.append(f"{event} (`retraining` dispatches one)")
    return said


def _step(step: dict[str, Any], job: str, said: list[str], unplaced: list[str]) -> None:
    uses = step.get("uses")
    if isinstance(uses, str):
        action = uses.split("@", 1)[0]
        if action == "docker/build-push-action":
            said.append("an image build and push (`images`, `cd.images`)")
        elif action not in _SETUP:
            unplaced.append(f"{job}: uses {action}")
        return
    run = step.get("run")
    if not isinstance(run, str):
        return
    placed = False
    for pattern, what in (
        (_DVC_REPRO, "dvc repro (`ci.reproduce`)"),
        (_CML, "a CML report (`ci`)"),
        (_DOCKER, "an image build and push (`images`, `cd.images`)"),
        (_PROMOTE, "model promotion (`cd.promote`, `tracking.registry`)"),
    ):
        if pattern.search(run):
            said.append(what)
            placed = True
    if not placed:
        first = run.strip().split("\n", 1)[0]
        unplaced.append(f"{job}: run {first[:40]}{'...' if len(first) > 40 else ''}")
