"""The monitoring and deploy outputs of every example, judged by the tools that own them.

promtool checks the rules and runs their generated unit tests (every alert fires on a synthetic
series and stays silent on a healthy one, and the tests fail when an alert is broken); amtool
checks Alertmanager's config; kubernetes-validate checks every manifest against the official
schemas, kustomize (inside kubectl) builds every overlay, the vendored CRD schemas check the
custom resources; MLflow reads its Kubernetes backend config; the linters of the CI/CD
workflows judge monitor.yml. The serving example then runs the loop for real: its pipeline,
the drift script on unchanged and on drifted traffic, and its server's /metrics, whose names
must be the ones the rules read.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import promql_parser
import pytest
import yaml
from owning_tools import (
    ToolEnv,
    actionlint,
    amtool_check_config,
    check_workflow_schema,
    crd_errors,
    kubernetes_validate,
    kustomize_build,
    mlflow_kubernetes_job,
    promtool_check_rules,
    promtool_test_rules,
    shellcheck,
    zizmor,
)
from prometheus_client.parser import text_string_to_metric_families

from mlops_compiler import compile_spec

ROOT = Path(__file__).resolve().parents[2]
CRDS = ROOT / "tests/data/crds"
EXAMPLES = sorted(
    p.parent
    for p in ROOT.glob("examples/*/mlops.yaml")
    if re.search(r"^(monitoring|deploy):", p.read_text(encoding="utf-8"), re.M)
)
RULES = "monitoring/prometheus/rules.yml"
RULE_TESTS = "monitoring/prometheus/rules.test.yml"
MONITOR = ".github/workflows/monitor.yml"
SHA = re.compile(r"^[^@\s]+@[0-9a-f]{40}$")


DEPLOYED = [
    *[(p, None) for p in EXAMPLES if "\ndeploy:" in (p / "mlops.yaml").read_text()],
    # No example serves with KServe: the same spec with `kind: kserve` covers it.
    (ROOT / "examples/serving", ("  kind: deployment\n", "  kind: kserve\n")),
]


@pytest.fixture(scope="module", params=EXAMPLES, ids=[p.name for p in EXAMPLES])
def project(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example with every output generated afresh."""
    return _compiled(Path(request.param), tmp_path_factory.mktemp("ops"))


