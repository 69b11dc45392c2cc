"""Issue 15: the generated Renovate config, judged by Renovate's own JSON Schema, and its custom
manager run as Renovate runs it (tests/tool_probes/renovate_regex.js) on a real mlops.yaml.

Renovate's schema comes from its npm package's tarball (`make venv`: `npm pack`, 3 MB); the
package itself (Node 24, hundreds of MB of dependencies) is not installed, so its regex manager
is reproduced in Node with the steps of its own code named in the probe.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from owning_tools import ToolEnv, _missing

pytestmark = pytest.mark.tools

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / ".tools/node_modules"
RENOVATE_SCHEMA = ROOT / ".tools/renovate/renovate-schema.json"
MLOPS = [sys.executable, "-m", "mlops_compiler"]

# actions/checkout v6.0.1 and v6.0.2: real release commits, read from the action's repository
V601 = "8e8c483db84b4bee98b60c0593521ed34d9990e8"
V602 = "de0fac2e4500dabe0009e67214ff5f5447ce83dd"

PINNED = f"""\
ci:                              # .github/workflows/ci.yml: every pull request and push to main
  lint:
    - python -m compileall -q src
  actions:
    actions/checkout:            # the pin Renovate keeps current
      sha: {V601}
      version: v6.0.1
  renovate: {{}}
"""


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        _missing("node is not on PATH (Debian: apt-get install nodejs)")
    return node


def _schema() -> Path:
    if not RENOVATE_SCHEMA.is_file():
        _missing(f"Renovate's JSON Schema is not in {RENOVATE_SCHEMA} (run `make venv`)")
    if not (NODE_MODULES / "ajv").is_dir():
        _missing(f"npm package ajv is not installed in {NODE_MODULES} (run `make venv`)")
    return RENOVATE_SCHEMA


def run(repo: Path, env: ToolEnv, *argv: str) -> subprocess.CompletedProcess[str]:
    environ = {**env.environ(), "PYTHONPATH": str(ROOT)}
    return subprocess.run(argv, cwd=repo, env=environ, capture_output=True, text=True, check=False)


def quickstart(tmp_path: Path, env: ToolEnv) -> Path:
    """The quickstart with `ci.actions` pinning checkout at v6.0.1 and `ci.renovate`, committed."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "examples/quickstart", repo)
    spec = (repo / "mlops.yaml").read_text()
    old = "ci:                              # .github/workflows/ci.yml: every pull request and"
    start = spec.index(old)
    end = spec.index("\ncd:", start) + 1
    (repo / "mlops.yaml").write_text(spec[:start] + PINNED + "\n" + spec[end:])
    compiled = run(repo, env, *MLOPS, "compile")
    assert compiled.returncode == 0, compiled.stderr
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "start"]):
        assert run(repo, env, "git", "-c", "init.defaultBranch=main", *args).returncode == 0
    return repo


