"""A throw-away Docker engine for the tests: Debian's dockerd, as root, offline.

The daemon gets its own data root, exec root and socket under a temporary folder, the vfs
storage driver (no overlay mounts needed), no iptables and no bridge; it is stopped by its PID.
Images cannot be pulled here, so `busybox_base` imports a tiny base image from the rootfs of
Debian's busybox-static, with stand-ins for `python -m venv` and `pip` so that the generated
Dockerfiles' install steps run.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import tarfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

PYTHON_STAND_IN = """#!/bin/sh
# python, as far as the generated Dockerfiles need it: `python -m venv DIR`.
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then
  mkdir -p "$3/bin"
  cp /usr/local/bin/stand-in "$3/bin/pip"
  cp /usr/local/bin/stand-in "$3/bin/dvc"
  exit 0
fi
echo "python stand-in: $*"
"""
STAND_IN = '#!/bin/sh\necho "$(basename "$0") stand-in: $*"\n'
APPLETS = ("sh", "mkdir", "cp", "cat", "echo", "basename", "stat", "ls", "id")


class EngineStartError(RuntimeError):
    """dockerd is missing, or did not start (the message says why)."""


@contextmanager
def docker_engine(root: Path, timeout: float = 60.0) -> Iterator[str]:
    """Start dockerd under ``root``; yield its ``unix://`` address; stop it by its PID."""
    dockerd = shutil.which("dockerd")
    if dockerd is None:
        raise EngineStartError("dockerd is not on PATH (Debian: apt-get install docker.io)")
    if os.geteuid() != 0:
        raise EngineStartError("dockerd needs root here (no rootless setup)")
    socket = root / "docker.sock"
    log_path = root / "dockerd.log"
    args = [
        dockerd,
        "--storage-driver=vfs",
        "--iptables=false",
        "--ip6tables=false",
        "--bridge=none",
        f"--data-root={root / 'data'}",
        f"--exec-root={root / 'exec'}",
        f"--pidfile={root / 'dockerd.pid'}",
        f"--host=unix://{socket}",
    ]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            args,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    address = f"unix://{socket}"
    try:
        _wait_until_up(address, process, log_path, timeout)
        yield address
    finally:
        _stop(process)


def _wait_until_up(
    address: str, process: subprocess.Popen[bytes], log: Path, timeout: float
) -> None:
    import docker

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log.read_text(errors="replace").splitlines()[-15:]
            raise EngineStartError("dockerd exited at start:\n" + "\n".join(tail))
        try:
            docker.DockerClient(base_url=address, timeout=5).ping()
            return
        except docker.errors.DockerException:
            time.sleep(0.5)
    _stop(process)
    tail = log.read_text(errors="replace").splitlines()[-15:]
    raise EngineStartError(f"dockerd did not answer in {timeout:g}s:\n" + "\n".join(tail))


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to dockerd's PID (it stops the containerd it started), SIGKILL after 30 s."""
    if process.poll() is not None:
        return
    os.kill(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def busybox_base(client: Any, reference: str) -> None:
    """Import ``reference`` (repository:tag) from busybox-static's binary and the stand-ins."""
    busybox = shutil.which("busybox")
    if busybox is None:
        raise EngineStartError("busybox is not on PATH (Debian: apt-get install busybox-static)")
    data = io.BytesIO()
    with tarfile.open(fileobj=data, mode="w") as tar:
        for folder in ("bin", "tmp", "usr", "usr/local", "usr/local/bin"):
            _add(tar, folder, None, 0o1777 if folder == "tmp" else 0o755)
        _add(tar, "bin/busybox", Path(busybox).read_bytes(), 0o755)
        for applet in APPLETS:
            link = tarfile.TarInfo(f"bin/{applet}")
            link.type, link.linkname = tarfile.SYMTYPE, "busybox"
            tar.addfile(link)
        _add(tar, "usr/local/bin/python", PYTHON_STAND_IN.encode(), 0o755)
        _add(tar, "usr/local/bin/stand-in", STAND_IN.encode(), 0o755)
    repository, _, tag = reference.rpartition(":")
    client.api.import_image_from_data(data.getvalue(), repository=repository, tag=tag)


def _add(tar: tarfile.TarFile, name: str, content: bytes | None, mode: int) -> None:
    info = tarfile.TarInfo(name)
    info.mode = mode
    if content is None:
        info.type = tarfile.DIRTYPE
        tar.addfile(info)
    else:
        info.size = len(content)
        tar.addfile(info, io.BytesIO(content))
