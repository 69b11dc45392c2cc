"""Local processes for a rehearsal: started in their own session, stopped by their own id."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

HOST = "127.0.0.1"


def free_port() -> int:
    """A port nothing listens on now (the kernel's pick on 127.0.0.1)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


class Process:
    """One child process in its own session; ``stop`` ends it and everything it started."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        cwd: Path,
        log: Path,
        env: dict[str, str] | None = None,
    ) -> None:
        self.argv = tuple(argv)
        self.log = log
        with log.open("wb") as stream:
            self.popen = subprocess.Popen(
                self.argv,
                cwd=cwd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=stream,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.pid = self.popen.pid

    def running(self) -> bool:
        """Whether the process has not exited."""
        return self.popen.poll() is None

    def send_signal(self, number: signal.Signals) -> None:
        """Send ``number`` to this process (by its own id) while it runs."""
        if self.running():
            os.kill(self.pid, number)

    def stop(self, timeout: float = 10.0) -> None:
        """SIGTERM to the process group by its id, SIGKILL after ``timeout``."""
        if not self.running():
            return
        try:
            os.killpg(self.pid, signal.SIGTERM)
            self.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.pid, signal.SIGKILL)
            self.popen.wait(timeout=timeout)
        except ProcessLookupError:
            pass

    def output(self) -> str:
        """What the process wrote so far."""
        return self.log.read_text(encoding="utf-8", errors="replace")


def wait_until_ok(url: str, process: Process, timeout: float = 60.0) -> None:
    """Until ``url`` answers 2xx; raises with the process's output if it exits or times out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not process.running():
            raise RuntimeError(f"{process.argv[0]} exited:\n{process.output()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (OSError, urllib.error.URLError):
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout:g}s:\n{process.output()}")


def get_json(url: str) -> Any:
    """GET a JSON document from a local service."""
    with urllib.request.urlopen(url, timeout=10) as answer:
        return json.loads(answer.read())


class Receiver:
    """An Alertmanager webhook receiver on 127.0.0.1 that records every notification."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                document = json.loads(self.rfile.read(min(length, 1 << 20)) or b"{}")
                with owner._lock:
                    owner.received.append(document)
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                return

        self.server = ThreadingHTTPServer((HOST, 0), Handler)
        self.port = int(self.server.server_address[1])
        self.url = f"http://{HOST}:{self.port}/alerts"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def alerts(self) -> list[dict[str, Any]]:
        """Every alert of every notification received, in order."""
        with self._lock:
            return [alert for note in self.received for alert in note.get("alerts", [])]

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self.server.shutdown()
        self.server.server_close()
