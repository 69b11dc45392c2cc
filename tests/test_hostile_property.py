"""A property of the policy on final bytes (issue 16): for random specs whose `overrides:` and
`files:` are drawn from a hostile vocabulary, every compile either refuses at a position
(`mlops.yaml:LINE:COL: error: ...`, nothing written) or writes workflows that zizmor
(pedantic) and actionlint pass, and Dockerfiles that hadolint passes.

The vocabulary: `permissions: write-all` and `write` for the whole workflow,
`pull_request_target` and `workflow_run`, `${{ github.event.* }}` pasted into `run:`, actions
by tag or branch, `FROM python:latest` (also behind an `ARG`), an untagged base and a root
`USER`, beside benign edits so that accepted compiles happen too. No `allow:`: relaxing a
rule is meant to let its finding through.

The tools are slow to start (actionlint is a WASM build under node: seconds), so each
accepted compile's files are collected into one folder under a name that says which example
wrote them, and each tool runs once over all of them at the end. The runs are derandomized
and bounded (``HOSTILE_EXAMPLES``, 120 by default): well under a minute on two cores.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from owning_tools import ToolEnv, actionlint, hadolint, zizmor
from support import MINIMAL_SPEC

from mlops_compiler.cli.main import main

EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES", "120"))
PROPERTY = settings(
    derandomize=True,
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    database=None,
)

BASE = MINIMAL_SPEC + "ci:\n  test: [pytest -q]\n"
"""A spec whose ci.yml has a checkout, a set-up, an install and a test step (0 to 3)."""

PINNED = "actions/checkout@d23441a48e516b6c34aea4fa41551a30e30af803"
TITLE = "${{ github.event.pull_request.title }}"

CI_PATCHES: list[dict[str, Any]] = [
    # hostile
    {"set": "permissions", "value": "write-all"},
    {"set": "permissions", "value": {"contents": "write"}},
    {"set": "jobs.pipeline.permissions", "value": "write-all"},
    {"set": "on", "value": {"pull_request_target": {"branches": ["main"]}}},
    {"set": "on.workflow_run", "value": {"workflows": ["ci"], "types": ["completed"]}},
    {"set": "jobs.pipeline.steps[3].run", "value": f"echo {TITLE}"},
    {"set": "jobs.pipeline.steps[3].run", "value": "echo ${{ github.event.head_commit.message }}"},
    {"set": "jobs.pipeline.steps[0].uses", "value": "actions/checkout@v4"},
    {"set": "jobs.pipeline.steps[0].uses", "value": "actions/checkout@main"},
    {"set": "jobs.pipeline.steps[0].uses", "value": PINNED[:30]},
    # benign
    {"set": "jobs.pipeline.timeout-minutes", "value": 30},
    {"set": "jobs.pipeline.steps[3].name", "value": "Unit tests"},
    {"set": "jobs.pipeline.steps[3].run", "value": "pytest -q -x"},
    {"set": "jobs.pipeline.steps[0].uses", "value": f"{PINNED}"},
]

TRIGGERS = [
    "push:\n    branches: [main]",
    "pull_request_target:",
    "workflow_run:\n    workflows: [ci]",
]
TOP_PERMISSIONS = ["{}", "write-all", "{contents: write}"]
RUNS = ["echo ok", f"echo {TITLE}", 'echo "${{ github.event.issue.body }}"']
USES = [f"{PINNED} # v6.1.0", "actions/checkout@v4", "actions/checkout@main", "docker://alpine:3"]
BASES = [
    "FROM python:3.11-slim",
    "FROM python:latest",
    "FROM python",
    "ARG BASE=python:latest\nFROM ${BASE}",
    "ARG BASE=python:3.11-slim\nFROM ${BASE}",
]
USERS = ["USER 10001:10001", "USER root", "USER 0", ""]


def _workflow(trigger: str, permissions: str, run: str, uses: str) -> str:
    """A verbatim workflow that passes every tool when each choice is the first one."""
    return f"""\
name: extra
on:
  {trigger}
permissions: {permissions}
concurrency:
  group: ${{{{ github.workflow }}}}-${{{{ github.ref }}}}
  cancel-in-progress: true
jobs:
  extra:
    name: Extra
    runs-on: ubuntu-latest
    timeout-minutes: 10
    permissions:
      contents: read  # to check out the repository
    steps:
      - name: Check out
        uses: {uses}
        with:
          persist-credentials: false
      - name: Say
        run: {run}
