"""The watch half of a rehearsal (issue 14): a real Prometheus and Alertmanager on 127.0.0.1,
run with the serving example's generated rules, scrape its real server.

One session-scoped rehearsal: the example's pipeline trains the model, its server starts on a
free port, Prometheus scrapes it as the staging namespace every second and evaluates the rules
(their `for:` holds shortened to 2s), Alertmanager sends everything to a recording webhook.
Healthy traffic, then failing traffic (non-finite inputs: the model raises, the server answers
500), then the server stopped. Every process is started and stopped by its own id; traffic is
bounded in count.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from owning_tools import ToolEnv
from test_operations import metric_names

from mlops_compiler import compile_spec
from mlops_compiler.commands.watch.services import Process, free_port, wait_until_ok
from mlops_compiler.commands.watch.stack import HOLD_SCRAPES, SCRAPE_SECONDS, Target, Watch
from mlops_compiler.commands.watch.traffic import send

ROOT = Path(__file__).resolve().parents[2]
RULES = "monitoring/prometheus/rules.yml"
DASHBOARD = "monitoring/grafana/serving-digits-dashboard.json"
STAGING = {"namespace": "serving-digits-staging"}
HEALTHY = json.dumps({"instances": [[0.0] * 64, [16.0] * 64]}).encode()
HOLD_SECONDS = HOLD_SCRAPES * SCRAPE_SECONDS
FAILING = ('{"instances": [[' + ", ".join(["Infinity"] * 64) + "]]}").encode()


@dataclass
class Rehearsal:
    project: Path
    watch: Watch
    server: Process
    port: int
    seen: dict[str, Any] = field(default_factory=dict)


def _python(project: Path, script: str, env: ToolEnv) -> None:
    done = subprocess.run(
        [sys.executable, script],
        cwd=project,
        env=env.environ(tracking_uri=f"sqlite:///{env.tmp / 'mlflow.db'}"),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="session")
def rehearsal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rehearsal]:
    env = ToolEnv.create(tmp_path_factory.mktemp("watch-env"))
    project = tmp_path_factory.mktemp("watch") / "serving"
    shutil.copytree(ROOT / "examples/serving", project)
    for relative, text in compile_spec(project / "mlops.yaml").texts().items():
        (project / relative).parent.mkdir(parents=True, exist_ok=True)
        (project / relative).write_text(text, encoding="utf-8")
    for script in ("src/prepare.py", "src/train.py"):
        _python(project, script, env)
    port = free_port()
    server = Process(
        [sys.executable, "src/serve.py"],
        cwd=project,
        log=project / "serve.log",
        env={**env.environ(), "HOST": "127.0.0.1", "PORT": str(port)},
    )
    watch = Watch(
        project / ".watch",
        project / RULES,
        Target(job="serving-digits", port=port, labels=STAGING),
        alertmanager=project / "monitoring/alertmanager.yml",
    )
    try:
        wait_until_ok(f"http://127.0.0.1:{port}/health", server)
        watch.start()
        yield Rehearsal(project, watch, server, port)
    finally:
        server.stop()
        watch.stop()


def _scraped(rehearsal: Rehearsal) -> list[dict[str, Any]]:
    return rehearsal.watch.query('up{job="serving-digits"} == 1')


@pytest.mark.tools
def test_1_prometheus_scrapes_every_name_the_rules_and_the_dashboard_read(
    rehearsal: Rehearsal,
) -> None:
    watch = rehearsal.watch
    assert send(rehearsal.port, "/predict", HEALTHY, 20) == {200: 20}
    assert watch.wait_for(lambda: _scraped(rehearsal), timeout=30)
    rules = yaml.safe_load((rehearsal.project / RULES).read_text())["groups"]
    board = json.loads((rehearsal.project / DASHBOARD).read_text())
    exprs = [rule["expr"] for group in rules for rule in group["rules"]]
    exprs += [
        target["expr"].replace("$environment", ".*").replace("$namespace", ".*")
        for panel in board["panels"]
        for target in panel["targets"]
    ]
    recorded = {rule["record"] for group in rules for rule in group["rules"] if "record" in rule}
    served = {name for expr in exprs for name in metric_names(expr)} - recorded
    served = {name for name in served if not name.startswith("mlops_")}  # the drift job's
    # Before any failing request, the 5xx series is there at 0: the first burst of errors
    # has a rate (a counter first scraped at 200 has none; the burn alert once stayed silent).
    errors = watch.query('http_requests_total{job="serving-digits",code="500"}')
    assert [s["value"][1] for s in errors] == ["0"]
    assert served == {
        "up",
        "http_requests_total",
        "http_request_duration_seconds_bucket",
        "http_request_duration_seconds_count",
    }
    for name in sorted(served):
        series = watch.wait_for(lambda name=name: watch.query(f'{name}{{job="serving-digits"}}'))
        assert series, f"no series of {name}"
        assert {s["metric"]["namespace"] for s in series} == {STAGING["namespace"]}


@pytest.mark.tools
def test_2_healthy_traffic_fires_nothing_and_an_unscraped_environment_is_absent(
    rehearsal: Rehearsal,
) -> None:
    watch = rehearsal.watch
    # The rules were loaded after the first scrape: staging was never even pending as absent
    # (under load the first scrape once came after the 2s hold, and staging fired absent).
    history = 'ALERTS{alertname="ServingAbsent",environment="staging"}[1h]'
    assert watch.query(f"count_over_time({history})") == []
    assert send(rehearsal.port, "/predict", HEALTHY, 50) == {200: 50}
    assert watch.wait_for(
        lambda: watch.query('slo:sli_error:ratio_rate5m{slo="error_rate",environment="staging"}')
    )

    def staging() -> list[dict[str, str]]:
        return [a for a in watch.firing() if a.get("environment") != "production"]

    # Asked again at every evaluation over three holds: nothing fires in staging.
    assert watch.wait_for(staging, timeout=3 * HOLD_SECONDS) is None
    # Nothing scrapes production here: its absent alert is the one that fires.
    absent = watch.wait_for(
        lambda: [(a["alertname"], a["environment"]) for a in watch.firing()], timeout=30
    )
    assert absent == [("ServingAbsent", "production")]
    received = watch.wait_for(watch.receiver.alerts, timeout=30)
    assert [(a["labels"]["alertname"], a["labels"]["environment"]) for a in received] == [
        ("ServingAbsent", "production")
    ]


@pytest.mark.tools
def test_3_server_errors_fire_the_error_rate_alert_in_staging_only(rehearsal: Rehearsal) -> None:
    watch = rehearsal.watch
    assert send(rehearsal.port, "/predict", FAILING, 200) == {500: 200}

    def burning() -> list[dict[str, str]]:
        return [a for a in watch.firing() if a["alertname"] == "ErrorRateBudgetBurnFast"]

    fired = watch.wait_for(burning, timeout=60)
    assert fired, (
        watch.firing(),
        watch.query('slo:sli_error:ratio_rate5m{slo="error_rate"}'),
        watch.query('slo:sli_error:ratio_rate1h{slo="error_rate"}'),
        watch.query("http_requests_total"),
        watch.query("up"),
    )
    assert [(a["environment"], a["namespace"], a["severity"]) for a in fired] == [
        ("staging", "serving-digits-staging", "critical")
    ]
    received = watch.wait_for(
        lambda: [
            a
            for a in watch.receiver.alerts()
            if a["labels"]["alertname"] == "ErrorRateBudgetBurnFast"
        ],
        timeout=30,
    )
    assert received, "Alertmanager did not notify the webhook"
    assert {a["labels"]["environment"] for a in received} == {"staging"}
    production = {a["alertname"] for a in watch.firing() if a["environment"] == "production"}
    assert production == {"ServingAbsent"}  # no burn alert where nothing failed


@pytest.mark.tools
def test_4_a_stopped_server_fires_serving_down_and_mutes_the_burn_alerts(
    rehearsal: Rehearsal,
) -> None:
    watch = rehearsal.watch
    rehearsal.server.stop()

    def down() -> list[dict[str, str]]:
        return [a for a in watch.firing() if a["alertname"] == "ServingDown"]

    fired = watch.wait_for(down, timeout=60)
    assert fired, watch.firing()
    assert [a["environment"] for a in fired] == ["staging"]
    # Alertmanager: ServingDown inhibits the staging burn alerts (state `suppressed`).
    url = f"{watch.alertmanager_url}/api/v2/alerts?filter=alertname%3D%22ErrorRateBudgetBurnFast%22"

    def suppressed() -> list[dict[str, Any]]:
        from mlops_compiler.commands.watch.services import get_json

        alerts = get_json(url)
        return [a for a in alerts if a["status"]["state"] == "suppressed"]

    muted = watch.wait_for(suppressed, timeout=30)
    assert muted, "the burn alert was not inhibited while its environment is down"
    assert {a["labels"]["environment"] for a in muted} == {"staging"}


# -- the MLflow server's wrapper, for real ----------------------------------------------------

MLFLOW_SPEC = """\
version: 1
project: {name: demo, python: "3.11", dependencies: [mlflow>=2.10]}
tracking: {registered_model: demo-model}
images:
  serve: {}