def validate(tmp_path: Path, document: Any) -> list[Any]:
    """Ajv's errors for ``document`` against Renovate's schema (draft 7; Renovate's own keywords
    such as `markdownDescription` are not assertions, so strict mode is off)."""
    data = tmp_path / "config.json"
    data.write_text(json.dumps(document))
    script = (
        "const Ajv = require('ajv'); const fs = require('fs');"
        "const ajv = new Ajv({strict: false, allErrors: true, logger: false});"
        "const v = ajv.compile(JSON.parse(fs.readFileSync(process.argv[1], 'utf8')));"
        "const ok = v(JSON.parse(fs.readFileSync(process.argv[2], 'utf8')));"
        "console.log(JSON.stringify(ok ? [] : v.errors));"
    )
    done = subprocess.run(
        [_node(), "-e", script, str(_schema()), str(data)],
        env={"NODE_PATH": str(NODE_MODULES), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert (done.returncode, done.stderr) == (0, "")
    errors: list[Any] = json.loads(done.stdout)
    return errors


def test_the_config_is_valid_against_renovates_own_schema(
    tmp_path: Path, isolated_tool_env: ToolEnv
) -> None:
    repo = quickstart(tmp_path, isolated_tool_env)
    config = json.loads((repo / "renovate.json").read_text())
    schema = json.loads(_schema().read_text())
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert validate(tmp_path, config) == []
    # the judge can fail: a manager type Renovate does not have, a pattern list that is a string
    broken = json.loads(json.dumps(config))
    broken["customManagers"][0]["customType"] = "regexp"
    broken["customManagers"][0]["matchStrings"] = "x"
    assert {error["instancePath"] for error in validate(tmp_path, broken)} >= {
        "/customManagers/0/customType",
        "/customManagers/0/matchStrings",
    }


def renovate(repo: Path, env: ToolEnv, updates: dict[str, Any]) -> dict[str, Any]:
    done = run(
        repo,
        env,
        _node(),
        str(ROOT / "tests/tool_probes/renovate_regex.js"),
        "renovate.json",
        "mlops.yaml",
        "mlops.yaml",
        json.dumps(updates),
    )
    assert (done.returncode, done.stderr) == (0, "")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def changed_lines(repo: Path, env: ToolEnv) -> list[str]:
    diff = run(repo, env, "git", "diff", "--unified=0", "mlops.yaml").stdout
    return [
        line
        for line in diff.splitlines()
        if line[:1] in "-+" and not line.startswith(("---", "+++"))
    ]


def test_renovates_bump_edits_mlops_yaml_and_compile_regenerates_every_workflow(
    tmp_path: Path, isolated_tool_env: ToolEnv
) -> None:
    env = isolated_tool_env
    repo = quickstart(tmp_path, env)
    bump = {"actions/checkout": {"newValue": "v6.0.2", "newDigest": V602}}
    result = renovate(repo, env, bump)
    assert result["matchesFile"] is True
    assert [(d["depName"], d["currentDigest"], d["currentValue"]) for d in result["deps"]] == [
        ("actions/checkout", V601, "v6.0.1")
    ]
    assert result["deps"][0]["datasource"] == "github-tags"
    assert result["confirmed"] is True
    (repo / "mlops.yaml").write_text(result["updated"])
    assert changed_lines(repo, env) == [
        f"-      sha: {V601}",
        "-      version: v6.0.1",
        f"+      sha: {V602}",
        "+      version: v6.0.2",
    ]
    # Renovate's pull request: until compile runs, the workflows hold the old pin
    assert run(repo, env, *MLOPS, "compile", "--check").returncode == 1
    compiled = run(repo, env, *MLOPS, "compile")
    assert compiled.returncode == 0, compiled.stderr
    for workflow in ("ci.yml", "cd.yml", "retrain.yml"):
        text = (repo / ".github/workflows" / workflow).read_text()
        assert f"uses: actions/checkout@{V602} # v6.0.2" in text, workflow
        assert V601 not in text, workflow
    assert run(repo, env, *MLOPS, "compile", "--check").returncode == 0


def test_the_same_bump_from_renovates_actions_manager_on_one_branch_checks_clean(
    tmp_path: Path, isolated_tool_env: ToolEnv
) -> None:
    """Renovate names the branch after the dependency and its major (`renovate/
    actions-checkout-6.x`), so its GitHub Actions manager's edit of the workflows lands on the
    same branch: the pull request is already what compile would write."""
    env = isolated_tool_env
    repo = quickstart(tmp_path, env)
    result = renovate(repo, env, {"actions/checkout": {"newValue": "v6.0.2", "newDigest": V602}})
    (repo / "mlops.yaml").write_text(result["updated"])
    for workflow in sorted((repo / ".github/workflows").glob("*.yml")):
        text = workflow.read_text()
        workflow.write_text(
            text.replace(f"actions/checkout@{V601} # v6.0.1", f"actions/checkout@{V602} # v6.0.2")
        )
    check = run(repo, env, *MLOPS, "compile", "--check")
    assert check.returncode == 0, check.stdout + check.stderr


def test_javascript_finds_every_style_of_entry_as_python_does(
    tmp_path: Path, isolated_tool_env: ToolEnv
) -> None:
    """The unit tests run the patterns through Python's `re`; Renovate's engine agrees."""
    repo = quickstart(tmp_path, isolated_tool_env)
    styles = (
        "ci:\n  actions:\n"
        f"    actions/checkout:  # a comment\n      sha: {V602}\n      version: v6.0.2\n"
        f'    "docker/login-action":\n      version: \'v4.0.0\'\n      sha: "{"1" * 40}"\n'
        f"    docker/metadata-action: {{sha: {'2' * 40}, version: v6}}\n"
        f'    docker/build-push-action: {{ version: "v7.3", sha: {"3" * 40} }}\n'
    )
    (repo / "mlops.yaml").write_text(styles)
    found = renovate(repo, isolated_tool_env, {})["deps"]
    assert sorted((d["depName"], d["currentDigest"], d["currentValue"]) for d in found) == [
        ("actions/checkout", V602, "v6.0.2"),
        ("docker/build-push-action", "3" * 40, "v7.3"),
        ("docker/login-action", "1" * 40, "v4.0.0"),
        ("docker/metadata-action", "2" * 40, "v6"),
    ]
