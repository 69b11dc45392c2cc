"""Issue 14, findings 1 and 2: the rules read only what the served process exports, and every
environment has its own series, budget and alerts."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
import yaml

from mlops_compiler import compile_spec
from mlops_compiler.compiler import check_spec
from mlops_compiler.errors import SpecError

ROOT = Path(__file__).resolve().parents[2]
SERVING = ROOT / "examples/serving/mlops.yaml"

SERVED = """\
version: 1
project: {name: demo, python: "3.11", dependencies: [mlflow>=2.10]}
tracking: {registered_model: demo-model, server: {uri_secret: MLFLOW_TRACKING_URI}}
images:
  serve: {server: SERVER}
monitoring:
  MONITORING
  objectives:
    error_rate: {target: 99.9}
    latency: {percentile: 99, threshold: THRESHOLD}
"""


def _spec(tmp_path: Path, server: str, monitoring: str = "{}", threshold: str = "0.25") -> Path:
    text = SERVED.replace("SERVER", server).replace("THRESHOLD", threshold)
    text = text.replace("  MONITORING\n", f"  {monitoring}\n" if monitoring != "{}" else "")
    path = tmp_path / "mlops.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _problems(path: Path) -> list[tuple[str, str]]:
    with pytest.raises(SpecError) as caught:
        check_spec(path)
    return [(d.dotted_path, d.message) for d in caught.value.diagnostics]


def test_a_command_server_must_declare_what_the_rules_read(tmp_path: Path) -> None:
    server = "{kind: command, command: [uvicorn, app:api], metrics: [http_requests_total]}"
    assert _problems(_spec(tmp_path, server)) == [
        (
            "monitoring.objectives.latency",
            "the latency objective reads `http_request_duration_seconds`, which the serving"
            " command does not export (it exports `http_requests_total`)",
        )
    ]


def test_a_command_server_that_declares_nothing_feeds_no_rule(tmp_path: Path) -> None:
    server = "{kind: command, command: [uvicorn, app:api]}"
    assert [path for path, _ in _problems(_spec(tmp_path, server))] == [
        "monitoring.objectives.error_rate",
        "monitoring.objectives.latency",
    ]


def test_a_command_server_that_declares_the_names_compiles(tmp_path: Path) -> None:
    server = (
        "{kind: command, command: [uvicorn, app:api],"
        " metrics: [http_requests_total, http_request_duration_seconds]}"
    )
    _project, warnings = check_spec(_spec(tmp_path, server))
    assert warnings == []


def test_an_mlflow_server_exports_only_the_wrappers_names(tmp_path: Path) -> None:
    spec = _spec(tmp_path, "{kind: mlflow}", "metrics: {requests: model_requests_total}")
    assert _problems(spec) == [
        (
            "monitoring.metrics.requests",
            "the error rate objective reads `model_requests_total`, which the MLflow server's"
            " metrics wrapper does not export (it exports `http_request_duration_seconds`,"
            " `http_requests_total`)",
        )
    ]


def test_a_latency_threshold_must_be_a_bucket_of_the_wrapper(tmp_path: Path) -> None:
    assert _problems(_spec(tmp_path, "{kind: mlflow}", threshold="0.3")) == [
        (
            "monitoring.objectives.latency.threshold",
            "0.3s is not a bucket of the latency histogram the MLflow server's metrics wrapper"
            " exports: the objective cannot be measured",
        )
    ]


def test_an_mlflow_serving_image_runs_the_metrics_wrapper(tmp_path: Path) -> None:
    """`mlflow models serve` answers 404 on /metrics: the image runs the wrapper instead, on
    the pinned MODEL_URI the deployment names (issue 13: never `@champion` at pod start)."""
    tree = compile_spec(_spec(tmp_path, "{kind: mlflow}"))
    dockerfile = tree.files["docker/serve.Dockerfile"].text
    assert dockerfile.splitlines()[-1] == (
        'CMD ["sh", "-c", "exec python /app/monitoring/serve_mlflow.py --model-uri'
        ' \\"${MODEL_URI:?is not set: deploy this image with MODEL_URI=models:/NAME/VERSION}\\"'
        ' --host 0.0.0.0 --port 8080"]'
    )
    assert "'prometheus-client>=0.17,<1'" in dockerfile
    assert "monitoring/serve_mlflow.py" in tree.files


def test_without_a_serving_image_default_names_are_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "mlops.yaml"
    path.write_text(
        "version: 1\nproject: {name: demo}\nmonitoring:\n  objectives:\n"
        "    error_rate: {target: 99.9}\n",
        encoding="utf-8",
    )
    _project, warnings = check_spec(path)
    assert [(w.dotted_path, w.message) for w in warnings] == [
        (
            "monitoring.objectives",
            "nothing in the spec says the serving app exports `http_requests_total`, which the"
            " objectives read (a rule over a metric nobody exports never fires)",
        )
    ]


# -- finding 2: environments -----------------------------------------------------------------


def _serving(relative: str) -> dict:  # type: ignore[type-arg]
    return yaml.safe_load(compile_spec(SERVING).files[relative].text)


def test_every_recorded_ratio_belongs_to_one_environment() -> None:
    """Selecting only `job=` mixed staging's errors into production's budget."""
    rules = _serving("monitoring/prometheus/rules.yml")
    records = [rule for group in rules["groups"] for rule in group["rules"] if "record" in rule]
    assert records
    for rule in records:
        environment = rule["labels"]["environment"]
        namespace = f"serving-digits-{environment}"
        assert rule["labels"]["namespace"] == namespace
        assert f'namespace="{namespace}"' in rule["expr"], rule
    per_environment = {
        (r["record"], r["labels"]["slo"], r["labels"]["environment"]) for r in records
    }
    assert len(per_environment) == len(records) == 3 * 7 * 2


def test_a_down_or_absent_target_alerts_per_environment() -> None:
    rules = _serving("monitoring/prometheus/rules.yml")
    alerts = {
        (rule["alert"], rule["labels"].get("environment")): rule["expr"]
        for group in rules["groups"]
        for rule in group["rules"]
        if rule.get("alert") in {"ServingDown", "ServingAbsent"}
    }
    production = '{job="serving-digits",namespace="serving-digits-production"}'
    assert alerts[("ServingDown", "production")] == f"max(up{production}) == 0"
    assert alerts[("ServingAbsent", "production")] == f"absent(up{production})"
    assert len(alerts) == 4


def test_burn_alerts_are_inhibited_while_their_environment_is_down() -> None:
    config = _serving("monitoring/alertmanager.yml")
    assert config["inhibit_rules"] == [
        {
            "source_matchers": ['alertname=~"ServingDown|ServingAbsent"'],
            "target_matchers": ['alertname=~".+BudgetBurn(Fast|Slow)"'],
            "equal": ["model", "environment"],
        }
    ]
    assert "environment" in config["route"]["group_by"]


def test_the_dashboard_selects_an_environment() -> None:
    board = _serving("monitoring/grafana/serving-digits-dashboard.json")
    variables = {v["name"]: v for v in board["templating"]["list"]}
    assert variables["environment"]["query"] == "staging,production"
    assert variables["namespace"]["hide"] == 2
    exprs = [t["expr"] for panel in board["panels"] for t in panel["targets"]]
    service = [e for e in exprs if "mlops_" not in e]
    assert service
    assert all('=~"$environment"' in e or '=~"$namespace"' in e for e in service), service


# -- finding 4: drift that is not noise ------------------------------------------------------


@pytest.fixture(scope="module")
def drift(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    """monitoring/drift.py as the compiler generates it, imported as a module."""
    path = tmp_path_factory.mktemp("drift") / "drift.py"
    path.write_text(compile_spec(SERVING).files["monitoring/drift.py"].text, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("generated_drift_watch", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _write(path: Path, data: np.ndarray) -> Path:
    header = ",".join(f"f{i}" for i in range(data.shape[1]))
    body = "".join(",".join(repr(float(v)) for v in row) + "\n" for row in data)
    path.write_text(header + "\n" + body, encoding="utf-8")
    return path


def _run(drift: ModuleType, tmp_path: Path, reference: np.ndarray, current: np.ndarray) -> dict:  # type: ignore[type-arg]
    ref = _write(tmp_path / "reference.csv", reference)
    cur = _write(tmp_path / "current.csv", current)
    out, prom, report = tmp_path / "out", tmp_path / "drift.prom", tmp_path / "report.json"
    args = [
        "--model=m",
        f"--reference={ref}",
        f"--current={cur}",
        "--thresholds=feature_drift=0.25",
        f"--github-output={out}",
        f"--metrics={prom}",
        f"--json={report}",
    ]
    assert drift.main(args) == 0
    return {
        "outputs": out.read_text(),
        "metrics": prom.read_text(),
        **json.loads(report.read_text()),
    }


def _cancer_split(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """sklearn's breast-cancer data (569 rows, bundled): 455 reference rows, 114 held out."""
    from sklearn.datasets import load_breast_cancer
    from sklearn.model_selection import train_test_split

    features, _target = load_breast_cancer(return_X_y=True)
    reference, current = train_test_split(features, test_size=0.2, random_state=seed)
    return reference, current


