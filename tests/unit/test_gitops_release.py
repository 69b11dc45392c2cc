"""The GitOps edge of cd.yml (issue 13, finding 3): each environment's overlay gets the digest cd
pushed and the model version the gate promoted, as a commit Argo CD syncs; staging first,
production only after staging's smoke check; the hooks run after the commit; the serving image
serves the pinned version, never an alias resolved when a pod starts (finding 4).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from mlops_compiler import compile_spec
from mlops_compiler.cli.main import main
from mlops_compiler.families.delivery.scripts import RELEASE, RELEASE_SCRIPT

ROOT = Path(__file__).resolve().parents[2]
SERVING = ROOT / "examples" / "serving" / "mlops.yaml"
RELEASE_FILE = "deploy/k8s/overlays/{}/release/kustomization.yaml"


def _load(text: str) -> Any:
    return YAML(typ="safe").load(text)


def _jobs(spec: Path) -> dict[str, Any]:
    jobs: dict[str, Any] = _load(compile_spec(spec).texts()[".github/workflows/cd.yml"])["jobs"]
    return jobs


def _copy(tmp_path: Path, old: str = "", new: str = "") -> Path:
    """The serving example in ``tmp_path`` (its spec with ``old`` replaced by ``new``)."""
    shutil.copytree(SERVING.parent, tmp_path / "serving")
    spec = tmp_path / "serving" / "mlops.yaml"
    text = spec.read_text(encoding="utf-8")
    assert old in text
    spec.write_text(text.replace(old, new, 1), encoding="utf-8")
    return spec


def _names(job: dict[str, Any]) -> list[str]:
    return [step["name"] for step in job["steps"]]


def test_each_environment_is_released_to_its_overlay_in_order() -> None:
    """Old code: cd.yml pushed `IMAGE@sha256:...` and nothing wrote it anywhere Argo CD looks."""
    jobs = _jobs(SERVING)
    staging, production = jobs["deploy-staging"], jobs["deploy-production"]
    assert _names(staging) == ["Check out", "Commit the release to the overlay", "Smoke check"]
    assert _names(production)[:3] == [
        "Check out",
        "Commit the release to the overlay",
        "Smoke check",
    ]
    assert production["needs"] == ["image-serve", "promote", "deploy-staging"]
    release = staging["steps"][1]
    assert release["run"] == RELEASE
    assert f"python3 {RELEASE_SCRIPT}\n" in RELEASE
    assert release["env"] == {
        "ENVIRONMENT": "staging",
        "IMAGE": "${{ needs.image-serve.outputs.ref }}",
        "MODEL_NAME": "serving-digits",
        "MODEL_VERSION": "${{ needs.promote.outputs.version }}",
        "MODEL_URI": "${{ needs.promote.outputs.model_uri }}",
        "BRANCH": "main",
        "GH_TOKEN": "${{ github.token }}",
    }
    checkout = staging["steps"][0]["with"]
    assert checkout == {"persist-credentials": False, "ref": "main"}


def test_only_the_release_jobs_may_write_contents() -> None:
    """Least privilege: `contents: write` on the jobs that commit a release, nowhere else."""
    jobs = _jobs(SERVING)
    writers = {
        name: job["permissions"]
        for name, job in jobs.items()
        if "write" in job["permissions"].values()
    }
    assert writers == {
        "image-serve": {"contents": "read", "packages": "write"},
        "deploy-staging": {"contents": "write"},
        "deploy-production": {"contents": "write"},
    }


def test_the_overlay_includes_a_release_component_compile_writes_once() -> None:
    tree = compile_spec(SERVING)
    overlay = _load(tree.files["deploy/k8s/overlays/staging/kustomization.yaml"].text)
    assert overlay["components"] == ["release"]
    assert "images" not in overlay  # the image is the release's to set
    release = tree.files[RELEASE_FILE.format("staging")]
    assert release.mode == "seed"
    assert _load(release.text) == {
        "apiVersion": "kustomize.config.k8s.io/v1alpha1",
        "kind": "Component",
        "images": [{"name": "ghcr.io/acme/serving-digits-serve", "newTag": "1.1.0-rc.1"}],
    }
    assert _load(tree.files[RELEASE_FILE.format("production")].text)["images"] == [
        {"name": "ghcr.io/acme/serving-digits-serve", "newTag": "1.0.0"}
    ]


def test_a_compile_never_undoes_a_release(tmp_path: Path) -> None:
    """The release file is cd.yml's once written: compile and --check leave a release alone."""
    spec = _copy(tmp_path)
    assert main(["compile", "-q", "-f", str(spec)]) == 0
    released = spec.parent / RELEASE_FILE.format("staging")
    text = released.read_text(encoding="utf-8").replace(
        "newTag: 1.1.0-rc.1", "digest: sha256:" + "a" * 64
    )
    released.write_text(text, encoding="utf-8")
    assert main(["compile", "-q", "-f", str(spec)]) == 0
    assert main(["compile", "--check", "-q", "-f", str(spec)]) == 0
    assert released.read_text(encoding="utf-8") == text


def test_a_hook_runs_after_the_release_commit_with_it_as_an_input(tmp_path: Path) -> None:
    """Hooks and GitOps are one path: the hook of a released environment comes after the commit
    and is handed it (`RELEASE_COMMIT`), with the same digest and model version."""
    spec = _copy(
        tmp_path,
        "    - environment: staging ",
        "    - environment: staging\n      command: argocd app wait serving-digits-staging\n#",
    )
    staging = _jobs(spec)["deploy-staging"]
    assert _names(staging) == [
        "Check out",
        "Commit the release to the overlay",
        "Deploy",
        "Smoke check",
    ]
    hook = staging["steps"][2]
    assert hook["env"]["RELEASE_COMMIT"] == "${{ steps.release.outputs.commit }}"
    assert hook["env"]["IMAGE"] == "${{ needs.image-serve.outputs.ref }}"
    assert hook["env"]["MODEL_URI"] == "${{ needs.promote.outputs.model_uri }}"


def test_an_mlflow_image_serves_the_pinned_model_uri_never_an_alias() -> None:
    """Old code: `mlflow models serve --model-uri models:/NAME@champion`, resolved at pod start."""
    for example, name in (
        ("quickstart", "docker/serve.Dockerfile"),
        ("advanced", "docker/Dockerfile.serve"),
    ):
        text = compile_spec(ROOT / "examples" / example / "mlops.yaml").files[name].text
        command = text.splitlines()[-1]
        assert command.startswith(
            'CMD ["sh", "-c", "exec mlflow models serve --model-uri \\"${MODEL_URI:?'
        )
        assert "@" not in command
