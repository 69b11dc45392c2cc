"""`mlops rehearse` runs the quickstart's generated workflows against a local MLflow server.

One sequence over one state folder (the registry and the DVC remote persist between events):
a pull request that trains a worse model, then a push to main that trains a better one, then
the retraining schedule. What is checked is what the workflows did: what the registry holds,
which version each environment was handed, what left the machine (recorded).
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from mlops_compiler.cli.main import main
from mlops_compiler.commands.rehearse import Rehearsal, rehearse

pytestmark = pytest.mark.tools

EXAMPLE = Path(__file__).parents[2] / "examples" / "quickstart"
NAME = "quickstart-classifier"


def _project(folder: Path, *, n_estimators: int, max_depth: int) -> Path:
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("mlflow.db", "mlruns"))
    spec = folder / "mlops.yaml"
    text = spec.read_text(encoding="utf-8")
    text = text.replace("n_estimators: 100", f"n_estimators: {n_estimators}", 1)
    text = text.replace("max_depth: 5", f"max_depth: {max_depth}", 1)
    spec.write_text(text, encoding="utf-8")
    assert main(["compile", "-f", str(spec)]) == 0
    return spec


def _registry(state: Path) -> tuple[list[tuple[str, int]], dict[str, int]]:
    """(name, version) of every registered version, and {alias: version}."""
    with sqlite3.connect(state / "mlflow" / "mlflow.db") as db:
        versions = db.execute(
            "SELECT name, version FROM model_versions ORDER BY version"
        ).fetchall()
        aliases = dict(db.execute("SELECT alias, version FROM registered_model_aliases"))
    return versions, aliases


def _statuses(rehearsal: Rehearsal) -> dict[tuple[str, str, str], str]:
    return {(r.workflow, r.job, r.step): r.status for r in rehearsal.results}


@pytest.fixture(scope="module")
def state(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("rehearsal-state")


@pytest.fixture(scope="module")
def pull_request(tmp_path_factory: pytest.TempPathFactory, state: Path) -> Rehearsal:
    worse = _project(tmp_path_factory.mktemp("pr") / "repo", n_estimators=1, max_depth=1)
    return rehearse(worse, "pull_request", state=state)


@pytest.fixture(scope="module")
def push(
    tmp_path_factory: pytest.TempPathFactory, state: Path, pull_request: Rehearsal
) -> Rehearsal:
    better = _project(tmp_path_factory.mktemp("main") / "repo", n_estimators=100, max_depth=5)
    return rehearse(better, "push", state=state)


def test_a_pull_request_trains_but_never_registers_or_deploys(
    pull_request: Rehearsal, state: Path
) -> None:
    """Adversarial (a): the PR's model reaches neither the registry nor an environment."""
    statuses = _statuses(pull_request)
    assert pull_request.ok, pull_request.logs
    assert statuses[("ci", "pipeline", "Reproduce the pipeline")] == "passed"
    assert {r.workflow for r in pull_request.results} == {"ci"}
    versions, aliases = _registry(state)
    assert (versions, aliases) == ([], {})
    assert [record[:3] for record in pull_request.records] == [("gh", "pr", "comment")]


def test_main_promotes_what_it_trained_through_staging_to_production(
    push: Rehearsal, state: Path
) -> None:
    """Adversarial (b): the version trained from this commit is promoted; staging and
    production are handed the same image digest and model version; @champion moves last."""
    assert push.ok, {k: v for k, v in push.logs.items() if "Gate" in k[2] or "Deploy" in k[2]}
    statuses = _statuses(push)
    assert statuses[("ci", "pipeline", "Reproduce the pipeline")] == "skipped"  # cd trains
    assert statuses[("cd", "promote", "Gate the model this run trained")] == "passed"
    assert statuses[("cd", "image-serve", "Build and push")] == "skipped"
    versions, aliases = _registry(state)
    assert versions == [(NAME, 1)]
    assert aliases == {"challenger": 1, "champion": 1}
    gate_log = push.logs[("cd", "promote", "Gate the model this run trained")]
    assert re.search(r"version 1 \(trained by this run from commit [0-9a-f]{12}\)", gate_log)
    hooks = [r for r in push.records if r[0] == "curl" and "--fail-with-body" in r]
    assert len(hooks) == 2  # staging, then production
    images = {a for r in hooks for a in r if a.startswith("image=")}
    models = {a for r in hooks for a in r if a.startswith("model_version=")}
    assert len(images) == 1 and next(iter(images)).count("@sha256:") == 1
    assert models == {"model_version=1"}


def test_the_summary_counts_and_the_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], push: Rehearsal
) -> None:
    spec = _project(tmp_path / "repo", n_estimators=100, max_depth=5)
    capsys.readouterr()
    code = main(["rehearse", "-f", str(spec), "--event", "repository_dispatch"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert re.search(r"^retrain/retrain +Gate the model this run trained +passed", out, re.M)
    assert "retrain " in out.split("workflow", 1)[1]
    assert (
        out.rstrip().splitlines()[-1].startswith("mlops: rehearsal of repository_dispatch passed")
    )
