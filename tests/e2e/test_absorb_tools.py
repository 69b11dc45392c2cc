"""Issue 15: DVC's own commands and the bots' pin bumps flow back into mlops.yaml.

Each test makes the edit with the real tool (or writes exactly what a bot's pull request
changes), runs `mlops absorb`, and ends with `mlops compile --check` passing and `git diff` of
mlops.yaml touching only the changed lines.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from owning_tools import ToolEnv, run_dvc

pytestmark = pytest.mark.tools

MLOPS = [sys.executable, "-m", "mlops_compiler"]

SPEC = """\
# yaml-language-server: $schema=.mlops/mlops.schema.json
version: 1
project:
  name: absorbing
  python: "3.11"
params:
  train:
    n_estimators: 100     # trees in the forest
    seed: 42
pipeline:
  stages:
    train:
      cmd: python train.py
      deps:
      - train.py
      params: [train.n_estimators, train.seed]
      outs: [model.txt]
"""

TRAIN = """\
import yaml
params = yaml.safe_load(open("params.yaml"))["train"]
open("model.txt", "w").write(str(params["n_estimators"]))
"""


SOURCE = Path(__file__).resolve().parents[2]


def mlops(repo: Path, *args: str, env: ToolEnv) -> subprocess.CompletedProcess[str]:
    """This checkout's mlops (the tool env drops PYTHONPATH, so it is set again here)."""
    environ = {**env.environ(), "PYTHONPATH": str(SOURCE)}
    return subprocess.run(
        [*MLOPS, *args], cwd=repo, env=environ, capture_output=True, text=True, check=False
    )


def git(repo: Path, *args: str, env: ToolEnv) -> str:
    result = subprocess.run(
        ["git", *args], cwd=repo, env=env.environ(), capture_output=True, text=True, check=True
    )
    return result.stdout


def changed_lines(repo: Path, env: ToolEnv) -> list[str]:
    """The `-`/`+` lines of `git diff mlops.yaml`."""
    diff = git(repo, "diff", "--unified=0", "mlops.yaml", env=env)
    return [
        line
        for line in diff.splitlines()
        if line[:1] in "-+" and not line.startswith(("---", "+++"))
    ]


def committed_repo(tmp_path: Path, env: ToolEnv, spec: str = SPEC) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "mlops.yaml").write_text(spec)
    (repo / "train.py").write_text(TRAIN)
    compiled = mlops(repo, "compile", env=env)
    assert compiled.returncode == 0, compiled.stderr
    git(repo, "-c", "init.defaultBranch=main", "init", "-q", env=env)
    if not (repo / ".dvc").exists():
        result = run_dvc(repo, "init", "-q", env=env)
        assert result.ok, result
    git(repo, "add", "-A", env=env)
    git(repo, "commit", "-qm", "start", env=env)
    return repo


def test_dvc_exp_run_set_param_goes_to_params(tmp_path: Path, isolated_tool_env: ToolEnv) -> None:
    """Finding 1: `dvc exp run -S` edits params.yaml; absorb writes `params:`, no override."""
    env = isolated_tool_env
    repo = committed_repo(tmp_path, env)
    result = run_dvc(repo, "exp", "run", "-S", "train.n_estimators=30", env=env)
    assert result.ok, result
    assert (repo / "model.txt").read_text() == "30"
    assert mlops(repo, "compile", "--check", env=env).returncode == 1
    absorbed = mlops(repo, "absorb", "params.yaml", env=env)
    assert absorbed.returncode == 0, absorbed.stderr
    assert "params.train.n_estimators" in absorbed.stdout
    assert changed_lines(repo, env) == [
        "-    n_estimators: 100     # trees in the forest",
        "+    n_estimators: 30     # trees in the forest",
    ]
    check = mlops(repo, "compile", "--check", env=env)
    assert check.returncode == 0, check.stderr
    # the next edit of `params:` is not shadowed by anything
    spec = (repo / "mlops.yaml").read_text().replace("seed: 42", "seed: 7")
    (repo / "mlops.yaml").write_text(spec)
    assert mlops(repo, "compile", env=env).returncode == 0
    assert "seed: 7" in (repo / "params.yaml").read_text()