monitoring:
  objectives:
    error_rate: {target: 99.9}
    latency: {percentile: 99, threshold: 0.25}
"""

MODEL = """\
import sys

import mlflow.pyfunc


class Doubler(mlflow.pyfunc.PythonModel):
    def predict(self, context, model_input, params=None):
        if (model_input["x"] < 0).any():
            raise RuntimeError("negative input")
        return model_input["x"] * 2


mlflow.pyfunc.save_model(sys.argv[1], python_model=Doubler())
"""


@pytest.mark.tools
def test_the_mlflow_wrapper_exports_every_name_the_rules_read(tmp_path: Path) -> None:
    """`mlflow models serve` answers 404 on /metrics; the generated wrapper around the same
    scoring app answers it with the names the rules read, counting answers by code."""
    from prometheus_client.parser import text_string_to_metric_families

    (tmp_path / "mlops.yaml").write_text(MLFLOW_SPEC, encoding="utf-8")
    tree = compile_spec(tmp_path / "mlops.yaml")
    wrapper = tmp_path / "serve_mlflow.py"
    wrapper.write_text(tree.files["monitoring/serve_mlflow.py"].text, encoding="utf-8")
    (tmp_path / "model.py").write_text(MODEL, encoding="utf-8")
    env = ToolEnv.create(tmp_path / "env")
    environ = env.environ()
    subprocess.run(
        [sys.executable, "model.py", str(tmp_path / "model")],
        cwd=tmp_path,
        env=environ,
        check=True,
        capture_output=True,
        timeout=300,
    )
    port = free_port()
    server = Process(
        [sys.executable, str(wrapper), "--model-uri", str(tmp_path / "model"), "--port", str(port)],
        cwd=tmp_path,
        log=tmp_path / "serve.log",
        env=environ,
    )
    try:
        wait_until_ok(f"http://127.0.0.1:{port}/ping", server, timeout=120)
        # 200 and 500 at 0 before any answer: rate() sees the first burst of errors.
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as answer:
            before = text_string_to_metric_families(answer.read().decode())
        assert {
            sample.labels["code"]: sample.value
            for family in before
            for sample in family.samples
            if sample.name == "http_requests_total"
        } == {"200": 0.0, "500": 0.0}
        good = json.dumps({"dataframe_records": [{"x": 1.0}, {"x": 2.0}]}).encode()
        bad = json.dumps({"dataframe_records": [{"x": -1.0}]}).encode()
        assert send(port, "/invocations", good, 3) == {200: 3}
        codes = send(port, "/invocations", bad, 2)
        assert sum(codes.values()) == 2 and all(code >= 400 for code in codes), codes
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as answer:
            text = answer.read().decode()
    finally:
        server.stop()
    families = {family.name: family for family in text_string_to_metric_families(text)}
    requests = {
        sample.labels["code"]: sample.value
        for sample in families["http_requests"].samples
        if sample.name == "http_requests_total"
    }
    assert requests == {
        "200": 3.0,
        "500": 0.0,
        **{str(code): float(n) for code, n in codes.items()},
    }
    samples = {sample.name for family in families.values() for sample in family.samples}
    rules = yaml.safe_load(tree.files[RULES].text)["groups"]
    read = {
        name
        for group in rules
        for rule in group["rules"]
        for name in metric_names(rule["expr"])
        if not name.startswith("slo:")
    } - {"up"}
    assert read == {
        "http_requests_total",
        "http_request_duration_seconds_bucket",
        "http_request_duration_seconds_count",
    }
    assert read <= samples
    buckets = {
        sample.labels["le"]
        for sample in families["http_request_duration_seconds"].samples
        if sample.name.endswith("_bucket")
    }
    assert "0.25" in buckets


# -- mlops rehearse --watch: the same story, composed after the workflows ---------------------


def _run(argv: list[str], cwd: Path, environ: dict[str, str]) -> None:
    done = subprocess.run(
        argv, cwd=cwd, env=environ, capture_output=True, text=True, timeout=900, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def reproduced(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The serving example compiled at a git repository's root, its pipeline reproduced (DVC
    wrote dvc.lock and the outputs' .gitignore files, as a user's checkout has them)."""
    env = ToolEnv.create(tmp_path_factory.mktemp("repro-env"))
    project = tmp_path_factory.mktemp("repro") / "serving"
    shutil.copytree(ROOT / "examples/serving", project)
    for relative, text in compile_spec(project / "mlops.yaml").texts().items():
        (project / relative).parent.mkdir(parents=True, exist_ok=True)
        (project / relative).write_text(text, encoding="utf-8")
    # ci.yml and cd.yml are rehearsed by test_rehearse.py (issue 13): without them a push
    # runs no workflow here, and the rehearsal is the watch half alone.
    for name in ("ci.yml", "cd.yml"):
        (project / ".github/workflows" / name).unlink()
    environ = env.environ(tracking_uri=f"sqlite:///{env.tmp / 'mlflow.db'}")
    _run(["git", "init", "-q", "-b", "main"], project, environ)
    if not (project / ".dvc").is_dir():  # compile writes .dvc/config when a remote is declared
        _run([sys.executable, "-m", "dvc", "init", "-q"], project, environ)
    _run([sys.executable, "-m", "dvc", "repro", "-q"], project, environ)
    return project