@pytest.fixture(
    scope="module",
    params=DEPLOYED,
    ids=[p.name + ("-kserve" if change else "") for p, change in DEPLOYED],
)
def deployed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A compiled copy of each example that deploys, and of a KServe variant."""
    source, change = request.param
    return _compiled(source, tmp_path_factory.mktemp("deploy"), change)


def _compiled(source: Path, parent: Path, change: tuple[str, str] | None = None) -> Path:
    copy = parent / source.name
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("data", "models", "*.db"))
    if change is not None:
        spec = copy / "mlops.yaml"
        text = spec.read_text(encoding="utf-8")
        assert change[0] in text
        spec.write_text(text.replace(*change), encoding="utf-8")
    _write_outputs(copy, copy)
    return copy


def _write_outputs(source: Path, copy: Path) -> None:
    for relative, text in compile_spec(source / "mlops.yaml").texts().items():
        (copy / relative).parent.mkdir(parents=True, exist_ok=True)
        (copy / relative).write_text(text, encoding="utf-8")


@pytest.fixture
def env(isolated_tool_env: ToolEnv) -> ToolEnv:
    return isolated_tool_env


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _yaml_documents(text: str) -> list[Any]:
    return [document for document in yaml.safe_load_all(text) if document]


def _skip_unless(project: Path, relative: str) -> Path:
    path = project / relative
    if not path.exists():
        pytest.skip(f"{project.name} generates no {relative}")  # never in CI: see EXAMPLES
    return path


# -- Prometheus -----------------------------------------------------------------------------


def _alerts(rules: dict[str, Any]) -> list[dict[str, Any]]:
    return [rule for group in rules["groups"] for rule in group["rules"] if "alert" in rule]


@pytest.mark.tools
def test_promtool_accepts_the_rules(project: Path, env: ToolEnv) -> None:
    result = promtool_check_rules(project / RULES, env=env)
    assert result.ok, result


@pytest.mark.tools
def test_promtool_proves_every_alert_fires_and_stays_silent(project: Path, env: ToolEnv) -> None:
    tests = _yaml(project / RULE_TESTS)["tests"]
    verdicts = {
        (case["alert_rule_test"][0]["alertname"], bool(case["alert_rule_test"][0]["exp_alerts"]))
        for case in tests
    }
    alerts = {rule["alert"] for rule in _alerts(_yaml(project / RULES))}
    assert alerts
    assert verdicts == {(alert, fires) for alert in alerts for fires in (True, False)}
    result = promtool_test_rules(project / RULE_TESTS, env=env)
    assert result.ok, result


BREAKAGES = {
    "never fires": lambda expr: "vector(0) > 1",
    # Same labels, always true: a comparison made trivial, or absent() of a series never there.
    "always fires": lambda expr: (
        expr.split(" > ")[0] + " >= 0"  # a score over its noise level: the score alone
        if "group_left" in expr
        else expr.replace(" > ", " >= 0 * ")
        .replace(" == 0", " >= 0")
        .replace("absent(up{", "absent(never_scraped{")
    ),
}


@pytest.mark.tools
def test_monitoring_with_nothing_to_watch_writes_rule_files_promtool_accepts(
    tmp_path: Path, env: ToolEnv
) -> None:
    """`monitoring: {}` once wrote a bare `groups:` (null), an internal error on parse-back."""
    (tmp_path / "mlops.yaml").write_text(
        "version: 1\nproject: {name: demo}\nmonitoring: {}\n", encoding="utf-8"
    )
    _write_outputs(tmp_path, tmp_path)
    assert _yaml(tmp_path / RULES) == {"groups": []}
    assert _yaml(tmp_path / RULE_TESTS)["tests"] == []
    assert promtool_check_rules(tmp_path / RULES, env=env).ok
    assert promtool_test_rules(tmp_path / RULE_TESTS, env=env).ok


@pytest.mark.tools
@pytest.mark.parametrize("breakage", list(BREAKAGES))
def test_the_rule_tests_catch_a_broken_alert(project: Path, env: ToolEnv, breakage: str) -> None:
    """An alert that never fires fails exactly the "fires" tests; one that always fires fails
    exactly the "silent" tests and those that fire in one environment only: the generated
    tests are not vacuous."""
    rules = _yaml(project / RULES)
    for alert in _alerts(rules):
        alert["expr"] = BREAKAGES[breakage](alert["expr"])
    broken = project / f"broken-{breakage.replace(' ', '-')}"
    broken.mkdir()
    (broken / "rules.yml").write_text(yaml.safe_dump(rules), encoding="utf-8")
    shutil.copy(project / RULE_TESTS, broken / "rules.test.yml")
    result = promtool_test_rules(broken / "rules.test.yml", env=env)
    assert not result.ok
    # An alert that fires everywhere also fails the cases that break one environment and
    # expect it there only: they are what keeps staging from paging as production.
    expected = [
        case["name"]
        for case in _yaml(project / RULE_TESTS)["tests"]
        if bool(case["alert_rule_test"][0]["exp_alerts"]) == (breakage == "never fires")
        or (breakage == "always fires" and " only when " in case["name"])
    ]
    failed = re.findall(r"^    name: (.*),$", result.output, re.M)
    assert sorted(failed) == sorted(expected), result


@pytest.mark.tools
def test_amtool_accepts_the_alertmanager_config(project: Path, env: ToolEnv) -> None:
    config = _skip_unless(project, "monitoring/alertmanager.yml")
    result = amtool_check_config(config, env=env)
    assert result.ok, result
    secret_keys = {"api_url", "routing_key", "service_key", "auth_password", "credentials"}
    text = config.read_text(encoding="utf-8")
    assert not [key for key in secret_keys if re.search(rf"\b{key}:", text)]


def metric_names(expr: str) -> set[str]:
    """The metric names a PromQL expression reads, by PromQL's own parser."""
    names: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, promql_parser.VectorSelector):
            names.add(node.name)
        for child in ("expr", "lhs", "rhs", "vector_selector", "param"):
            value = getattr(node, child, None)
            if value is not None and not isinstance(value, str | int | float):
                walk(value)
        for arg in getattr(node, "args", None) or []:
            walk(arg)

    walk(promql_parser.parse(expr))
    return names


