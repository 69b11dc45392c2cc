"""Which section a workflow is: `ci` (pushes and pull requests), `retraining` (a schedule),
`cd` (image builds and deploy jobs in environments).
"""

from __future__ import annotations

import re
from typing import Any

from mlops_compiler.commands.importer.workflow_read import (
    _BRANCH,
    _RUNNER,
    _SECRET,
    _SETUP,
    _SHA,
    _TOKEN,
    WorkflowModel,
    _common,
    _describe,
    _grants,
    _lines,
    _model,
    _Read,
)
from mlops_compiler.commands.importer.workflow_steps import _JOB_KEYS, _jobs


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
