"""`mlops rehearse` runs the generated workflows against a local MLflow server (issue 13, Tests).

Two sequences, each over one state folder with one MLflow server (the registry, the DVC remote
and the interpreter persist between events, as they do between runs on GitHub):

- the quickstart: a pull request that trains a worse model (a), the push that trains a better
  one (b), a push whose pipeline is up to date (c), a scheduled retrain that trains a worse
  model (d);
- the serving example, the whole loop: push (images, gate, staging and production released to
  their overlays), pull_request, schedule and repository_dispatch all pass.

What is checked is what the workflows did: what the registry holds, which version each
environment was handed, what the overlays say (rendered by the real `kubectl kustomize`), what
left the machine (recorded). Time matters: one server per sequence, the interpreter kept with
the state (an install already done in it is not run again), small models.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from mlops_compiler.cli.main import main
from mlops_compiler.commands.rehearse import Rehearsal, rehearse
from mlops_compiler.commands.rehearse.services import MlflowServer

pytestmark = pytest.mark.tools

EXAMPLES = Path(__file__).parents[2] / "examples"
NAME = "quickstart-classifier"
KUBECTL = shutil.which("kubectl", path=str(Path(sys.executable).parent)) or "kubectl"
GATE = "Gate the model this run trained"


REMOTE = "data:\n  remotes:\n    storage: {kind: local, url: /srv/dvc/quickstart}\n\nparams:"
"""A DVC remote for the quickstart (a rehearsal points it at a folder of its state)."""


def _project(folder: Path, example: str = "quickstart", **params: int) -> Path:
    """A compiled copy of an example, its `train` params replaced; the quickstart gets REMOTE."""
    shutil.copytree(
        EXAMPLES / example, folder, ignore=shutil.ignore_patterns("mlflow.db", "mlruns")
    )
    spec = folder / "mlops.yaml"
    text = spec.read_text(encoding="utf-8")
    if example == "quickstart":
        text = text.replace("\nparams:", "\n" + REMOTE, 1)
    for key, value in params.items():
        text, count = re.subn(rf"(\n    {key}: )\d+", rf"\g<1>{value}", text, count=1)
        assert count == 1, key
    spec.write_text(text, encoding="utf-8")
    assert main(["compile", "-q", "-f", str(spec)]) == 0
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


def _failures(rehearsal: Rehearsal) -> dict[tuple[str, str, str], str]:
    failed = {(r.workflow, r.job, r.step) for r in rehearsal.results if r.status == "failed"}
    return {key: log for key, log in rehearsal.logs.items() if key in failed}


# The quickstart sequence ------------------------------------------------------------------


@pytest.fixture(scope="module")
def state(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, MlflowServer]]:
    folder = tmp_path_factory.mktemp("rehearsal-state")
    with MlflowServer(folder / "mlflow") as server:
        yield folder, server


@pytest.fixture(scope="module")
def pull_request(
    tmp_path_factory: pytest.TempPathFactory, state: tuple[Path, MlflowServer]
) -> Rehearsal:
    worse = _project(tmp_path_factory.mktemp("pr") / "repo", n_estimators=1, max_depth=1)
    return rehearse(worse, "pull_request", state=state[0], server=state[1])


@pytest.fixture(scope="module")
def push(
    tmp_path_factory: pytest.TempPathFactory,
    state: tuple[Path, MlflowServer],
    pull_request: Rehearsal,
) -> Rehearsal:
    better = _project(tmp_path_factory.mktemp("main") / "repo", n_estimators=100, max_depth=5)
    return rehearse(better, "push", state=state[0], server=state[1])


@pytest.fixture(scope="module")
def up_to_date(state: tuple[Path, MlflowServer], push: Rehearsal) -> Rehearsal:
    """The next push to main: its dvc.lock is the last push's, whose outputs are in the remote
    (pushed as a merged retraining pull request's are), so cd pulls them and DVC is up to date."""
    subprocess.run(
        [sys.executable, "-m", "dvc", "push", "-q"], cwd=push.workspace, check=True, timeout=300
    )
    return rehearse(push.workspace / "mlops.yaml", "push", state=state[0], server=state[1])


@pytest.fixture(scope="module")
def worse_retrain(
    tmp_path_factory: pytest.TempPathFactory,
    state: tuple[Path, MlflowServer],
    up_to_date: Rehearsal,
) -> Rehearsal:
    worse = _project(tmp_path_factory.mktemp("retrain") / "repo", n_estimators=2, max_depth=2)
    return rehearse(worse, "schedule", state=state[0], server=state[1])


def test_a_pull_request_trains_but_never_registers_or_deploys(
    pull_request: Rehearsal, state: tuple[Path, MlflowServer]
) -> None:
    """Adversarial (a): the PR's model reaches neither the registry nor an environment."""
    statuses = _statuses(pull_request)
    assert pull_request.ok, _failures(pull_request)
    assert statuses[("ci", "pipeline", "Reproduce the pipeline")] == "passed"
    assert {r.workflow for r in pull_request.results} == {"ci"}
    assert _registry(state[0]) == ([], {})
    assert [record[:3] for record in pull_request.records] == [("gh", "pr", "comment")]


def test_main_promotes_what_it_trained_through_staging_to_production(
    push: Rehearsal, state: tuple[Path, MlflowServer]
) -> None:
    """Adversarial (b): the version trained from this commit is promoted; staging and
    production are handed the same image digest and model version; @champion moves last."""
    assert push.ok, _failures(push)
    statuses = _statuses(push)
    assert statuses[("ci", "pipeline", "Reproduce the pipeline")] == "skipped"  # cd trains
    assert statuses[("cd", "promote", GATE)] == "passed"
    assert statuses[("cd", "image-serve", "Build and push")] == "skipped"
    versions, aliases = _registry(state[0])
    assert versions == [(NAME, 1)]
    assert aliases == {"challenger": 1, "champion": 1}
    gate_log = push.logs[("cd", "promote", GATE)]
    assert re.search(r"version 1 \(trained by this run from commit [0-9a-f]{12}\)", gate_log)
    hooks = [r for r in push.records if r[0] == "curl" and "--fail-with-body" in r]
    assert len(hooks) == 2  # staging, then production
    images = {a for r in hooks for a in r if a.startswith("image=")}
    models = {a for r in hooks for a in r if a.startswith("model_version=")}
    assert len(images) == 1 and next(iter(images)).count("@sha256:") == 1
    assert models == {"model_version=1"}


def test_an_up_to_date_pipeline_promotes_nothing_and_says_so(
    up_to_date: Rehearsal, state: tuple[Path, MlflowServer]
) -> None:
    """Adversarial (c): DVC finds main's pipeline up to date; the champion stays, by name."""
    assert up_to_date.ok, _failures(up_to_date)
    repro = up_to_date.logs[("cd", "promote", "Reproduce the pipeline")]
    assert "Data and pipelines are up to date." in repro
    assert up_to_date.logs[("cd", "promote", GATE)].strip() == (
        f"{NAME}: this run trained no new version (the pipeline was up to date, or it registered"
        " nothing): nothing is promoted; @champion stays version 1"
    )
    assert _registry(state[0]) == ([(NAME, 1)], {"challenger": 1, "champion": 1})


def test_a_worse_retrained_model_never_becomes_champion(
    worse_retrain: Rehearsal, state: tuple[Path, MlflowServer]
) -> None:
    """Adversarial (d): the scheduled retrain registers a worse version; the gate fails the
    run, clearly worded; no alias moves and no pull request is opened."""
    statuses = _statuses(worse_retrain)
    assert {r.workflow for r in worse_retrain.results} == {"retrain"}
    assert statuses[("retrain", "retrain", GATE)] == "failed"
    assert statuses[("retrain", "retrain", "Open a pull request")] == "skipped"
    log = worse_retrain.logs[("retrain", "retrain", GATE)]
    assert re.search(
        rf"^{NAME} version 2 \(trained by this run from commit [0-9a-f]{{12}}\): the gate failed"
        r" \(accuracy = 0\.\d+ against the threshold 0\.9\); nothing is promoted$",
        log.strip(),
    ), log
    assert _registry(state[0]) == ([(NAME, 1), (NAME, 2)], {"challenger": 1, "champion": 1})
    assert not any(r[:3] == ("gh", "pr", "create") for r in worse_retrain.records)


# The serving example: the whole loop ------------------------------------------------------


@pytest.fixture(scope="module")
def serving(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Path, Path, MlflowServer]]:
    project = _project(tmp_path_factory.mktemp("serving") / "repo", "serving")
    folder = tmp_path_factory.mktemp("serving-state")
    with MlflowServer(folder / "mlflow") as server:
        yield project, folder, server


