"""The rehearsal's workspace: a copy of the project committed to a fresh git repository, DVC
remotes pointed at local folders, a venv, and the environment and event a job sees.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import shlex
import shutil
import site
import subprocess
import sys
from configparser import ConfigParser
from pathlib import Path
from typing import Any

from mlops_compiler.commands.rehearse.services import (
    RehearsalError,
)

IGNORED = (".git", ".venv", "venv", "__pycache__", "mlruns", "mlartifacts", "mlflow.db")
LOCAL_TRACKING = ("MLFLOW_TRACKING_USERNAME", "MLFLOW_TRACKING_PASSWORD")


def _next_run(state: Path) -> int:
    runs = [int(p.name.split("-")[1]) for p in state.glob("run-*") if p.name[4:].isdigit()]
    return max(runs, default=0) + 1


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


INSTALLED = "the same install already ran in this state's interpreter (same script and files)"
PIP_INSTALL = ("python -m pip install ", "pip install ", "python3 -m pip install ")


def installed(state: Path, script: str, workspace: Path) -> Path | None:
    """Where a pip-only script records that it ran in ``state``'s interpreter, keyed by the
    script and the bytes of the requirements files it names; None for any other script.

    The interpreter is kept with the state, so the same install in a later job or event of the
    same state would only print "Requirement already satisfied": it is not run again.
    """
    lines = [line.strip() for line in script.splitlines() if line.strip()]
    if not lines or not all(line.startswith(PIP_INSTALL) for line in lines):
        return None
    key = hashlib.sha256(script.encode())
    for line in lines:
        words = shlex.split(line)
        for flag, value in itertools.pairwise(words):
            if flag in ("-r", "--requirement", "-c", "--constraint"):
                path = workspace / value
                key.update(path.read_bytes() if path.is_file() else b"missing")
    return state / "installed" / key.hexdigest()


def _interpreter(folder: Path) -> Path:
    """A venv of the current interpreter that sees its packages (a `.pth` file) and installs
    into itself: `pip install -r requirements.txt` changes nothing outside the rehearsal. It is
    made once per state and shared by its runs."""
    parent = folder / "rehearse-parent"
    if parent.is_file() and parent.read_text(encoding="utf-8") == sys.executable:
        return folder / "bin"
    shutil.rmtree(folder, ignore_errors=True)  # made from another interpreter
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    lib = next((folder / "lib").glob("python*")) / "site-packages"
    parents = [p for p in (*site.getsitepackages(), site.getusersitepackages()) if Path(p).is_dir()]
    (lib / "zz-rehearse-parent.pth").write_text("\n".join(parents) + "\n", encoding="utf-8")
    parent.write_text(sys.executable, encoding="utf-8")
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
