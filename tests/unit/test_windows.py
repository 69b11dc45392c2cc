"""Windows: no POSIX-only import or flag on the compile's path; the lock uses msvcrt there.

Run in a fresh interpreter where `fcntl` cannot be imported and `os` lacks the flags Windows
lacks, with a stand-in `msvcrt` that records the locking calls, through the real entry point.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from support import MINIMAL_SPEC, write_tree

ROOT = Path(__file__).resolve().parents[2]

AS_IF_WINDOWS = textwrap.dedent(
    """
    import json, os, sys, types
    sys.modules["fcntl"] = None  # `import fcntl` raises ImportError, as on Windows
    for flag in ("O_NONBLOCK", "O_NOCTTY", "O_CLOEXEC", "O_NOFOLLOW"):
        if hasattr(os, flag):
            delattr(os, flag)
    calls = []
    msvcrt = types.ModuleType("msvcrt")
    msvcrt.LK_NBLCK, msvcrt.LK_UNLCK = 2, 0
    msvcrt.locking = lambda fd, mode, size: calls.append([mode, size, os.lseek(fd, 0, 1)])
    sys.modules["msvcrt"] = msvcrt
    from mlops_compiler.entry import run
    codes = [run(argv) for argv in json.loads(sys.argv[1])]
    print(json.dumps({"codes": codes, "locking": calls}))
    """
)


def run_as_if_windows(project: Path, *argvs: list[str]) -> dict[str, list[object]]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", AS_IF_WINDOWS, json.dumps(list(argvs))],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, list[object]] = json.loads(done.stdout.splitlines()[-1])
    return result


def test_a_full_compile_runs_without_fcntl_and_locks_with_msvcrt(tmp_path: Path) -> None:
    project = write_tree(tmp_path, {"mlops.yaml": MINIMAL_SPEC})
    result = run_as_if_windows(
        project,
        ["compile"],
        ["compile", "--check", "--no-fast"],
        ["validate"],
        ["absorb"],
    )
    assert result["codes"] == [0, 0, 0, 0]
    # compile and absorb each take byte 0 of the lock file, then release it
    assert result["locking"] == [[2, 1, 0], [0, 1, 0], [2, 1, 0], [0, 1, 0]]
    assert (project / "dvc.yaml").is_file()


def test_a_held_msvcrt_lock_is_refused_like_a_held_flock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    from mlops_compiler.write import locking

    class Held:
        LK_NBLCK, LK_UNLCK = 2, 0

        @staticmethod
        def locking(fd: int, mode: int, size: int) -> None:
            raise PermissionError(13, "Permission denied")

    real_import = importlib.import_module

    def windows_import(name: str) -> object:
        if name == "fcntl":
            raise ImportError(name)
        return Held if name == "msvcrt" else real_import(name)

    monkeypatch.setattr(locking.importlib, "import_module", windows_import)
    handle = os.open(tmp_path / "lock", os.O_RDONLY | os.O_CREAT, 0o644)
    try:
        assert locking.try_lock(handle) is False
    finally:
        os.close(handle)