@pytest.mark.tools
def test_rehearse_watch_serves_watches_and_closes_the_drift_loop(
    reproduced: Path, tmp_path: Path
) -> None:
    """`mlops rehearse --watch`'s part after the workflows (issue 14, last bullet): the served
    process scraped by a real Prometheus, healthy then failing traffic, the server stopped,
    then monitor.yml on undrifted data (no dispatch) and on drifted data (the dispatch
    retrain.yml listens for). Everything it started is gone afterwards."""
    import os

    from mlops_compiler.commands.rehearse.runner import rehearse
    from mlops_compiler.commands.watch.rehearsal import watch_part
    from mlops_compiler.load.loader import load_spec_file
    from mlops_compiler.validate import validate_document

    spec = validate_document(load_spec_file(reproduced / "mlops.yaml"))
    part = watch_part(spec)  # images.serve: python src/serve.py
    rehearsal = rehearse(reproduced / "mlops.yaml", "push", state=tmp_path, after=[part])
    for r in rehearsal.results:  # shown when the test fails
        print(f"{r.workflow}/{r.job:<12} {r.step:<42} {r.status:<7} {r.seconds:6.1f}s {r.detail}")
    failed = [r for r in rehearsal.results if r.status == "failed"]
    assert not failed, [(r, rehearsal.logs.get((r.workflow, r.job, r.step))) for r in failed]
    story = [(r.workflow, r.job, r.step) for r in rehearsal.results if r.job in WATCHED]
    assert story == [
        ("watch", "serve", "start the server"),
        ("watch", "serve", "start prometheus + alertmanager"),
        ("watch", "traffic", "healthy traffic: nothing fires"),
        ("watch", "traffic", "failing traffic: the burn alert fires"),
        ("watch", "traffic", "server stopped: ServingDown, burns muted"),
        ("watch", "serve", "stop everything"),
        ("monitor", "(loop)", "no drift: no dispatch"),
        ("monitor-drifted", "(loop)", "drift: dispatch reaches retrain"),
    ]
    jobs = {(r.workflow, r.job, r.status) for r in rehearsal.results if r.step == "(job)"}
    assert jobs == {("monitor", "retrain", "skipped")}  # drifted: the retrain job ran
    dispatched = [r for r in rehearsal.records if r[:3] == ("gh", "api", "--method")]
    assert [r[4] for r in dispatched] == ["repos/rehearsal/serving/dispatches"]
    assert "event_type=retrain" in dispatched[0]
    stopped = next(r.detail for r in rehearsal.results if r.step == "stop everything")
    for pid in stopped.removeprefix("stopped pids ").split(", "):
        with pytest.raises(ProcessLookupError):
            os.kill(int(pid), 0)


WATCHED = ("serve", "traffic", "(loop)")