def test_the_dashboard_queries_the_names_the_rules_use(project: Path) -> None:
    [dashboard_file] = (project / "monitoring/grafana").glob("*-dashboard.json")
    dashboard = json.loads(dashboard_file.read_text(encoding="utf-8"))
    queried = {
        name
        for panel in dashboard["panels"]
        for target in panel["targets"]
        for name in metric_names(target["expr"])
    }
    rules = [rule for group in _yaml(project / RULES)["groups"] for rule in group["rules"]]
    recorded = {rule["record"] for rule in rules if "record" in rule}
    read = {name for rule in rules for name in metric_names(rule["expr"])}
    assert queried <= read | recorded
    assert read - recorded <= queried  # every raw metric the rules read is on the dashboard
    assert len({panel["id"] for panel in dashboard["panels"]}) == len(dashboard["panels"])
    assert dashboard["templating"]["list"][0]["type"] == "datasource"


# -- monitor.yml ----------------------------------------------------------------------------


@pytest.mark.tools
def test_the_workflow_linters_accept_monitor_yml(project: Path, env: ToolEnv) -> None:
    workflow = _skip_unless(project, MONITOR)
    for check in (actionlint, zizmor, check_workflow_schema):
        result = check(workflow, env=env)
        assert result.ok, result
    for job in _yaml(workflow)["jobs"].values():
        for step in job["steps"]:
            if "run" in step:
                result = shellcheck(step["run"], env=env)
                assert result.ok, result


@pytest.mark.tools
@pytest.mark.parametrize("kind", ["s3", "gs", "ssh", "http"])
def test_the_linters_accept_monitor_yml_pulling_from_a_remote(
    tmp_path: Path, env: ToolEnv, kind: str
) -> None:
    """The pull and fetch steps of a drift job whose data sits on a DVC remote."""
    urls = {"s3": "s3://b/d", "gs": "gs://b/d", "ssh": "ssh://host/d", "http": "https://h/d"}
    spec = (ROOT / "tests/unit/test_monitoring_watch.py").read_text(encoding="utf-8")
    text = spec.split('DRIFTING = """\\\n', 1)[1].split('"""', 1)[0]
    text = text.replace("{kind: s3, url: s3://bucket/demo}", f"{{kind: {kind}, url: {urls[kind]}}}")
    text = text.replace("  remote_credentials:", "  remote_credentials_unused:")
    text = "\n".join(line for line in text.splitlines() if "_unused" not in line) + "\n"
    text = text.replace("REFERENCE", "data/reference.csv")
    text = text.replace("FETCH\n", "    fetch: dvc pull data/current.csv\n")
    (tmp_path / "mlops.yaml").write_text(text, encoding="utf-8")
    _write_outputs(tmp_path, tmp_path)
    workflow = tmp_path / MONITOR
    names = [step["name"] for step in _yaml(workflow)["jobs"]["drift"]["steps"]]
    assert "Pull the reference and current data" in names
    for check in (actionlint, zizmor, check_workflow_schema):
        result = check(workflow, env=env)
        assert result.ok, result
    for step in _yaml(workflow)["jobs"]["drift"]["steps"]:
        if "run" in step:
            result = shellcheck(step["run"], env=env)
            assert result.ok, result


