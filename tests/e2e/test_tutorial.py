"""docs/tutorial.md, run: every shell block, in order, in an empty folder, with the real `mlops`
(the console entry point of this checkout), DVC and MLflow.

The lines that need the network or GitHub are not run; ``NOT_RUN`` names each one and why, and
the test fails if the tutorial no longer has one of them (so the list cannot go stale) or has a
new line that fails here. ``/path/to/mlops-compiler`` is this checkout.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from owning_tools import ToolEnv, tool_bin

pytestmark = pytest.mark.tools

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "docs/tutorial.md"

NOT_RUN = {
    "python -m venv .venv && . .venv/bin/activate": (
        "the test runs in this checkout's environment, which already holds mlops, DVC and MLflow"
    ),
    'pip install "mlops-compiler @ git+https://github.com/<org>/mlops-compiler@<tag>"': (
        "downloads from GitHub (no network in the tests)"
    ),
    "pip install dvc mlflow scikit-learn": "downloads from PyPI (no network in the tests)",
    "dvc push": "uploads to s3://my-bucket (needs the network, the bucket and AWS credentials)",
    "git push": "needs a GitHub repository (no network in the tests)",
}
"""Lines of the tutorial that cannot run offline (matched less their trailing comment)."""


def shell_blocks(markdown: str) -> list[str]:
    """Every ```sh block of ``markdown``, in order."""
    return re.findall(r"^```sh\n(.*?)^```$", markdown, flags=re.MULTILINE | re.DOTALL)


def runnable(block: str, skipped: list[str]) -> str:
    """``block`` with the lines of ``NOT_RUN`` left out (heredoc bodies are never touched)."""
    kept, heredoc_end = [], None
    for line in block.splitlines():
        if heredoc_end is not None:
            kept.append(line)
            heredoc_end = None if line == heredoc_end else heredoc_end
            continue
        command = re.sub(r"\s+#.*$", "", line).strip()
        if command in NOT_RUN:
            skipped.append(command)
            continue
        start = re.search(r"<<'(\w+)'$", command)
        heredoc_end = start[1] if start else None
        kept.append(line.replace("/path/to/mlops-compiler", str(ROOT)))
    return "\n".join(kept) + "\n"


def test_the_tutorial_runs_end_to_end(tmp_path: Path, isolated_tool_env: ToolEnv) -> None:
    for tool in ("dvc", "mlflow"):  # skipped without them, failed without them in CI
        tool_bin(tool)
    blocks = shell_blocks(TUTORIAL.read_text(encoding="utf-8"))
    assert len(blocks) == 6
    skipped: list[str] = []
    script = "set -euo pipefail\n" + "".join(runnable(block, skipped) for block in blocks)
    assert sorted(skipped) == sorted(NOT_RUN), "NOT_RUN lists a line the tutorial lost"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    mlops = bin_dir / "mlops"
    mlops.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m mlops_compiler "$@"\n')
    mlops.chmod(0o755)
    env = isolated_tool_env.environ()
    env["PATH"] = f"{bin_dir}:{Path(sys.executable).parent}:{env['PATH']}"
    env["PYTHONPATH"] = str(ROOT)
    (tmp_path / "work").mkdir()
    done = subprocess.run(
        ["bash", "-c", script],
        cwd=tmp_path / "work",
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, f"{done.stdout}\n{done.stderr}"
    project = tmp_path / "work/digits"
    # Step 1: the completion script is installed where bash-completion looks.
    home = Path(env["HOME"])
    assert "mlops" in (home / ".local/share/bash-completion/completions/mlops").read_text()
    # Steps 2-3: the three stages ran, the model is registered, the metrics are there.
    assert '"accuracy"' in (project / "metrics.json").read_text()
    assert "Created version '1' of model 'digits-classifier'." in done.stderr
    # Step 4: the remote is DVC's.
    [remote] = [line for line in done.stdout.splitlines() if line.startswith("storage")]
    assert remote.split()[:2] == ["storage", "s3://my-bucket/digits"]
    # Step 5: the workflows exist, are current, pass verify, and are committed.
    for name in ("ci.yml", "cd.yml"):
        assert (project / ".github/workflows" / name).is_file()
    assert (project / ".github/scripts/gate.py").is_file()
    assert "mlops verify: " in done.stdout and ", 0 failed" in done.stdout
    log = subprocess.run(
        ["git", "log", "--format=%s"], cwd=project, env=env, capture_output=True, text=True
    )
    assert log.stdout == "digits: one mlops.yaml\n"