def test_dvc_exp_apply_goes_to_params(tmp_path: Path, isolated_tool_env: ToolEnv) -> None:
    """Finding 1: an experiment run aside (`--temp`), then `dvc exp apply`, then one absorb."""
    env = isolated_tool_env
    repo = committed_repo(tmp_path, env)
    result = run_dvc(repo, "exp", "run", "--temp", "-n", "fifty", "-S", "train.seed=50", env=env)
    assert result.ok, result
    assert "seed: 42" in (repo / "params.yaml").read_text()
    applied = run_dvc(repo, "exp", "apply", "fifty", env=env)
    assert applied.ok, applied
    absorbed = mlops(repo, "absorb", env=env)
    assert absorbed.returncode == 0, absorbed.stderr
    assert changed_lines(repo, env) == ["-    seed: 42", "+    seed: 50"]
    check = mlops(repo, "compile", "--check", env=env)
    assert check.returncode == 0, check.stderr


def bump(repo: Path, action: str, sha: str, version: str) -> list[str]:
    """What a Dependabot or Renovate pull request changes in every generated workflow."""
    touched = []
    for workflow in sorted((repo / ".github" / "workflows").glob("*.yml")):
        lines = workflow.read_text().splitlines(keepends=True)
        for index, line in enumerate(lines):
            if f"uses: {action}@" in line:
                head = line.split("uses:")[0]
                # Dependabot and Renovate (pinDigests) both write `uses: a@sha # vX.Y.Z`
                lines[index] = f"{head}uses: {action}@{sha} # {version}\n"
                touched.append(workflow.name)
        workflow.write_text("".join(lines))
    return touched


EXAMPLES = SOURCE / "examples"


@pytest.mark.parametrize("bot", ["dependabot", "renovate"])
def test_a_bot_pin_bump_goes_to_ci_actions(
    tmp_path: Path, isolated_tool_env: ToolEnv, bot: str
) -> None:
    """Finding 5: the bump is a `ci.actions` entry; pin comments stay; cd.yml absorbs too."""
    env = isolated_tool_env
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES / "quickstart", repo)
    git(repo, "-c", "init.defaultBranch=main", "init", "-q", env=env)
    git(repo, "add", "-A", env=env)
    git(repo, "commit", "-qm", "start", env=env)
    # actions/checkout v6.0.2 and v6.0.1: real release commits, read from the action's repository
    sha, version = {
        "dependabot": ("de0fac2e4500dabe0009e67214ff5f5447ce83dd", "v6.0.2"),
        "renovate": ("8e8c483db84b4bee98b60c0593521ed34d9990e8", "v6.0.1"),
    }[bot]
    touched = bump(repo, "actions/checkout", sha, version)
    assert {"ci.yml", "cd.yml"} <= set(touched)
    assert mlops(repo, "compile", "--check", env=env).returncode == 1
    absorbed = mlops(repo, "absorb", env=env)
    assert absorbed.returncode == 0, absorbed.stderr
    assert "ci.actions.actions/checkout" in absorbed.stdout
    assert changed_lines(repo, env) == [
        "+  actions:",
        "+    actions/checkout:",
        f"+      sha: {sha}",
        f"+      version: {version}",
    ]
    check = mlops(repo, "compile", "--check", env=env)
    assert check.returncode == 0, check.stderr
    ci = (repo / ".github" / "workflows" / "ci.yml").read_text()
    assert f"uses: actions/checkout@{sha} # {version}" in ci
    assert "uses: actions/setup-python@ece7cb06caefa5fff74198d8649806c4678c61a1 # v6.3.0" in ci


PIPELINE_ONLY = """\
version: 1
project:
  name: plain
  python: "3.11"
pipeline:
  stages:
    hello:
      cmd: echo hello > out.txt
      outs: [out.txt]
ci:
  lint: [echo ok]
"""


