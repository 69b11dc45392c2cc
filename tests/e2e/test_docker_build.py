"""`mlops build` against a real Docker engine: a generated Dockerfile builds, the log streams,
and the image runs as the numeric user, with the health check, port and command of the spec.

dockerd starts here (as root, offline); the base image is imported from busybox-static's rootfs
because no image can be pulled. Without dockerd the tests skip with the reason, and with
CI=true they fail instead: CI installs docker.io.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from dockerd import EngineStartError, busybox_base, docker_engine

from mlops_compiler.cli.main import main

BASE = "mlops-test-base:1"
SPEC = f"""\
version: 1
project:
  name: shop
  requirements: requirements.txt
tracking:
  registered_model: shop-model
images:
  base: "{BASE}"
  uid: 4242
  train: {{}}
  serve: {{port: 8081}}
"""

pytestmark = pytest.mark.tools


@dataclass(frozen=True)
class Engine:
    address: str
    client: Any


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A running dockerd with the busybox base image, and a Docker SDK client for it."""
    import docker

    root = Path(tmp_path_factory.mktemp("dockerd", numbered=True))
    try:
        with docker_engine(root) as address:
            client = docker.DockerClient(base_url=address, timeout=120)
            busybox_base(client, BASE)
            yield Engine(address, client)
            client.close()
    except EngineStartError as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"no Docker engine could start: {exc}")
        pytest.skip(f"no Docker engine could start: {exc}")


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    (tmp_path / "mlops.yaml").write_text(SPEC, encoding="utf-8")
    (tmp_path / "requirements.txt").write_text("mlflow>=2.12\n", encoding="utf-8")
    (tmp_path / "src").mkdir()
    (tmp_path / "src/train.py").write_text("print('train')\n", encoding="utf-8")
    assert main(["compile", "-f", str(tmp_path / "mlops.yaml")]) == 0
    capsys.readouterr()
    return tmp_path


def test_build_streams_the_log_and_makes_the_images(
    engine: Engine,
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DOCKER_HOST", engine.address)
    code = main(["build", "-f", str(project / "mlops.yaml"), "--tag", "t1"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "mlops: building shop-train:t1 from docker/train.Dockerfile\n" in out
    assert "pip stand-in: install --no-cache-dir -r requirements.txt" in out
    assert "dvc stand-in: config --system core.no_scm true" in out
    assert out.endswith("mlops: built shop-train:t1, shop-serve:t1\n")
    serve = engine.client.images.get("shop-serve:t1").attrs["Config"]
    assert serve["User"] == "4242:4242"
    assert serve["ExposedPorts"] == {"8081/tcp": {}}
    # The image serves the version it is deployed with, never an alias resolved at start.
    assert serve["Cmd"][:2] == ["sh", "-c"]
    assert serve["Cmd"][2].startswith('exec mlflow models serve --model-uri "${MODEL_URI:?')
    assert "@champion" not in serve["Cmd"][2]
    assert serve["Healthcheck"]["Test"][0] == "CMD"
    train = engine.client.images.get("shop-train:t1").attrs["Config"]
    assert train["User"] == "4242:4242"
    assert train["Cmd"] == ["dvc", "repro"]


def test_the_training_image_can_write_its_workdir(
    engine: Engine, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOCKER_HOST", engine.address)
    assert main(["build", "train", "-f", str(project / "mlops.yaml"), "--tag", "t2"]) == 0
    output = engine.client.containers.run(
        "shop-train:t2",
        [
            "sh",
            "-c",
            "id -u; id -un; stat -c %u /app; mkdir /app/data && echo writable; ls /app/src",
        ],
        network_mode="none",
        remove=True,
    )
    # `id -un`: the numeric user has a passwd entry (issue 13, finding 9: getpwuid() in DVC).
    assert output.decode().split() == ["4242", "mlops", "4242", "writable", "train.py"]


def test_a_stale_dockerfile_is_refused(
    engine: Engine,
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DOCKER_HOST", engine.address)
    dockerfile = project / "docker/serve.Dockerfile"
    dockerfile.write_text(dockerfile.read_text() + "RUN echo hand edit\n")
    assert main(["build", "serve", "-f", str(project / "mlops.yaml")]) == 2
    assert capsys.readouterr().err == (
        "mlops: error: docker/serve.Dockerfile is missing or differs from what mlops.yaml"
        " generates\n  hint: run `mlops compile` first\n"
    )