@pytest.fixture(scope="module")
def serving_push(serving: tuple[Path, Path, MlflowServer]) -> Rehearsal:
    project, folder, server = serving
    return rehearse(project, "push", state=folder, server=server)


def _overlay(workspace: Path, environment: str) -> tuple[str, dict[str, str]]:
    """The serving container's image and env as `kubectl kustomize` renders the overlay."""
    done = subprocess.run(
        [KUBECTL, "kustomize", str(workspace / "deploy" / "k8s" / "overlays" / environment)],
        capture_output=True,
        text=True,
        check=True,
    )
    [deployment] = [d for d in YAML(typ="safe").load_all(done.stdout) if d["kind"] == "Deployment"]
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    return container["image"], {e["name"]: e.get("value", "") for e in container["env"]}


def test_the_whole_loop_releases_one_digest_and_version_to_both_overlays(
    serving_push: Rehearsal, serving: tuple[Path, Path, MlflowServer]
) -> None:
    """Adversarial (b) on the GitOps path: the release commits ran for real (git, in the
    rehearsal's repository), staging before production, and both overlays render the image
    cd pushed, by digest, with the promoted model version pinned."""
    assert serving_push.ok, _failures(serving_push)
    pushed = [r for r in serving_push.records if r[0] == "image push"]
    assert len(pushed) == 1
    digest = pushed[0][-1]
    origin = serving[1] / "origin.git"
    log = subprocess.run(
        ["git", "--git-dir", str(origin), "log", "--format=%s", "-3", "main"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    image = f"ghcr.io/rehearsal/serving-digits-serve@{digest}"
    assert log[:2] == [
        f"Release {image}, model version 1, to production",
        f"Release {image}, model version 1, to staging",
    ]
    for environment in ("staging", "production"):
        rendered, env = _overlay(serving_push.workspace, environment)
        assert rendered == image
        assert (env["MODEL_URI"], env["MODEL_VERSION"]) == ("models:/serving-digits/1", "1")
    assert [r for r in serving_push.records if r[0] == "gh"] == [("gh", "auth", "setup-git")] * 2
    assert _registry(serving[1])[1] == {"challenger": 1, "champion": 1}


@pytest.mark.parametrize("event", ["pull_request", "schedule", "repository_dispatch"])
def test_the_whole_loop_rehearses_for_every_event(
    event: str, serving_push: Rehearsal, serving: tuple[Path, Path, MlflowServer]
) -> None:
    project, folder, server = serving
    rehearsal = rehearse(project, event, state=folder, server=server)
    assert rehearsal.ok, _failures(rehearsal)
    workflows = {
        "pull_request": {"ci"},
        "schedule": {"retrain"},
        "repository_dispatch": {"retrain"},
    }
    assert {r.workflow for r in rehearsal.results} == workflows[event]
    if event != "pull_request":  # a retrain as good as the champion: @challenger, and a PR
        statuses = _statuses(rehearsal)
        assert statuses[("retrain", "retrain", GATE)] == "passed"
        assert any(r[:3] == ("gh", "pr", "create") for r in rehearsal.records)
        assert _registry(folder)[1]["champion"] == 1


def test_the_summary_counts_and_the_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = _project(tmp_path / "repo", n_estimators=100, max_depth=5)
    capsys.readouterr()
    code = main(["rehearse", "-f", str(spec), "--event", "repository_dispatch"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert re.search(rf"^retrain/retrain +{GATE} +passed", out, re.M)
    assert "retrain " in out.split("workflow", 1)[1]
    assert (
        out.rstrip().splitlines()[-1].startswith("mlops: rehearsal of repository_dispatch passed")
    )