@pytest.mark.parametrize("data", [False, True], ids=["no-data", "with-remote"])
def test_dvc_init_before_compile_is_adopted(
    tmp_path: Path, isolated_tool_env: ToolEnv, data: bool
) -> None:
    """Finding 4: DVC's empty .dvc/config, .dvc/.gitignore and .dvcignore are adopted."""
    env = isolated_tool_env
    repo = tmp_path / "repo"
    repo.mkdir()
    remote = f"data:\n  remotes:\n    storage: {{kind: local, url: {tmp_path / 'store'}}}\n"
    (repo / "mlops.yaml").write_text(PIPELINE_ONLY + (remote if data else ""))
    git(repo, "-c", "init.defaultBranch=main", "init", "-q", env=env)
    assert run_dvc(repo, "init", "-q", env=env).ok
    dvc_own = {name: (repo / name).read_bytes() for name in (".dvc/.gitignore", ".dvcignore")}
    compiled = mlops(repo, "compile", env=env)
    assert compiled.returncode == 0, compiled.stderr
    assert {name: (repo / name).read_bytes() for name in dvc_own} == dvc_own
    assert mlops(repo, "compile", "--check", env=env).returncode == 0
    assert run_dvc(repo, "repro", env=env).ok


def test_a_compiled_repo_is_a_dvc_project_and_dvc_init_f_is_adopted(
    tmp_path: Path, isolated_tool_env: ToolEnv
) -> None:
    """Finding 4: a pipeline the CI runs makes .dvc/ without `data:`, so the workflow's
    `dvc repro` works where nobody ran `dvc init`; `dvc init -f` later is adopted."""
    env = isolated_tool_env
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "mlops.yaml").write_text(PIPELINE_ONLY)
    assert mlops(repo, "compile", env=env).returncode == 0
    git(repo, "-c", "init.defaultBranch=main", "init", "-q", env=env)
    assert (repo / ".dvc" / "config").is_file()
    assert (repo / ".dvc" / ".gitignore").read_text() == "/config.local\n/tmp\n/cache\n"
    assert run_dvc(repo, "repro", env=env).ok
    forced = run_dvc(repo, "init", "-f", "-q", env=env)
    assert forced.ok, forced
    compiled = mlops(repo, "compile", env=env)
    assert compiled.returncode == 0, compiled.stderr
    assert mlops(repo, "compile", "--check", env=env).returncode == 0


def test_dvc_remote_add_modify_and_config_flow_into_data(
    tmp_path: Path, isolated_tool_env: ToolEnv
) -> None:
    """Finding 4: `dvc remote add/modify`, `dvc config` each followed by one absorb."""
    env = isolated_tool_env
    repo = committed_repo(tmp_path, env, PIPELINE_ONLY)
    store, other = tmp_path / "store", tmp_path / "other"
    assert run_dvc(repo, "remote", "add", "-d", "storage", str(store), env=env).ok
    assert mlops(repo, "compile", "--check", env=env).returncode == 1
    absorbed = mlops(repo, "absorb", ".dvc/config", env=env)
    assert absorbed.returncode == 0, absorbed.stderr
    assert changed_lines(repo, env) == [
        "+data:",
        "+  remotes:",
        "+    storage:",
        "+      kind: local",
        f"+      url: {store}",
        "+  default: storage",
    ]
    assert mlops(repo, "compile", "--check", env=env).returncode == 0
    git(repo, "commit", "-qam", "remote", env=env)

    assert run_dvc(repo, "remote", "modify", "storage", "url", str(other), env=env).ok
    assert mlops(repo, "absorb", env=env).returncode == 0
    [removed, added] = changed_lines(repo, env)
    assert (removed.replace(str(store), str(other))[1:], added[0]) == (added[1:], "+")
    assert mlops(repo, "compile", "--check", env=env).returncode == 0
    git(repo, "commit", "-qam", "modify", env=env)

    assert run_dvc(repo, "config", "core.autostage", "true", env=env).ok
    absorbed = mlops(repo, "absorb", env=env)
    assert absorbed.returncode == 0, absorbed.stderr
    assert changed_lines(repo, env) == ["+  config:", "+    core:", "+      autostage: true"]
    assert mlops(repo, "compile", "--check", env=env).returncode == 0
    # `.dvc/config.local` is DVC's and the user's: compile never reads or writes it
    assert run_dvc(repo, "remote", "modify", "--local", "storage", "verify", "true", env=env).ok
    assert mlops(repo, "compile", "--check", env=env).returncode == 0
    assert run_dvc(repo, "status", env=env).ok