"""


def _dockerfile(base: str, user: str) -> str:
    return f'{base}\n{user}\nCMD ["python", "app.py"]\n'.replace("\n\n", "\n")


def _spec(patches: list[dict[str, Any]], workflow: str | None, dockerfile: str | None) -> str:
    extra: dict[str, Any] = {}
    if patches:
        extra["overrides"] = {".github/workflows/ci.yml": {"patches": patches}}
    files = {}
    if workflow is not None:
        files[".github/workflows/extra.yml"] = {"text": workflow}
    if dockerfile is not None:
        files["docker/app.Dockerfile"] = {"text": dockerfile}
    if files:
        extra["files"] = files
    tail = yaml.safe_dump(extra, sort_keys=False, width=200, default_style=None) if extra else ""
    return BASE + tail


def _mostly_first(choices: list[str]) -> st.SearchStrategy[str]:
    """The first (benign) choice about two times in three, so that compiles are also accepted."""
    return st.sampled_from([choices[0]] * (2 * len(choices) - 2) + choices)


_BENIGN_PATCHES = CI_PATCHES[-4:]
specs = st.builds(
    _spec,
    st.lists(
        st.sampled_from(CI_PATCHES) | st.sampled_from(_BENIGN_PATCHES),
        max_size=3,
        unique_by=lambda p: p["set"],
    ),
    st.none()
    | st.builds(
        _workflow,
        _mostly_first(TRIGGERS),
        _mostly_first(TOP_PERMISSIONS),
        _mostly_first(RUNS),
        _mostly_first(USES),
    ),
    st.none() | st.builds(_dockerfile, _mostly_first(BASES), _mostly_first(USERS)),
)

POSITIONED = re.compile(r"^mlops\.yaml:\d+:\d+: error: ")


@pytest.fixture(scope="module")
def collected() -> Any:
    """The folder every accepted compile's workflows and Dockerfiles are copied into."""
    with tempfile.TemporaryDirectory(prefix="hostile-property-") as folder:
        root = Path(folder)
        (root / ".github/workflows").mkdir(parents=True)
        (root / "docker").mkdir()
        yield root
        if os.environ.get("HOSTILE_KEEP"):
            shutil.copytree(root, os.environ["HOSTILE_KEEP"], dirs_exist_ok=True)


_seen: dict[str, int] = {"examples": 0, "accepted": 0, "refused": 0}


@PROPERTY
@given(text=specs)
def test_a_hostile_spec_is_refused_at_a_position_or_compiles_to_files_the_tools_pass(
    text: str, collected: Path
) -> None:
    _seen["examples"] += 1
    number = _seen["examples"]
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        (project / "mlops.yaml").write_text(text, encoding="utf-8")
        err = io.StringIO()
        previous = Path.cwd()
        os.chdir(project)
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
                exit_code = main(["compile"])
        finally:
            os.chdir(previous)
        stderr = err.getvalue()
        assert exit_code in (0, 2), (exit_code, stderr, text)
        assert "Traceback" not in stderr
        if exit_code == 2:
            _seen["refused"] += 1
            assert POSITIONED.match(stderr), (stderr, text)
            assert "(policy `" in stderr or "error: overrides" in stderr, (stderr, text)
            assert sorted(p.name for p in project.iterdir()) == ["mlops.yaml"]
            return
        _seen["accepted"] += 1
        (collected / f"example-{number}.mlops.yaml").write_text(text, encoding="utf-8")
        for workflow in sorted((project / ".github/workflows").glob("*.yml")):
            shutil.copyfile(workflow, collected / f".github/workflows/ex{number}-{workflow.name}")
        for dockerfile in sorted(project.rglob("*Dockerfile")):
            shutil.copyfile(dockerfile, collected / f"docker/ex{number}-{dockerfile.name}")


def test_the_accepted_outputs_pass_zizmor_actionlint_and_hadolint(
    collected: Path, isolated_tool_env: ToolEnv
) -> None:
    """Runs after the property (same module, in file order) on what it collected."""
    assert _seen["examples"] == EXAMPLES, "run the whole file: the property collects the files"
    assert _seen["accepted"] > 0 and _seen["refused"] > 0, _seen  # both outcomes are exercised
    print(f"hostile property: {_seen}")  # shown with -s
    workflows = sorted((collected / ".github/workflows").glob("*.yml"))
    assert workflows
    # each file is named after its example: example-N.mlops.yaml beside them is its spec
    found = zizmor(*workflows, env=isolated_tool_env)
    assert found.ok, found
    linted = actionlint(*workflows, env=isolated_tool_env)
    assert linted.ok, linted
    for dockerfile in sorted((collected / "docker").iterdir()):
        checked = hadolint(dockerfile, env=isolated_tool_env)
        assert checked.ok, checked
