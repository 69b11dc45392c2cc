"""CI/CD generation: each security property of the workflows and Dockerfiles, on every example
and on a spec that takes every other branch (non-GHCR registry, every remote kind, conda,
command server, overridden pins)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from delivery_cases import KITCHEN_SINK
from ruamel.yaml import YAML

from mlops_compiler import compile_spec
from mlops_compiler.families.delivery.dockerfile import final_user
from mlops_compiler.families.delivery.pins import PINS

ROOT = Path(__file__).resolve().parents[2]


def write_tree(root: Path, files: dict[str, str]) -> Path:
    """The files under ``root`` (support.write_tree imports the CLI, which this module need not)."""
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    return root


EXAMPLES = sorted(p.parent for p in ROOT.glob("examples/*/mlops.yaml"))


@pytest.fixture(scope="module")
def kitchen_sink(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = write_tree(tmp_path_factory.mktemp("sink"), {"mlops.yaml": KITCHEN_SINK})
    return compile_spec(root / "mlops.yaml").texts()


def _outputs(name: str, kitchen_sink: dict[str, str]) -> dict[str, str]:
    if name == "kitchen-sink":
        return kitchen_sink
    return compile_spec(ROOT / "examples" / name / "mlops.yaml").texts()


CASES = [p.name for p in EXAMPLES] + ["kitchen-sink"]


def _workflows(texts: dict[str, str]) -> dict[str, Any]:
    yaml = YAML(typ="safe")
    return {p: yaml.load(t) for p, t in texts.items() if p.startswith(".github/workflows/")}


def _steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def _strings(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return [node] if isinstance(node, str) else []


@pytest.mark.parametrize("case", CASES)
def test_every_case_generates_workflows_and_dockerfiles(
    case: str, kitchen_sink: dict[str, str]
) -> None:
    texts = _outputs(case, kitchen_sink)
    source = KITCHEN_SINK if case == "kitchen-sink" else _spec_text(case)
    sections = {"ci": "ci.yml", "cd": "cd.yml", "retraining": "retrain.yml"}
    wanted = {
        f".github/workflows/{file}" for key, file in sections.items() if f"\n{key}:" in source
    }
    generated = {path for path in _workflows(texts) if path.rsplit("/", 1)[-1] in sections.values()}
    assert generated == wanted
    images = "\nimages:" in source
    assert any("Dockerfile" in path for path in texts) == images
    assert (".dockerignore" in texts) == images


def _spec_text(example: str) -> str:
    return (ROOT / "examples" / example / "mlops.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES)
def test_no_permission_at_the_top_and_each_job_names_its_own(
    case: str, kitchen_sink: dict[str, str]
) -> None:
    for workflow in _workflows(_outputs(case, kitchen_sink)).values():
        assert workflow["permissions"] == {}
        for job in workflow["jobs"].values():
            assert job["permissions"], job["name"]
            assert set(job["permissions"].values()) <= {"read", "write"}


@pytest.mark.parametrize("case", CASES)
def test_every_permission_says_why(case: str, kitchen_sink: dict[str, str]) -> None:
    for path, text in _outputs(case, kitchen_sink).items():
        if path.startswith(".github/workflows/"):
            lines = re.findall(r"^ {6}[a-z-]+: (?:read|write)(.*)$", text, re.MULTILINE)
            assert lines and all(re.match(r"^  # \w", rest) for rest in lines), path


@pytest.mark.parametrize("case", CASES)
def test_every_action_is_pinned_to_a_commit_with_its_version(
    case: str, kitchen_sink: dict[str, str]
) -> None:
    for path, text in _outputs(case, kitchen_sink).items():
        if not path.startswith(".github/workflows/"):
            continue
        uses = re.findall(r"^\s+uses: (\S+)(.*)$", text, re.MULTILINE)
        assert uses, path
        for reference, comment in uses:
            action, _, sha = reference.partition("@")
            assert re.fullmatch(r"[0-9a-f]{40}", sha), reference
            assert re.fullmatch(r" # v\d+\.\d+\.\d+", comment), comment
            if case != "kitchen-sink" or action != "actions/checkout":
                assert (sha, comment[3:]) == (PINS[action].sha, PINS[action].version)


def test_a_pin_override_replaces_the_table_entry(kitchen_sink: dict[str, str]) -> None:
    ci = kitchen_sink[".github/workflows/ci.yml"]
    assert "uses: actions/checkout@08eba0b27e820071cde6df949e0beb9ba4906955 # v4.3.0\n" in ci, ci
    assert PINS["actions/checkout"].sha not in ci


def test_the_pin_table_holds_commits_and_release_versions() -> None:
    for action, pin in PINS.items():
        assert pin.action == action
        assert re.fullmatch(r"[0-9a-f]{40}", pin.sha)
        assert re.fullmatch(r"v\d+\.\d+\.\d+", pin.version)


@pytest.mark.parametrize("case", CASES)
def test_checkout_never_persists_credentials(case: str, kitchen_sink: dict[str, str]) -> None:
    for workflow in _workflows(_outputs(case, kitchen_sink)).values():
        for step in _steps(workflow):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False


@pytest.mark.parametrize("case", CASES)
def test_concurrency_and_no_pull_request_target(case: str, kitchen_sink: dict[str, str]) -> None:
    for workflow in _workflows(_outputs(case, kitchen_sink)).values():
        assert workflow["concurrency"]["group"]
        assert "pull_request_target" not in workflow["on"]
        assert "workflow_run" not in workflow["on"]


@pytest.mark.parametrize("case", CASES)
def test_no_expression_in_any_run_script(case: str, kitchen_sink: dict[str, str]) -> None:
    for workflow in _workflows(_outputs(case, kitchen_sink)).values():
        for step in _steps(workflow):
            assert "${{" not in step.get("run", ""), step["name"]


@pytest.mark.parametrize("case", CASES)
def test_secrets_are_only_referenced(case: str, kitchen_sink: dict[str, str]) -> None:
    for workflow in _workflows(_outputs(case, kitchen_sink)).values():
        for value in _strings(workflow):
            if "secrets" in value:
                assert re.fullmatch(r"\$\{\{ secrets\.[A-Za-z_][A-Za-z0-9_]* \}\}", value), value


@pytest.mark.parametrize("case", CASES)
def test_the_final_stage_runs_as_a_numeric_non_root_user(
    case: str, kitchen_sink: dict[str, str]
) -> None:
    dockerfiles = {p: t for p, t in _outputs(case, kitchen_sink).items() if "Dockerfile" in p}
    for path, text in dockerfiles.items():
        user = final_user(text)
        assert user is not None, path
        uid, _, gid = user.partition(":")
        assert uid.isdigit() and int(uid) > 0, (path, user)
        assert not gid or (gid.isdigit() and int(gid) > 0), (path, user)


def test_dockerfile_paths_and_images_follow_the_spec(kitchen_sink: dict[str, str]) -> None:
    serve = kitchen_sink["build/api.Dockerfile"]
    assert 'CMD ["uvicorn", "app:api", "--port", "9000"]\n' in serve
    assert "http://127.0.0.1:9000/ready" in serve
    assert 'COPY --chown=10001:10001 ["app/", "/app/app/"]\n' in serve
    assert 'COPY --chown=10001:10001 ["settings.toml", "/app/settings.toml"]\n' in serve
    cd = kitchen_sink[".github/workflows/cd.yml"]
    assert "images: registry.example.com:5000/ml/team/sink-serve\n" in cd
    assert "username: ${{ secrets.REG_USER }}\n" in cd
    assert "packages: write" not in cd


def test_the_dagshub_preset_wires_dvc_and_mlflow() -> None:
    texts = compile_spec(ROOT / "examples/advanced/mlops.yaml").texts()
    cd = _workflows(texts)[".github/workflows/cd.yml"]
    env = {k: v for step in _steps(cd) for k, v in step.get("env", {}).items()}
    assert env["MLFLOW_TRACKING_URI"] == "https://dagshub.com/acme/advanced.mlflow"
    assert env["MLFLOW_TRACKING_PASSWORD"] == "${{ secrets.DAGSHUB_TOKEN }}"
    assert env["DVC_REMOTE"] == "dagshub"
    assert env["DVC_REMOTE_USER"] == "${{ secrets.DAGSHUB_USER }}"


def test_the_dagshub_preset_adds_its_remote_when_none_points_there(tmp_path: Path) -> None:
    spec = "version: 1\nproject: {name: demo}\nplatform: {kind: dagshub, owner: o, repo: r}\n"
    write_tree(tmp_path, {"mlops.yaml": spec})
    config = compile_spec(tmp_path / "mlops.yaml").texts()[".dvc/config"]
    assert config.splitlines()[2:] == [
        "[core]",
        "    remote = dagshub",
        "['remote \"dagshub\"']",
        "    url = https://dagshub.com/o/r.dvc",
        "    auth = basic",
    ]


def test_retraining_proposes_dvc_lock_and_the_resolved_metrics() -> None:
    texts = compile_spec(ROOT / "examples/advanced/mlops.yaml").texts()
    retrain = _workflows(texts)[".github/workflows/retrain.yml"]
    env = {k: v for step in _steps(retrain) for k, v in step.get("env", {}).items()}
    assert env["PR_PATHS"].splitlines() == [
        "dvc.lock",
        "reports/cv",
        "reports/eval",
        "reports/confusion",
        "reports/summary.json",
        "reports/leaderboard.csv",
    ]
    assert retrain["on"]["schedule"] == [{"cron": "30 2 1 * *"}]
    assert retrain["on"]["repository_dispatch"] == {"types": ["drift-detected"]}