NO_WORKFLOW = """\
version: 1
project:
  name: plain
  python: "3.11"
pipeline:
  stages:
    hello:
      cmd: echo hello > out.txt
      outs: [out.txt]
"""

IN_A_FOLDER = """\
version: 1
project:
  name: plain
  python: "3.11"
pipelines:
  sub/dvc.yaml:
    stages:
      hello:
        cmd: echo hello > out.txt
        outs: [out.txt]
"""


@pytest.mark.parametrize("spec", [NO_WORKFLOW, IN_A_FOLDER], ids=["root-pipeline", "pipelines"])
def test_any_pipeline_without_data_makes_the_dvc_project(
    tmp_path: Path, isolated_tool_env: ToolEnv, spec: str
) -> None:
    """Finding 4: no `data:` and no workflow, yet compile makes .dvc/ (config, .gitignore, and
    .dvcignore at the root), so `dvc repro` and `dvc status` work where nobody ran `dvc init`."""
    env = isolated_tool_env
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "mlops.yaml").write_text(spec)
    git(repo, "-c", "init.defaultBranch=main", "init", "-q", env=env)
    compiled = mlops(repo, "compile", env=env)
    assert compiled.returncode == 0, compiled.stderr
    assert (repo / ".dvc" / "config").is_file()
    assert (repo / ".dvc" / ".gitignore").read_text() == "/config.local\n/tmp\n/cache\n"
    assert (repo / ".dvcignore").is_file()
    folder = repo / "sub" if spec is IN_A_FOLDER else repo
    reproduced = run_dvc(folder, "repro", env=env)
    assert reproduced.ok, reproduced
    assert (folder / "out.txt").read_text() == "hello\n"
    status = run_dvc(folder, "status", env=env)
    assert status.ok, status
    assert mlops(repo, "compile", "--check", env=env).returncode == 0


UNDO_DVC_CONFIG = (
    "  hint: undo the edit (`git checkout -- .dvc/config`) and say it under `data:` in"
    " mlops.yaml; settings only this machine needs go in .dvc/config.local (`dvc config"
    " --local`, `dvc remote modify --local`), which compile never reads\n"
)


@pytest.mark.parametrize(
    ("command", "reason"),
    [
        (
            ["remote", "add", "-d", "st", ".dvc/store"],
            ".dvc/config says `'remote \"st\"'.url: store`, and the spec would write"
            " `../.dvc/store`",
        ),
        (
            ["remote", "add", "-d", "con", "/srv/dvc"],
            "the spec it needs is invalid: remote `con` is a device name that Windows reserves",
        ),
    ],
    ids=["not-reproduced", "invalid-spec"],
)
def test_a_dvc_config_edit_the_spec_cannot_say_is_refused_with_exit_3(
    tmp_path: Path, isolated_tool_env: ToolEnv, command: list[str], reason: str
) -> None:
    """An edit no `data:` reproduces is a refusal (exit 3, the README's code for it) naming
    the value, never an internal error (exit 70): mlops.yaml and the edit stay as they were."""
    env = isolated_tool_env
    repo = committed_repo(tmp_path, env, PIPELINE_ONLY)
    assert run_dvc(repo, *command, env=env).ok
    edited = (repo / ".dvc" / "config").read_bytes()
    absorbed = mlops(repo, "absorb", env=env)
    assert (absorbed.returncode, absorbed.stdout) == (3, "")
    assert absorbed.stderr == (
        f"mlops: error: cannot absorb .dvc/config: mlops.yaml cannot say this edit ({reason});"
        " nothing was written\n" + UNDO_DVC_CONFIG
    )
    assert git(repo, "status", "--porcelain", env=env) == " M .dvc/config\n"
    assert (repo / ".dvc" / "config").read_bytes() == edited
