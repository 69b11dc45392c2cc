"""Run the generated workflows of one event, job by job and step by step, in a copy of the tree.

The copy is a fresh git repository (one commit: the working tree as the checkout) with its own
DVC remote in a local folder; `run:` steps run with bash as GitHub runs them (`-eo pipefail`),
with the step's `env:` evaluated against the stand-ins. What cannot run here is reported as
skipped with the reason, never as passed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import site
import subprocess
import sys
import time
from collections.abc import Callable
from configparser import ConfigParser
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from mlops_compiler.commands.rehearse.expressions import UnsupportedError, condition, substitute
from mlops_compiler.commands.rehearse.services import (
    MlflowServer,
    RehearsalError,
    install_recorder,
    read_records,
)

EVENTS = ("push", "pull_request", "schedule", "repository_dispatch")
WORKFLOWS = ("ci.yml", "cd.yml", "retrain.yml")
"""The workflows a rehearsal runs (monitor.yml needs a live Prometheus and is not rehearsed)."""
IGNORED = (".git", ".venv", "venv", "__pycache__", "mlruns", "mlartifacts", "mlflow.db")
LOCAL_TRACKING = ("MLFLOW_TRACKING_USERNAME", "MLFLOW_TRACKING_PASSWORD")

Status = Literal["passed", "failed", "skipped"]


@dataclass(frozen=True)
class StepResult:
    workflow: str
    job: str
    step: str
    status: Status
    seconds: float
    detail: str = ""


@dataclass
class Rehearsal:
    """What a rehearsal did: every step's result, what was recorded, where its state is."""

    event: str
    workspace: Path
    state: Path
    tracking_uri: str = ""
    results: list[StepResult] = field(default_factory=list)
    records: list[tuple[str, ...]] = field(default_factory=list)
    logs: dict[tuple[str, str, str], str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(r.status == "failed" for r in self.results)


Progress = Callable[[StepResult], None]


def rehearse(
    spec: Path,
    event: str,
    *,
    state: Path,
    progress: Progress | None = None,
    step_timeout: float = 1800.0,
) -> Rehearsal:
    """Rehearse the workflows ``event`` triggers for the project of ``spec``. ``state`` keeps
    the MLflow store and the DVC remote (pass the same folder to rehearse a sequence)."""
    if event not in EVENTS:
        raise RehearsalError(f"unknown event {event!r}", hint="one of: " + ", ".join(EVENTS))
    project = spec.resolve().parent
    flows = _workflows(project, event)
    if not flows:
        raise RehearsalError(
            f"no generated workflow of {project} runs on {event}",
            hint="run `mlops compile` first; ci runs on push and pull_request, cd on push,"
            " retrain on schedule and repository_dispatch",
        )
    state.mkdir(parents=True, exist_ok=True)
    run_number = _next_run(state)
    workspace = state / f"run-{run_number}" / "workspace"
    rehearsal = Rehearsal(event, workspace, state)
    with MlflowServer(state / "mlflow") as server:
        rehearsal.tracking_uri = server.uri
        temp = workspace.parent / "runner-temp"
        temp.mkdir(parents=True)
        sha = _checkout(project, workspace, state)
        python_bin = _interpreter(workspace.parent / "python")
        recorder = install_recorder(workspace.parent / "recorded", workspace.parent / "records")
        base_env = _base_env(python_bin, recorder, temp, server.uri)
        github = _github(event, sha, run_number, project.name)
        for name, flow in flows:
            runner = _Run(rehearsal, name, flow, github, base_env, temp, step_timeout, progress)
            runner.run()
        rehearsal.records = read_records(workspace.parent / "records")
    return rehearsal


def _next_run(state: Path) -> int:
    runs = [int(p.name.split("-")[1]) for p in state.glob("run-*") if p.name[4:].isdigit()]
    return max(runs, default=0) + 1


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


def _git(workspace: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "mlops rehearse",
        "GIT_AUTHOR_EMAIL": "rehearse@localhost",
        "GIT_COMMITTER_NAME": "mlops rehearse",
        "GIT_COMMITTER_EMAIL": "rehearse@localhost",
    }
    done = subprocess.run(
        ["git", *args], cwd=workspace, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RehearsalError(f"git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout.strip()


def _checkout(project: Path, workspace: Path, state: Path) -> str:
    """The working tree, copied, committed once; origin is a bare repository in ``state``; the
    DVC remotes point at folders in ``state`` through `.dvc/config.local`."""

    def ignore(folder: str, names: list[str]) -> list[str]:
        skipped = [n for n in names if n in IGNORED]
        if Path(folder).name == ".dvc":
            skipped += [n for n in names if n in ("cache", "tmp", "config.local")]
        return skipped

    shutil.copytree(project, workspace, ignore=ignore, symlinks=True)
    origin = state / "origin.git"
    if not origin.exists():
        subprocess.run(["git", "init", "-q", "--bare", str(origin)], check=True)
    _git(workspace, "init", "-q", "-b", "main")
    if not (workspace / ".dvc").is_dir():
        subprocess.run(
            [sys.executable, "-m", "dvc", "init", "-q"], cwd=workspace, check=True, env=_dvc_env()
        )
    _local_remotes(workspace, state)
    _git(workspace, "add", "-A")
    _git(workspace, "commit", "-q", "-m", "The working tree, as a rehearsal checks it out")
    _git(workspace, "remote", "add", "origin", str(origin))
    _git(workspace, "push", "-q", "--force", "origin", "HEAD:refs/heads/main")
    _git(workspace, "fetch", "-q", "origin")
    return _git(workspace, "rev-parse", "HEAD")


def _dvc_env() -> dict[str, str]:
    return {**os.environ, "DVC_NO_ANALYTICS": "1"}


def _local_remotes(workspace: Path, state: Path) -> None:
    config = ConfigParser()
    config.read(workspace / ".dvc" / "config")
    for section in config.sections():
        name = section.removeprefix("'remote ").removesuffix("'").removeprefix("remote ")
        name = name.strip('"')
        if section == name:
            continue
        folder = state / "dvc-remote" / name
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "dvc", "remote", "add", "--local", "--force", name, str(folder)],
            cwd=workspace,
            check=True,
            capture_output=True,
            env=_dvc_env(),
        )


def _interpreter(folder: Path) -> Path:
    """A venv of the current interpreter that sees its packages (a `.pth` file) and installs
    into itself: `pip install -r requirements.txt` changes nothing outside the rehearsal."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    lib = next((folder / "lib").glob("python*")) / "site-packages"
    parents = [p for p in (*site.getsitepackages(), site.getusersitepackages()) if Path(p).is_dir()]
    (lib / "zz-rehearse-parent.pth").write_text("\n".join(parents) + "\n", encoding="utf-8")
    return folder / "bin"


def _base_env(python_bin: Path, recorder: Path, temp: Path, tracking: str) -> dict[str, str]:
    keep = ("LANG", "LC_ALL", "TERM", "TMPDIR", "SSL_CERT_FILE", "PIP_INDEX_URL")
    env = {k: v for k, v in os.environ.items() if k in keep}
    path = [str(python_bin), str(recorder), str(Path(sys.executable).parent)]
    env.update(
        {
            "PATH": os.pathsep.join([*path, os.environ.get("PATH", os.defpath)]),
            "HOME": str(temp / "home"),
            "CI": "true",
            "GITHUB_ACTIONS": "true",
            "RUNNER_TEMP": str(temp),
            "DVC_NO_ANALYTICS": "1",
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            "MLOPS_REHEARSAL_TRACKING_URI": tracking,
        }
    )
    (temp / "home").mkdir(exist_ok=True)
    return env


def _github(event: str, sha: str, run: int, name: str) -> dict[str, Any]:
    repository = f"rehearsal/{name}"
    context: dict[str, Any] = {
        "event_name": event,
        "sha": sha,
        "ref": "refs/heads/main",
        "ref_name": "main",
        "repository": repository,
        "repository_owner": "rehearsal",
        "actor": "rehearsal",
        "run_id": str(1000 + run),
        "run_attempt": "1",
        "workflow": "",
        "token": "",
        "base_ref": "",
        "event": {},
    }
    if event == "pull_request":
        context["base_ref"] = "main"
        context["ref"] = "refs/pull/1/merge"
        context["event"] = {
            "pull_request": {"number": 1, "head": {"repo": {"full_name": repository}}}
        }
    return context


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
            status = self.step(job_id, job, step, steps, env)
            if status == "failed":
                result = "failure"
                break
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
