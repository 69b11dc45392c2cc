"""`mlops build` says clearly when no Docker engine is reachable, and what it cannot build."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_compiler.cli.main import main

SPEC = """\
version: 1
project: {name: shop, dependencies: [mlflow>=2.12]}
tracking: {registered_model: shop-model}
images: {serve: {}}
"""


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    (tmp_path / "mlops.yaml").write_text(SPEC, encoding="utf-8")
    assert main(["compile", "-f", str(tmp_path / "mlops.yaml")]) == 0
    capsys.readouterr()
    return tmp_path


def test_no_engine_is_exit_4_with_where_it_looked(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    socket = project / "no-such-docker.sock"
    monkeypatch.setenv("DOCKER_HOST", f"unix://{socket}")
    assert main(["build", "-f", str(project / "mlops.yaml")]) == 4
    err = capsys.readouterr().err
    first, hint = err.splitlines()[0], err.splitlines()[-1]
    assert first.startswith(f"mlops: error: no Docker engine is reachable at unix://{socket}: ")
    assert hint == ("  hint: start Docker (or point DOCKER_HOST at a running engine) and try again")


def test_an_image_the_spec_does_not_declare_is_a_usage_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "train", "-f", str(project / "mlops.yaml")]) == 2
    assert capsys.readouterr().err == (
        f"mlops: error: {project / 'mlops.yaml'} declares no `train` image\n"
        "  hint: declare it under `images:` in the spec\n"
    )
