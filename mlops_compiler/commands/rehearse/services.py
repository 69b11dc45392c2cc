"""The local stand-ins a rehearsal runs against: an MLflow server and a recorder.

The server binds 127.0.0.1 on a free port, in its own process group; it is stopped by that
process id when the rehearsal ends, whatever happened.
"""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType

from mlops_compiler.errors import HintedError

RECORDED = ("gh", "curl", "kubectl", "docker", "helm", "argocd")
"""Commands that would leave the machine: a rehearsal records their arguments instead."""

RECORDER = """\
#!/bin/sh
# mlops rehearse: record what would leave the machine, do nothing.
{{
  printf '%s' "$(basename "$0")"
  for argument in "$@"; do printf '\\t%s' "$argument"; done
  printf '\\n'
}} >> {log}
"""


class RehearsalError(HintedError):
    """A stand-in could not start."""

    exit_code = 4


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class MlflowServer:
    """`mlflow server` on 127.0.0.1 with a sqlite store and served artifacts under ``state``."""

    def __init__(self, state: Path, *, timeout: float = 180.0) -> None:
        self.state = state
        self.timeout = timeout
        self.port = free_port()
        self.uri = f"http://127.0.0.1:{self.port}"
        self.store = state / "mlflow.db"
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> MlflowServer:
        self.state.mkdir(parents=True, exist_ok=True)
        log = (self.state / "mlflow-server.log").open("ab")
        command = [
            sys.executable,
            "-m",
            "mlflow",
            "server",
            *("--host", "127.0.0.1", "--port", str(self.port), "--workers", "1"),
            *("--backend-store-uri", f"sqlite:///{self.store}"),
            *("--artifacts-destination", str(self.state / "artifacts")),
        ]
        env = {**os.environ, "MLFLOW_TRACKING_URI": ""}
        self.process = subprocess.Popen(
            command, stdout=log, stderr=log, env=env, start_new_session=True
        )
        log.close()
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"{self.uri}/health", timeout=2) as answer:
                    if answer.status == 200:
                        return self
            except (urllib.error.URLError, OSError):
                time.sleep(0.5)
        self.stop()
        raise RehearsalError(
            f"the MLflow server did not answer on {self.uri}",
            hint=f"its log: {self.state / 'mlflow-server.log'}",
        )

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=20)
        except ProcessLookupError:
            pass

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def install_recorder(folder: Path, log: Path) -> Path:
    """A folder of stand-ins for RECORDED, each appending its arguments to ``log``."""
    folder.mkdir(parents=True, exist_ok=True)
    text = RECORDER.format(log="'" + str(log).replace("'", "'\\''") + "'")
    for name in RECORDED:
        path = folder / name
        path.write_text(text, encoding="utf-8")
        path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return folder


def read_records(log: Path) -> list[tuple[str, ...]]:
    if not log.is_file():
        return []
    return [tuple(line.split("\t")) for line in log.read_text(encoding="utf-8").splitlines()]
