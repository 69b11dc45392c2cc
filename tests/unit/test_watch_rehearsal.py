"""The pure pieces of `mlops rehearse --watch` (issue 14): what is served, the requests it is
sent, the drifted monitor.yml, and how a dispatch is recognised. The live run is
tests/e2e/test_watch.py::test_rehearse_watch_serves_watches_and_closes_the_drift_loop."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from mlops_compiler.commands.watch.loop import SHIFT_STEP, dispatches, drifted, retrain_types
from mlops_compiler.commands.watch.rehearsal import scraped_as
from mlops_compiler.commands.watch.serving import Served, bodies, served
from mlops_compiler.commands.watch.shift import shift
from mlops_compiler.load.loader import load_spec_file
from mlops_compiler.validate import validate_document

ROOT = Path(__file__).resolve().parents[2]
SERVING = ROOT / "examples/serving"


def _spec(tmp_path: Path, text: str) -> object:
    (tmp_path / "mlops.yaml").write_text(text, encoding="utf-8")
    return validate_document(load_spec_file(tmp_path / "mlops.yaml"))


def test_without_a_serving_image_the_caller_gives_the_command(tmp_path: Path) -> None:
    spec = _spec(tmp_path, "version: 1\nproject: {name: demo}\n")
    assert served(spec, 5000, python="python") == (  # type: ignore[arg-type]
        "the spec names no serving command (no `images.serve`): pass it with --serve,"
        " e.g. --serve 'python src/serve.py'"
    )
    given = served(spec, 5000, python="python", command=["serve", "{port}"])  # type: ignore[arg-type]
    assert given == Served(
        ("serve", "5000"),
        5000,
        "/health",
        "/predict",
        "given",
        {"HOST": "127.0.0.1", "PORT": "5000"},
    )


def test_the_serving_example_serves_its_own_command_on_a_free_port() -> None:
    spec = validate_document(load_spec_file(SERVING / "mlops.yaml"))
    what = served(spec, 5003, python="python")
    assert isinstance(what, Served)
    assert (what.argv, what.health, what.env, what.ports()) == (
        ("python", "src/serve.py"),
        "/health",
        {"HOST": "127.0.0.1", "PORT": "5003"},
        (5003, 8080),  # 8080: where a server ignoring PORT listens (images.serve.port)
    )


def test_an_mlflow_server_is_the_wrapper_on_the_promoted_version(tmp_path: Path) -> None:
    spec = _spec(
        tmp_path,
        "version: 1\nproject: {name: demo, dependencies: [mlflow>=2.10]}\n"
        "tracking: {registered_model: demo-model}\nimages: {serve: {}}\n"
        "monitoring: {objectives: {error_rate: {target: 99.9}}}\n",
    )
    what = served(spec, 5001, python="python")  # type: ignore[arg-type]
    assert isinstance(what, Served)
    assert (what.argv, what.health, what.predict, what.kind) == (
        (
            "python",
            "monitoring/serve_mlflow.py",
            "--model-uri",
            "models:/demo-model@champion",
            *("--host", "127.0.0.1", "--port", "5001"),
        ),
        "/ping",
        "/invocations",
        "mlflow",
    )


def test_requests_are_reference_rows_and_their_non_finite_twins(tmp_path: Path) -> None:
    reference = tmp_path / "reference.csv"
    reference.write_text("a,b,prediction\n1,2,0\n3,4,1\n5,6,1\n", encoding="utf-8")
    healthy, failing = bodies(reference, "prediction")
    assert json.loads(healthy) == {"instances": [[1.0, 2.0], [3.0, 4.0]]}
    assert failing == b'{"instances": [[Infinity, Infinity]]}'


def test_the_shift_moves_numeric_features_and_leaves_the_prediction(tmp_path: Path) -> None:
    current = tmp_path / "current.csv"
    current.write_text("a,label,prediction\n0,x,1\n2,y,0\n", encoding="utf-8")
    assert shift(current, "prediction") == ["a"]
    with current.open(newline="", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert rows == [
        {"a": "3.0", "label": "x", "prediction": "1"},
        {"a": "5.0", "label": "y", "prediction": "0"},
    ]


def test_the_drifted_monitor_run_shifts_before_measuring_and_fetches_nothing_again() -> None:
    flow = yaml.safe_load((SERVING / ".github/workflows/monitor.yml").read_text())
    steps = drifted(flow, Path("/tmp/shift.py"))["jobs"]["drift"]["steps"]
    assert [s["name"] for s in steps] == [
        "Check out",
        "Set up Python",
        SHIFT_STEP,
        "Measure drift",
        "Publish the scores to the Pushgateway",
    ]
    assert steps[2]["env"] == {
        "MLOPS_SHIFT": "/tmp/shift.py",
        "CURRENT": "data/current.csv",
        "PREDICTION": "prediction",
    }
    assert flow["jobs"]["drift"]["steps"][2]["name"] == "Install the drift job's requirements"


def test_a_dispatch_is_a_recorded_gh_api_post_and_retrain_listens_for_it() -> None:
    records = [
        ("gh", "auth", "setup-git"),
        ("gh", "api", "--method", "POST", "repos/o/r/dispatches", "-f", "event_type=retrain"),
        ("curl", "https://example.com/dispatches", "event_type=other"),
    ]
    assert dispatches(records) == ["retrain"]
    assert retrain_types(SERVING) == ["retrain"]


def test_the_first_environment_is_scraped_as_its_namespace() -> None:
    rules = yaml.safe_load((SERVING / "monitoring/prometheus/rules.yml").read_text())
    assert scraped_as(rules) == (
        "serving-digits",
        {"namespace": "serving-digits-staging"},
        "staging",
    )
    assert scraped_as({"groups": []}) is None


def test_rehearse_watch_passes_the_watch_half_after_the_workflows(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from mlops_compiler.cli.main import main
    from mlops_compiler.commands.rehearse import runner
    from mlops_compiler.commands.rehearse.results import Rehearsal

    seen: dict[str, object] = {}

    def rehearse(spec: Path, event: str, *, state: Path, progress: Any, **extra: Any) -> Rehearsal:
        seen.update(extra)
        return Rehearsal(event, state / "workspace", state)

    monkeypatch.setattr(runner, "rehearse", rehearse)
    spec = str(SERVING / "mlops.yaml")
    assert main(["rehearse", "-f", spec, "--state", str(tmp_path)]) == 0
    assert seen == {}  # without --watch, the rehearsal is called as before
    assert main(["rehearse", "-f", spec, "--state", str(tmp_path), "--watch"]) == 0
    after = seen["after"]
    assert isinstance(after, tuple) and len(after) == 1 and callable(after[0])