def test_the_raw_score_of_a_held_out_split_is_over_the_threshold(drift: ModuleType) -> None:
    """The case of the issue: without a noise level, 114 rows of the same data look drifted."""
    reference, current = _cancer_split(42)
    assert (len(reference), len(current)) == (455, 114)
    scores = [drift.psi(reference[:, i], current[:, i]) for i in range(reference.shape[1])]
    assert max(scores) > 0.25


@pytest.mark.parametrize("seed", [0, 1, 2, 7, 42])
def test_same_distribution_small_samples_do_not_fire(
    drift: ModuleType, tmp_path: Path, seed: int
) -> None:
    reference, current = _cancer_split(seed)
    result = _run(drift, tmp_path, reference, current)
    assert result["outputs"] == "drifted=false\nsignals=\nstatus=no-drift\n"
    assert result["noise"]["feature_drift"] > 0.25


@pytest.mark.parametrize("seed", [1, 2, 7, 42])
def test_a_shifted_feature_fires_at_the_same_sizes(
    drift: ModuleType, tmp_path: Path, seed: int
) -> None:
    reference, current = _cancer_split(seed)
    current = current.copy()
    current[:, 0] += reference[:, 0].std()  # one feature moves by one standard deviation
    result = _run(drift, tmp_path, reference, current)
    assert result["outputs"] == "drifted=true\nsignals=feature_drift\nstatus=drift\n"
    assert (
        'mlops_drift_noise_level{model="m",signal="feature_drift",statistic="psi"}'
        in (result["metrics"])
    )


