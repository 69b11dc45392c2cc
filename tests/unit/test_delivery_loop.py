"""What the generated ci and cd workflows do with the model: who trains, who registers, which
version each environment deploys and when @champion moves (issue 13, findings 1, 2 and 6)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from mlops_compiler import compile_spec
from mlops_compiler.families.delivery.scripts import GATE, GATE_SCRIPT

ROOT = Path(__file__).resolve().parents[2]
DELIVERING = ["quickstart", "advanced"]


def _workflow(example: str, name: str) -> dict[str, Any]:
    texts = compile_spec(ROOT / "examples" / example / "mlops.yaml").texts()
    loaded: dict[str, Any] = YAML(typ="safe").load(texts[f".github/workflows/{name}"])
    return loaded


def _step(job: dict[str, Any], name: str) -> dict[str, Any]:
    found = [step for step in job["steps"] if step["name"] == name]
    assert len(found) == 1, [step["name"] for step in job["steps"]]
    return found[0]


@pytest.mark.parametrize("example", DELIVERING)
def test_ci_never_reaches_the_production_registry(example: str) -> None:
    """Finding 1: ci.yml ran `dvc repro` on pull requests with the production MLflow secrets,
    so a pull request's model was registered where cd's gate promoted it."""
    ci = _workflow(example, "ci.yml")
    reproduce = _step(ci["jobs"]["pipeline"], "Reproduce the pipeline")
    assert not any("secrets." in str(value) for value in reproduce.get("env", {}).values())
    uri = reproduce["env"]["MLFLOW_TRACKING_URI"]
    assert uri == "sqlite:///${{ runner.temp }}/mlflow.db"


@pytest.mark.parametrize("example", DELIVERING)
def test_one_job_trains_per_commit(example: str) -> None:
    """Finding 1: on a push to main ci.yml and cd.yml both trained and registered (a race)."""
    ci = _workflow(example, "ci.yml")
    reproduce = _step(ci["jobs"]["pipeline"], "Reproduce the pipeline")
    assert reproduce["if"] == "github.event_name == 'pull_request'"
    cd = _workflow(example, "cd.yml")
    trains = [
        job
        for job in cd["jobs"]
        if any(s.get("run") == "dvc repro\n" for s in cd["jobs"][job]["steps"])
    ]
    assert trains == ["promote"]
    context = _step(cd["jobs"]["promote"], "Reproduce the pipeline")["env"]["MLFLOW_RUN_CONTEXT"]
    assert '"mlops.git_commit": "${{ github.sha }}"' in context
    assert '"mlops.workflow_run": "${{ github.run_id }}.${{ github.run_attempt }}"' in context


@pytest.mark.parametrize("example", DELIVERING)
def test_the_gate_is_a_generated_file_that_fails_the_run(example: str) -> None:
    """Findings 6 and 7: FAIL_ON_GATE was 'false' in cd, and the gate a heredoc in YAML."""
    cd = _workflow(example, "cd.yml")
    gate = _step(cd["jobs"]["promote"], "Gate the model this run trained")
    assert gate["run"] == GATE == f"python {GATE_SCRIPT}\n"
    assert gate["env"]["FAIL_ON_GATE"] == "true"
    assert gate["env"]["GIT_COMMIT"] == "${{ github.sha }}"
    texts = compile_spec(ROOT / "examples" / example / "mlops.yaml").texts()
    assert "search_model_versions" in texts[GATE_SCRIPT]
    assert "version_number DESC" not in texts[GATE_SCRIPT]


@pytest.mark.parametrize("example", DELIVERING)
def test_staging_gates_production_and_every_environment_pins_one_version(example: str) -> None:
    """Finding 2: the gate moved @champion before staging deployed, and both environments
    resolved the alias when their pods started."""
    cd = _workflow(example, "cd.yml")
    jobs = cd["jobs"]
    gate = _step(jobs["promote"], "Gate the model this run trained")
    assert gate["env"]["ALIAS"] == "challenger"
    deploys = [job for job in jobs if job.startswith("deploy-")]
    assert deploys == ["deploy-staging", "deploy-production"]
    assert "deploy-staging" in jobs["deploy-production"]["needs"]
    for job in deploys:
        env = _step(jobs[job], "Deploy")["env"]
        assert env["MODEL_URI"] == "${{ needs.promote.outputs.model_uri }}"
        assert env["MODEL_VERSION"] == "${{ needs.promote.outputs.version }}"
        assert env["IMAGE"] == "${{ needs.image-serve.outputs.ref }}"
        assert jobs[job]["if"] == "needs.promote.outputs.version != ''"
    champion = [s for j in deploys for s in jobs[j]["steps"] if s.get("run") == GATE]
    assert [s["env"]["PROMOTE_VERSION"] for s in champion] == [
        "${{ needs.promote.outputs.version }}"
    ]
    assert champion[0] is jobs["deploy-production"]["steps"][-1]
    names = [s["name"] for s in jobs["deploy-production"]["steps"]]
    assert names.index("Deploy") < names.index(champion[0]["name"])


def test_a_deployment_with_a_url_is_smoke_checked_before_the_next() -> None:
    cd = _workflow("quickstart", "cd.yml")
    smoke = _step(cd["jobs"]["deploy-staging"], "Smoke check")
    assert smoke["env"]["URL"] == "https://quickstart-staging.example.com"
    assert "--fail" in smoke["run"]