def test_monitor_yml_is_hardened(project: Path) -> None:
    text = _skip_unless(project, MONITOR).read_text(encoding="utf-8")
    workflow = _yaml(project / MONITOR)
    assert workflow["permissions"] == {}
    for job in workflow["jobs"].values():
        assert job["permissions"], job
        assert set(job["permissions"].values()) <= {"read", "write"}
        for step in job["steps"]:
            assert "${{" not in step.get("run", "")
            if "uses" in step:
                assert SHA.match(step["uses"]), step
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False
    for line in text.splitlines():
        if "uses:" in line:
            assert re.search(r"@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), line
    writers = [
        name for name, job in workflow["jobs"].items() if "write" in job["permissions"].values()
    ]
    assert writers == ["retrain"]
    assert "actions/checkout" not in json.dumps(workflow["jobs"]["retrain"])


def test_monitor_yml_triggers_retrain_yml(project: Path) -> None:
    monitor = _yaml(_skip_unless(project, MONITOR))
    retrain = _yaml(project / ".github/workflows/retrain.yml")
    triggers = retrain.get("on", retrain.get(True))
    dispatch = dict(monitor["jobs"]["retrain"]["steps"][0]["env"])
    assert dispatch["EVENT_TYPE"] in triggers["repository_dispatch"]["types"]
    assert "repos/$REPOSITORY/dispatches" in monitor["jobs"]["retrain"]["steps"][0]["run"]
    assert monitor["jobs"]["retrain"]["if"] == "needs.drift.outputs.drifted == 'true'"
    assert monitor["jobs"]["retrain"]["permissions"] == {"contents": "write"}


# -- Kubernetes -----------------------------------------------------------------------------


def _manifests(deployed: Path) -> list[Path]:
    base = _skip_unless(deployed, "deploy/k8s/base")
    return sorted(p for p in base.glob("*.yaml") if p.name != "kustomization.yaml")


@pytest.mark.tools
def test_the_base_manifests_match_the_official_schemas(deployed: Path, env: ToolEnv) -> None:
    manifests = _manifests(deployed)
    result = kubernetes_validate(*manifests, env=env)
    assert result.ok, result
    documents = [_yaml(p) for p in manifests]
    assert crd_errors(documents, CRDS) == []


def _overlays(deployed: Path) -> list[Path]:
    return sorted((deployed / "deploy/k8s/overlays").iterdir())


def _pods(documents: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for document in documents:
        if document["kind"] == "Deployment":
            yield document["spec"]["template"]["spec"]
        elif document["kind"] == "InferenceService":
            yield document["spec"]["predictor"]


@pytest.mark.tools
def test_every_overlay_builds_into_valid_locked_down_manifests(
    deployed: Path, env: ToolEnv
) -> None:
    _skip_unless(deployed, "deploy/k8s/overlays")
    for overlay in _overlays(deployed):
        built = kustomize_build(overlay, env=env)
        assert built.ok, built
        out = env.tmp / f"{deployed.name}-{overlay.name}.yaml"
        out.write_text(built.output, encoding="utf-8")
        result = kubernetes_validate(out, env=env)
        assert result.ok, result
        documents = _yaml_documents(built.output)
        assert crd_errors(documents, CRDS) == []
        namespace = _yaml(overlay / "kustomization.yaml")["namespace"]
        assert {d["metadata"]["namespace"] for d in documents} == {namespace}
        pods = list(_pods(documents))
        assert pods
        _assert_environment_values(deployed, overlay.name, pods)
        for pod in pods:
            assert pod["securityContext"]["runAsNonRoot"] is True
            assert pod["securityContext"]["runAsUser"] > 0
            for container in pod["containers"]:
                security = container["securityContext"]
                assert security["readOnlyRootFilesystem"] is True
                assert security["allowPrivilegeEscalation"] is False
                assert set(container["resources"]) == {"requests", "limits"}
                assert re.search(r"(:[\w.-]+|@sha256:[0-9a-f]{64})$", container["image"])
                assert not container["image"].endswith(":latest")


def _assert_environment_values(deployed: Path, env_name: str, pods: list[dict[str, Any]]) -> None:
    """What mlops.yaml says about the environment is what the built pods get."""
    spec = yaml.safe_load((deployed / "mlops.yaml").read_text(encoding="utf-8"))["deploy"]
    values = spec["environments"][env_name] or {}
    [container] = [c for pod in pods for c in pod["containers"]]
    assert container["image"] == values.get("image", spec["image"])
    resources = values.get("resources", spec.get("resources"))
    if resources is not None:
        assert container["resources"]["requests"] == resources["requests"]
    expected_env = {**spec.get("env", {}), **values.get("env", {})}
    plain = {e["name"]: e["value"] for e in container["env"] if "value" in e}
    assert plain == expected_env
    # everything else reaches the pod by reference only (the tracking URI and credentials)
    referenced = [e for e in container["env"] if "value" not in e]
    assert all(set(e) == {"name", "valueFrom"} for e in referenced), referenced
    assert all("secretKeyRef" in e["valueFrom"] for e in referenced), referenced
    scaling = values.get("autoscaling") or spec.get("autoscaling")
    if scaling is not None and spec["kind"] == "kserve":
        assert (pods[0]["minReplicas"], pods[0]["maxReplicas"]) == (
            scaling["min_replicas"],
            scaling["max_replicas"],
        )


@pytest.mark.tools
def test_argocd_applications_are_valid_and_point_at_the_overlays(deployed: Path) -> None:
    apps = sorted((_skip_unless(deployed, "deploy/argocd")).glob("*.yaml"))
    documents = [_yaml(p) for p in apps]
    assert crd_errors(documents, CRDS) == []
    assert [app.stem for app in apps] == [overlay.name for overlay in _overlays(deployed)]
    spec = yaml.safe_load((deployed / "mlops.yaml").read_text(encoding="utf-8"))
    prefix = spec["deploy"]["gitops"].get("path", "")
    for app, document in zip(apps, documents, strict=True):
        path = document["spec"]["source"]["path"]
        assert path == f"{prefix}/deploy/k8s/overlays/{app.stem}".lstrip("/")
        overlay = _yaml(deployed / "deploy/k8s/overlays" / app.stem / "kustomization.yaml")
        assert document["spec"]["destination"]["namespace"] == overlay["namespace"]


@pytest.mark.tools
def test_mlflow_reads_the_kubernetes_backend_and_builds_a_valid_job(
    deployed: Path, env: ToolEnv
) -> None:
    config = "deploy/mlflow/kubernetes_config.json"
    _skip_unless(deployed, config)
    payload, result = mlflow_kubernetes_job(deployed, config, env=env)
    assert result.ok, result
    job = env.tmp / "job.yaml"
    job.write_text(yaml.safe_dump(payload["job"]), encoding="utf-8")
    validated = kubernetes_validate(job, env=env)
    assert validated.ok, validated
    container = payload["job"]["spec"]["template"]["spec"]["containers"][0]
    assert container["image"].startswith(payload["config"]["repository-uri"] + ":")
    assert {"name": "MLFLOW_RUN_ID", "value": "0" * 32} in container["env"]


# -- the loop, for real, in the serving example ----------------------------------------------


def _python(cwd: Path, *args: str, env: ToolEnv, timeout: float = 300) -> str:
    result = subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=env.environ(tracking_uri=f"sqlite:///{env.tmp / 'mlflow.db'}"),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _drift(project: Path, env: ToolEnv, shift: float) -> dict[str, Any]:
    params = project / "params.yaml"
    data = _yaml(params)
    data["simulate"]["shift"] = shift
    params.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    _python(project, "src/simulate.py", env=env)
    thresholds = "feature_drift=0.25,prediction_shift=0.2,missing_values=0.05"
    out = project / f"drift-{shift}"
    _python(
        project,
        "monitoring/drift.py",
        "--model=serving-digits",
        "--reference=data/reference.csv",
        "--current=data/current.csv",
        "--prediction=prediction",
        f"--thresholds={thresholds}",
        f"--metrics={out}.prom",
        f"--github-output={out}.out",
        f"--json={out}.json",
        env=env,
    )
    return {
        "report": json.loads(Path(f"{out}.json").read_text()),
        "outputs": Path(f"{out}.out").read_text(),
        "metrics": Path(f"{out}.prom").read_text(),
    }


def _families(text: str) -> dict[str, Any]:
    return {family.name: family for family in text_string_to_metric_families(text)}


def _sample_names(text: str) -> set[str]:
    return {sample.name for family in _families(text).values() for sample in family.samples}


@pytest.mark.tools
def test_serving_example_closes_the_loop(tmp_path: Path, env: ToolEnv) -> None:
    """Pipeline, drift job on steady and on drifted traffic, server metrics: every name the
    rules read is exported by the server or the drift job."""
    source = ROOT / "examples/serving"
    project = tmp_path / "serving"
    shutil.copytree(source, project)
    _write_outputs(source, project)
    for script in ("prepare", "train", "reference"):
        _python(project, f"src/{script}.py", env=env)
    # Issue 13, finding 10: train.py registered nothing, so retrain.yml's gate found no version.
    with sqlite3.connect(env.tmp / "mlflow.db") as db:
        assert db.execute("SELECT name FROM model_versions").fetchall() == [("serving-digits",)]

    steady = _drift(project, env, 0.0)
    assert steady["outputs"] == "drifted=false\nsignals=\nstatus=no-drift\n"
    assert max(steady["report"]["report"]["feature_drift"].values()) < 0.25
    drifted = _drift(project, env, 1.0)
    assert drifted["outputs"].startswith("drifted=true\nsignals=feature_drift")
    assert max(drifted["report"]["report"]["feature_drift"].values()) > 0.25

    rules = [rule for group in _yaml(project / RULES)["groups"] for rule in group["rules"]]
    read = {name for rule in rules for name in metric_names(rule["expr"])}
    recorded = {rule["record"] for rule in rules if "record" in rule}
    exported = _sample_names(drifted["metrics"]) | _serve_metrics(project, env) | {"up"}
    assert read - recorded <= exported  # `up` is Prometheus' own


def _serve_metrics(project: Path, env: ToolEnv) -> set[str]:
    """Start the example's server, send traffic, scrape /metrics; the sample names."""
    environ = {**env.environ(), "HOST": "127.0.0.1", "PORT": "0"}
    process = subprocess.Popen(
        [sys.executable, "src/serve.py"],
        cwd=project,
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        port = int(line.rsplit(":", 1)[1])
        base = f"http://127.0.0.1:{port}"
        for _ in range(50):
            try:
                urllib.request.urlopen(f"{base}/health", timeout=5).read()
                break
            except OSError:
                time.sleep(0.1)
        body = json.dumps({"instances": [[0.0] * 64, [16.0] * 64]}).encode()
        request = urllib.request.Request(f"{base}/predict", data=body, method="POST")
        answer = json.loads(urllib.request.urlopen(request, timeout=10).read())
        assert len(answer["predictions"]) == 2
        bad = urllib.request.Request(f"{base}/predict", data=b"[]", method="POST")
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(bad, timeout=10)
        text = urllib.request.urlopen(f"{base}/metrics", timeout=10).read().decode()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    families = _families(text)
    codes = {s.labels["code"] for s in families["http_requests"].samples if "code" in s.labels}
    assert {"200", "400"} <= codes
    buckets = {
        s.labels["le"]
        for s in families["http_request_duration_seconds"].samples
        if s.name.endswith("_bucket")
    }
    assert "0.25" in buckets  # the latency objective's threshold is a bucket boundary
    return _sample_names(text)
