"""What each CI/CD output must read back as, built from the IR without any template."""

from __future__ import annotations

import shlex
from typing import Any

from mlops_compiler.families.delivery.ir import Dockerfile, Job, Step, Workflow

HEALTHCHECK_FLAGS = ["--interval=30s", "--timeout=5s", "--start-period=60s", "--retries=3", "CMD"]


def workflow(flow: Workflow) -> dict[str, Any]:
    """A workflow file as GitHub reads it (``on`` a string key, in YAML 1.1 and 1.2 alike)."""
    return {
        "name": flow.name,
        "on": flow.on,
        "permissions": {},
        "concurrency": {
            "group": flow.concurrency_group,
            "cancel-in-progress": flow.cancel_in_progress,
        },
        "jobs": {job.id: _job(job) for job in flow.jobs},
    }


def _job(job: Job) -> dict[str, Any]:
    document: dict[str, Any] = {"name": job.name}
    if job.needs:
        document["needs"] = list(job.needs)
    if job.if_ is not None:
        document["if"] = job.if_
    document["runs-on"] = job.runs_on
    if job.environment is not None:
        name, url = job.environment
        document["environment"] = {"name": name, "url": url} if url else {"name": name}
    document["timeout-minutes"] = job.timeout_minutes
    document["permissions"] = {p.scope: p.level for p in job.permissions}
    if job.outputs:
        document["outputs"] = dict(job.outputs)
    run: dict[str, str] = {}
    if job.shell is not None:
        run["shell"] = job.shell
    if job.working_directory is not None:
        run["working-directory"] = job.working_directory
    if run:
        document["defaults"] = {"run": run}
    document["steps"] = [_step(step) for step in job.steps]
    return document


def _step(step: Step) -> dict[str, Any]:
    document: dict[str, Any] = {"name": step.name}
    if step.id is not None:
        document["id"] = step.id
    if step.if_ is not None:
        document["if"] = step.if_
    if step.uses is not None:
        document["uses"] = step.uses.uses
    if step.with_:
        document["with"] = dict(step.with_)
    if step.env:
        document["env"] = dict(step.env)
    if step.run is not None:
        document["run"] = step.run
    return document


def dockerfile(file: Dockerfile) -> list[list[Any]]:
    """The instructions, as ``dockerfile.parse_dockerfile`` reads them; RUN split as sh does."""
    uid = f"{file.uid}:{file.uid}"
    build: list[list[Any]] = [["FROM", [], f"{file.base} AS build"], ["WORKDIR", [], "/build"]]
    if file.requirements_file:
        build.append(["COPY", [], [file.requirements_file, "requirements.txt"]])
    install = ["python", "-m", "venv", "/opt/venv", "&&", "/opt/venv/bin/pip", "install"]
    install += ["--no-cache-dir", *file.pip_arguments]
    if file.dvc_no_scm:
        build.append(["ENV", [], ["DVC_SYSTEM_CONFIG_DIR=/opt/venv/etc/dvc"]])
        install += ["&&", "/opt/venv/bin/dvc", "config", "--system", "core.no_scm", "true"]
    build.append(["RUN", [], install])
    runtime: list[list[Any]] = [
        ["FROM", [], f"{file.base} AS runtime"],
        ["ENV", [], [f"{key}={value}" for key, value in file.env]],
        ["COPY", ["--from=build"], ["/opt/venv", "/opt/venv"]],
        [
            "RUN",
            [],
            [
                *("echo", file.passwd_entry, ">>", "/etc/passwd", "&&"),
                *("echo", file.group_entry, ">>", "/etc/group"),
            ],
        ],
    ]
    runtime += [["COPY", [f"--chown={uid}"], [src, dest]] for src, dest in file.copies]
    runtime += [["WORKDIR", [], "/app"], ["USER", [], uid]]
    if file.port is not None:
        runtime.append(["EXPOSE", [], str(file.port)])
    if file.healthcheck is not None:
        runtime.append(["HEALTHCHECK", HEALTHCHECK_FLAGS, list(file.healthcheck)])
    runtime.append(["CMD", [], list(file.command)])
    return build + runtime


def read_dockerfile(text: str) -> list[list[Any]]:
    """A rendered Dockerfile in the shape of ``dockerfile()``: RUN and ENV split by sh rules."""
    from mlops_compiler.families.delivery.dockerfile import parse_dockerfile

    data = []
    for instruction in parse_dockerfile(text):
        item = instruction.as_data()
        if instruction.keyword in ("RUN", "ENV") and isinstance(item[2], str):
            item[2] = shlex.split(item[2])
        data.append(item)
    return data


def read_lines(text: str) -> list[str]:
    """A line-based file (.dockerignore): its lines less comments and blank ones."""
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
