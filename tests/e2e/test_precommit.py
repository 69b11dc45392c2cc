"""The hooks in .pre-commit-hooks.yaml work under the real pre-commit framework.

`pre-commit try-repo` installs this repository (working tree included) into pre-commit's own
virtualenv, as a user's `repo:` entry would, and runs the hook in a throw-away git repository.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from owning_tools import BIN_DIR, ToolEnv
from support import MINIMAL_SPEC, write_tree

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.tools


def pre_commit(repo: Path, env: ToolEnv, hook: str) -> subprocess.CompletedProcess[str]:
    environ = env.environ() | {"PRE_COMMIT_HOME": str(env.root / "pre-commit")}
    return subprocess.run(
        [str(BIN_DIR / "pre-commit"), "try-repo", str(ROOT), hook, "--all-files", "--color=never"],
        cwd=repo,
        env=environ,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def git(repo: Path, env: ToolEnv, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=env.environ(), check=True, capture_output=True)


@pytest.fixture
def user_repo(tmp_path: Path, isolated_tool_env: ToolEnv) -> Path:
    repo = write_tree(tmp_path / "user", {"mlops.yaml": MINIMAL_SPEC, "train.py": "print(1)\n"})
    git(repo, isolated_tool_env, "init", "-q")
    git(repo, isolated_tool_env, "add", "-A")
    return repo


def test_the_hook_manifest_is_valid(isolated_tool_env: ToolEnv) -> None:
    completed = subprocess.run(
        [str(BIN_DIR / "pre-commit"), "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
        env=isolated_tool_env.environ(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_compile_hook_regenerates_then_passes_once_staged(
    user_repo: Path, isolated_tool_env: ToolEnv
) -> None:
    first = pre_commit(user_repo, isolated_tool_env, "mlops-compile")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "generated files changed: stage them and commit again" in first.stdout
    assert (user_repo / "dvc.yaml").is_file()
    git(user_repo, isolated_tool_env, "add", "-A")
    second = pre_commit(user_repo, isolated_tool_env, "mlops-compile")
    assert second.returncode == 0, second.stdout + second.stderr

    (user_repo / "dvc.yaml").write_text((user_repo / "dvc.yaml").read_text() + "# edit\n")
    git(user_repo, isolated_tool_env, "add", "-A")
    check = pre_commit(user_repo, isolated_tool_env, "mlops-check")
    assert check.returncode == 1, check.stdout + check.stderr
    assert "dvc.yaml: edited by hand" in check.stdout
    refused = pre_commit(user_repo, isolated_tool_env, "mlops-compile")
    assert refused.returncode == 3 or "exit code: 3" in refused.stdout
    assert (user_repo / "dvc.yaml").read_text().endswith("# edit\n")


def test_one_hook_entry_per_project_of_a_monorepo(
    tmp_path: Path, isolated_tool_env: ToolEnv
) -> None:
    """README, "Monorepos": the same hook once per project, with `args: [-f, DIR/mlops.yaml]`;
    both projects' workflows are at the root, and each check passes on its own project."""
    env = isolated_tool_env
    spec = MINIMAL_SPEC + "ci:\n  lint: [ruff check .]\n"
    repo = write_tree(
        tmp_path / "mono",
        {
            "projA/mlops.yaml": spec.replace("name: demo", "name: proja"),
            "projB/mlops.yaml": spec.replace("name: demo", "name: projb"),
        },
    )
    git(repo, env, "init", "-q")
    revision = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    hooks = "".join(
        f"      - {{id: {hook}, alias: {hook}-{name}, args: [-f, {name}/mlops.yaml]}}\n"
        for hook in ("mlops-compile", "mlops-check")
        for name in ("projA", "projB")
    )
    config = f"repos:\n  - repo: {ROOT}\n    rev: {revision}\n    hooks:\n{hooks}"
    (repo / ".pre-commit-config.yaml").write_text(config)
    git(repo, env, "add", "-A")
    environ = env.environ() | {"PRE_COMMIT_HOME": str(env.root / "pre-commit")}

    def run(*hook: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(BIN_DIR / "pre-commit"), "run", *hook, "--all-files", "--color=never"],
            cwd=repo,
            env=environ,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )

    first = run("mlops-compile")
    assert first.returncode == 1, first.stdout + first.stderr  # wrote: stage and commit again
    assert sorted(p.name for p in (repo / ".github/workflows").iterdir()) == [
        "proja-ci.yml",
        "projb-ci.yml",
    ]
    git(repo, env, "add", "-A")
    for alias in ("mlops-check-projA", "mlops-check-projB"):
        check = run(alias)
        assert check.returncode == 0, check.stdout + check.stderr
