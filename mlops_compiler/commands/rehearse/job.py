"""One job of a workflow, run step by step: `run:` scripts in bash, known actions stood in for,
the rest recorded or skipped with the reason.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from mlops_compiler.commands.rehearse.expressions import UnsupportedError, condition, substitute
from mlops_compiler.commands.rehearse.results import Progress, Rehearsal, Status, StepResult
from mlops_compiler.commands.rehearse.services import (
    RehearsalError,
)
from mlops_compiler.commands.rehearse.workspace import INSTALLED, LOCAL_TRACKING, installed


class _Run:
    """One workflow of a rehearsal."""

    def __init__(
        self,
        rehearsal: Rehearsal,
        name: str,
        flow: dict[str, Any],
        github: dict[str, Any],
        base_env: dict[str, str],
        temp: Path,
        step_timeout: float,
        progress: Progress | None,
    ) -> None:
        self.r = rehearsal
        self.name = name
        self.flow = flow
        self.github = {**github, "workflow": flow.get("name", name)}
        self.base_env = base_env
        self.temp = temp
        self.timeout = step_timeout
        self.progress = progress
        self.needs: dict[str, dict[str, Any]] = {}
        self.exported: dict[str, str] = {}

    def report(self, job: str, step: str, status: Status, started: float, detail: str) -> None:
        result = StepResult(self.name, job, step, status, time.monotonic() - started, detail)
        self.r.results.append(result)
        if self.progress is not None:
            self.progress(result)

    def run(self) -> None:
        for job_id in _order(self.flow["jobs"]):
            self.job(job_id, self.flow["jobs"][job_id])

    def job(self, job_id: str, job: dict[str, Any]) -> None:
        started = time.monotonic()
        needs = job.get("needs") or []
        needs = [needs] if isinstance(needs, str) else needs
        failed = [n for n in needs if self.needs.get(n, {}).get("result") != "success"]
        context = self.context({})
        if failed:
            self.needs[job_id] = {"result": "skipped", "outputs": {}}
            self.report(job_id, "(job)", "skipped", started, f"needs {', '.join(failed)}")
            return
        if "if" in job:
            try:
                run = condition(str(job["if"]), context)
            except UnsupportedError as exc:
                run, why = False, str(exc)
            else:
                why = f"if: {job['if']} is false"
            if not run:
                self.needs[job_id] = {"result": "skipped", "outputs": {}}
                self.report(job_id, "(job)", "skipped", started, why)
                return
        steps: dict[str, Any] = {}
        env: dict[str, str] = {}
        result = "success"
        for step in job.get("steps", []):
            if result == "failure":  # as on GitHub: the steps after a failed one do not run
                name = str(step.get("name") or step.get("uses") or "run")
                self.report(job_id, name, "skipped", time.monotonic(), "a previous step failed")
                continue
            if self.step(job_id, job, step, steps, env) == "failed":
                result = "failure"
        outputs = {}
        if result == "success":
            for key, value in (job.get("outputs") or {}).items():
                outputs[key] = substitute(str(value), self.context(steps))
        self.needs[job_id] = {"result": result, "outputs": outputs}

    def context(self, steps: dict[str, Any]) -> dict[str, Any]:
        return {
            "github": self.github,
            "needs": self.needs,
            "steps": steps,
            "runner": {"temp": str(self.temp), "os": "Linux"},
            "secrets": {},
            "env": {},
        }

    def step(
        self,
        job_id: str,
        job: dict[str, Any],
        step: dict[str, Any],
        steps: dict[str, Any],
        job_env: dict[str, str],
    ) -> Status:
        started = time.monotonic()
        name = str(step.get("name") or step.get("uses") or "run")
        context = self.context(steps)
        if "if" in step:
            try:
                if not condition(str(step["if"]), context):
                    self.report(job_id, name, "skipped", started, f"if: {step['if']} is false")
                    return "skipped"
            except UnsupportedError as exc:
                self.report(job_id, name, "skipped", started, str(exc))
                return "skipped"
        try:
            env = {k: substitute(str(v), context) for k, v in (step.get("env") or {}).items()}
            raw = {k: str(v) for k, v in (step.get("env") or {}).items()}
            with_ = {k: substitute(str(v), context) for k, v in (step.get("with") or {}).items()}
        except UnsupportedError as exc:
            self.report(job_id, name, "skipped", started, str(exc))
            return "skipped"
        if "uses" in step:
            status, detail, outputs = _action(str(step["uses"]), with_, self.github)
            if "digest" in outputs:
                with (self.r.workspace.parent / "records").open("a", encoding="utf-8") as log:
                    tags = with_.get("tags", "").split()
                    log.write("\t".join(["image push", *tags, outputs["digest"]]) + "\n")
            if step.get("id"):
                steps[str(step["id"])] = {"outputs": outputs}
            self.report(job_id, name, status, started, detail)
            return status
        local = self.base_env["MLOPS_REHEARSAL_TRACKING_URI"]
        variables = {**job_env, **_tracking(env, raw, local)}
        status = self.script(job_id, name, step, steps, variables, started)
        job_env.update(self.exported)
        return status

    def script(
        self,
        job_id: str,
        name: str,
        step: dict[str, Any],
        steps: dict[str, Any],
        env: dict[str, str],
        started: float,
    ) -> Status:
        folder = self.temp / "steps" / f"{self.name}-{job_id}-{len(self.r.results)}"
        folder.mkdir(parents=True)
        files = {key: folder / key.lower() for key in ("GITHUB_OUTPUT", "GITHUB_ENV")}
        files["GITHUB_STEP_SUMMARY"] = folder / "summary.md"
        for path in files.values():
            path.write_text("")
        script = folder / "script.sh"
        script.write_text(str(step["run"]), encoding="utf-8")
        done_before = installed(self.r.state, str(step["run"]), self.r.workspace)
        if done_before is not None and done_before.is_file():
            self.r.logs[(self.name, job_id, name)] = "the same install already ran"
            self.report(job_id, name, "passed", started, INSTALLED)
            return "passed"
        variables = {
            **self.base_env,
            **{key: str(path) for key, path in files.items()},
            "GITHUB_SHA": self.github["sha"],
            "GITHUB_REPOSITORY": self.github["repository"],
            "GITHUB_EVENT_NAME": self.github["event_name"],
            "GITHUB_REF": self.github["ref"],
            **env,
        }
        try:
            done = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                cwd=self.r.workspace,
                env=variables,
                capture_output=True,
                text=True,
                timeout=self.timeout,
                check=False,
            )
            log, code = done.stdout + done.stderr, done.returncode
        except subprocess.TimeoutExpired:
            log, code = f"timed out after {self.timeout:.0f} s", 124
        self.r.logs[(self.name, job_id, name)] = log
        if code == 0 and done_before is not None:
            done_before.parent.mkdir(parents=True, exist_ok=True)
            done_before.write_text(str(step["run"]), encoding="utf-8")
        self.exported = _key_values(files["GITHUB_ENV"])
        if step.get("id"):
            steps[str(step["id"])] = {"outputs": _key_values(files["GITHUB_OUTPUT"])}
        status: Status = "passed" if code == 0 else "failed"
        last = [line for line in log.splitlines() if line.strip()][-1:] or [""]
        self.report(job_id, name, status, started, last[0][:200] if code else "")
        return status


def _tracking(env: dict[str, str], raw: dict[str, str], local: str) -> dict[str, str]:
    """A tracking URI from a secret or a remote server becomes the local server's; its
    credentials are dropped. A local store (ci.yml's) stays as it is."""
    uri = raw.get("MLFLOW_TRACKING_URI", "")
    if uri and ("secrets." in uri or uri.startswith(("http://", "https://"))):
        env = {k: v for k, v in env.items() if k not in LOCAL_TRACKING}
        env["MLFLOW_TRACKING_URI"] = local
    return env


def _key_values(path: Path) -> dict[str, str]:
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        key, sep, value = line.partition("=")
        if sep:
            values[key] = value
    return values


def _action(uses: str, with_: dict[str, str], github: dict[str, Any]) -> tuple[Status, str, Any]:
    action = uses.split("@", 1)[0]
    if action == "actions/checkout":
        return "passed", "the working tree, committed in the rehearsal's copy", {}
    if action == "actions/setup-python":
        here = f"{sys.version_info.major}.{sys.version_info.minor}"
        wanted = with_.get("python-version", here)
        note = "" if wanted == here else f" (the workflow asks for {wanted})"
        return "passed", f"the current interpreter, Python {here}{note}", {}
    if action == "docker/metadata-action":
        images = with_.get("images", "")
        return "passed", "tags computed here", {"tags": f"{images}:sha-{github['sha']}"}
    if action == "docker/build-push-action":
        digest = hashlib.sha256(f"{with_.get('file', '')}@{github['sha']}".encode()).hexdigest()
        return (
            "skipped",
            "no image is built or pushed in a rehearsal; a stand-in digest is recorded",
            {"digest": f"sha256:{digest}"},
        )
    if action == "docker/login-action":
        return "skipped", "no registry login in a rehearsal", {}
    return "skipped", f"{action} is not rehearsed", {}


def _order(jobs: dict[str, Any]) -> list[str]:
    """The jobs in `needs:` order (a job after every job it needs), file order otherwise."""
    done: list[str] = []
    pending = list(jobs)
    while pending:
        for job in pending:
            needs = jobs[job].get("needs") or []
            needs = [needs] if isinstance(needs, str) else needs
            if all(n in done for n in needs):
                done.append(job)
                pending.remove(job)
                break
        else:
            raise RehearsalError("the jobs' needs form a circle: " + ", ".join(pending))
    return done