def test_below_the_minimum_sample_there_is_no_verdict(drift: ModuleType, tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    reference = rng.normal(0, 1, (400, 3))
    current = rng.normal(3, 1, (40, 3))  # drifted, but 40 rows are under the default 100
    result = _run(drift, tmp_path, reference, current)
    assert result["outputs"] == "drifted=false\nsignals=\nstatus=not-enough-data\n"
    assert "mlops_feature_drift_score" not in result["metrics"]  # no score without a verdict
    assert 'mlops_drift_samples{model="m"} 40\n' in result["metrics"]


def test_the_noise_level_repeats(drift: ModuleType, tmp_path: Path) -> None:
    reference, current = _cancer_split(1)
    first = _run(drift, tmp_path, reference, current)["noise"]
    assert _run(drift, tmp_path, reference, current)["noise"] == first


def test_the_batch_statistics_equal_the_single_ones(drift: ModuleType) -> None:
    rng = np.random.default_rng(5)
    for draw in (
        lambda n: rng.normal(size=n),
        lambda n: rng.integers(0, 4, size=n).astype(float),  # ties and repeated edges
        lambda n: np.zeros(n),
    ):
        reference = np.stack([draw(60) for _ in range(5)])
        current = np.stack([draw(25) for _ in range(5)])
        for name, many in drift.MANY.items():
            single = [drift.STATISTICS[name](r, c) for r, c in zip(reference, current, strict=True)]
            assert np.allclose(many(reference, current), single), name


# -- finding 3: monitor.yml brings its data ---------------------------------------------------

DRIFTING = """\
version: 1
project: {name: demo, python: "3.11", dependencies: [scikit-learn>=1.3, "dvc[s3]>=3"]}
tracking: {registered_model: demo-model, server: {uri_secret: MLFLOW_TRACKING_URI}}
data:
  remotes:
    store: {kind: s3, url: s3://bucket/demo}
ci:
  remote_credentials: {AWS_ACCESS_KEY_ID: STORE_KEY_ID, AWS_SECRET_ACCESS_KEY: STORE_SECRET}
pipeline:
  stages:
    reference:
      cmd: python src/reference.py
      outs: [data/reference.csv]
    current:
      cmd: python src/current.py
      outs: [data/current.csv]
retraining: {schedule: "0 3 * * 1"}
monitoring:
  quality:
    feature_drift: {threshold: 0.25}
  drift:
    schedule: "17 6 * * *"
    reference: REFERENCE
    current: data/current.csv
FETCH
"""


def _drifting(
    tmp_path: Path, *, reference: str = "data/reference.csv", fetch: str | None = None
) -> Path:
    text = DRIFTING.replace("REFERENCE", reference)
    text = text.replace("FETCH\n", f"    fetch: {fetch}\n" if fetch else "")
    path = tmp_path / "mlops.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _monitor_steps(path: Path) -> dict[str, dict]:  # type: ignore[type-arg]
    workflow = yaml.safe_load(compile_spec(path).files[".github/workflows/monitor.yml"].text)
    return {step["name"]: step for step in workflow["jobs"]["drift"]["steps"]}


def test_monitor_yml_installs_dvc_with_the_remotes_plugin(tmp_path: Path) -> None:
    steps = _monitor_steps(_drifting(tmp_path))
    install = steps["Install the drift job's requirements"]
    assert install["env"]["DVC_REQUIREMENT"] == "dvc[s3]>=3.30,<4"
    assert '"$DVC_REQUIREMENT"' in install["run"]


def test_monitor_yml_pulls_reference_and_current_with_the_declared_secrets(
    tmp_path: Path,
) -> None:
    pull = _monitor_steps(_drifting(tmp_path))["Pull the reference and current data"]
    assert pull["env"] == {
        "DVC_REMOTE": "store",
        "AWS_ACCESS_KEY_ID": "${{ secrets.STORE_KEY_ID }}",
        "AWS_SECRET_ACCESS_KEY": "${{ secrets.STORE_SECRET }}",
        "REFERENCE": "data/reference.csv",
        "CURRENT": "data/current.csv",
    }
    assert pull["run"] == 'dvc pull --remote "$DVC_REMOTE" "$REFERENCE" "$CURRENT"\n'


def test_the_fetch_command_gets_the_remote_credentials(tmp_path: Path) -> None:
    steps = _monitor_steps(_drifting(tmp_path, fetch="dvc pull data/current.csv"))
    assert steps["Fetch the recent data"]["env"]["AWS_SECRET_ACCESS_KEY"] == (
        "${{ secrets.STORE_SECRET }}"
    )


def test_monitor_yml_fails_clearly_when_the_data_is_missing(tmp_path: Path) -> None:
    check = _monitor_steps(_drifting(tmp_path))["Check the data is there"]
    (tmp_path / "data").mkdir()
    (tmp_path / "data/reference.csv").write_text("x\n1\n")
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", check["run"]],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", **check["env"]},
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout) == (
        1,
        "::error file=data/current.csv::data/current.csv is missing or empty: there is"
        " nothing to measure drift on\n",
    )


def test_data_nothing_brings_is_refused(tmp_path: Path) -> None:
    assert _problems(_drifting(tmp_path, reference="data/elsewhere.csv")) == [
        (
            "monitoring.drift.reference",
            "`data/elsewhere.csv` is neither written by a stage, tracked by DVC nor in the"
            " repository, and no `fetch` brings it: the drift job would have nothing to compare",
        )
    ]


def test_a_dvc_tracked_reference_must_be_pulled_by_fetch(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data/baseline.csv.dvc").write_text("outs:\n- path: baseline.csv\n")
    spec = _drifting(tmp_path, reference="data/baseline.csv", fetch="python src/fetch.py")
    assert _problems(spec) == [
        (
            "monitoring.drift.reference",
            "`data/baseline.csv` is tracked by DVC (`data/baseline.csv.dvc`), and nothing in"
            " monitor.yml pulls it",
        )
    ]
    spec = _drifting(tmp_path, reference="data/baseline.csv", fetch="dvc pull data/baseline.csv")
    check_spec(spec)


# -- finding 5: a retrain gets fresh data, and one that changed nothing promotes nothing -----


def _retrain_steps(tmp_path: Path, refresh: str | None) -> list[dict]:  # type: ignore[type-arg]
    text = _drifting(tmp_path).read_text(encoding="utf-8")
    if refresh is not None:
        text = text.replace(
            'retraining: {schedule: "0 3 * * 1"}',
            f'retraining: {{schedule: "0 3 * * 1", refresh: "{refresh}"}}',
        )
    (tmp_path / "mlops.yaml").write_text(text, encoding="utf-8")
    workflow = compile_spec(tmp_path / "mlops.yaml").files[".github/workflows/retrain.yml"].text
    steps: list[dict] = yaml.safe_load(workflow)["jobs"]["retrain"]["steps"]  # type: ignore[type-arg]
    return steps


def test_the_refresh_command_runs_between_the_pull_and_the_pipeline(tmp_path: Path) -> None:
    names = [step["name"] for step in _retrain_steps(tmp_path, "dvc update data/raw.dvc")]
    pull, refresh = names.index("Pull data and models"), names.index("Refresh the data")
    assert refresh == pull + 1
    assert names[refresh + 1] == "Reproduce the pipeline"
    step = _retrain_steps(tmp_path, "dvc update data/raw.dvc")[refresh]
    assert step["run"] == "dvc update data/raw.dvc\n"
    assert step["env"]["AWS_SECRET_ACCESS_KEY"] == "${{ secrets.STORE_SECRET }}"


def test_nothing_is_gated_pushed_or_proposed_when_nothing_changed(tmp_path: Path) -> None:
    steps = _retrain_steps(tmp_path, None)
    names = [step["name"] for step in steps]
    after = steps[names.index("Did the pipeline change anything") + 1 :]
    assert [step["name"] for step in after] == [
        "Gate the model this run trained",
        "Push data and models",
        "Open a pull request",
    ]
    assert {step.get("if") for step in after} == {"steps.changes.outputs.changed == 'true'"}


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_an_unchanged_retrain_says_so_and_a_refreshed_one_goes_on(tmp_path: Path) -> None:
    """Real git and DVC: `dvc repro` over unchanged inputs leaves dvc.lock as committed."""
    from mlops_compiler.families.delivery.scripts import CHANGED

    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "raw.txt").write_text("1\n")
    (repo / "dvc.yaml").write_text(
        "stages:\n  copy:\n    cmd: cp raw.txt copied.txt\n    deps: [raw.txt]\n"
        "    outs: [copied.txt]\n"
    )
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "t@example.com")
    _git(repo, "config", "user.name", "t")
    dvc = [sys.executable, "-m", "dvc"]
    environ = {**os.environ, "DVC_NO_ANALYTICS": "1"}

    def repro_and_check() -> tuple[str, str]:
        subprocess.run(
            [*dvc, "repro", "-q"], cwd=repo, check=True, env=environ, capture_output=True
        )
        output = repo / "out"
        output.write_text("")
        done = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", CHANGED],
            cwd=repo,
            env={**environ, "GITHUB_OUTPUT": str(output)},
            capture_output=True,
            text=True,
            check=True,
        )
        return output.read_text(), done.stdout

    subprocess.run([*dvc, "init", "-q"], cwd=repo, check=True, env=environ)
    assert repro_and_check()[0] == "changed=true\n"  # the first run writes dvc.lock
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "trained")
    assert repro_and_check() == (
        "changed=false\n",
        "::notice::Unchanged inputs: nothing was retrained, gated, pushed or promoted.\n",
    )
    (repo / "raw.txt").write_text("2\n")  # what a refresh command does
    assert repro_and_check()[0] == "changed=true\n"
