"""Dockerfiles `images` can say are modelled, not carried: `images.train` and `images.serve`.

The generated Dockerfile is stricter than the original (a virtual environment in a build
stage, a numeric non-root user, a health probe): the report lists each difference, and
`--keep-behaviour` carries such files as they are instead. Anything `images` cannot say keeps
the file verbatim, and the report says why.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from owning_tools import ToolEnv, hadolint
from support import run_cli, write_tree

from mlops_compiler.commands.importer import import_report, import_repository
from mlops_compiler.commands.importer.docker_model import model_dockerfile
from mlops_compiler.commands.importer.readers import parse_text
from mlops_compiler.load.loader import load_spec_bytes

TRAIN = """\
FROM python:3.11-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["dvc", "repro"]
"""
SERVE = """\
FROM python:3.11-slim
COPY requirements.txt .
RUN pip install -U pip && pip install --no-cache-dir -r requirements.txt
COPY src/ src/
EXPOSE 8000
HEALTHCHECK CMD curl -f http://localhost:8000/healthz || exit 1
CMD ["uvicorn", "src.app:app", "--host", "0.0.0.0", "--port", "8000"]
"""
REPO = {
    "requirements.txt": "dvc>=3\nscikit-learn\n",
    "Dockerfile": TRAIN,
    "docker/serve.Dockerfile": SERVE,
    "Dockerfile.dev": "FROM python:3.11\nRUN apt-get update && apt-get install -y git\n",
}


def _spec(root: Path, *, keep_behaviour: bool = False) -> dict[str, object]:
    text = import_repository(root, keep_behaviour=keep_behaviour).spec_text
    data: dict[str, object] = load_spec_bytes(text.encode(), root / "mlops.yaml").data
    return data


def test_a_training_and_a_serving_dockerfile_become_images(tmp_path: Path) -> None:
    spec = _spec(write_tree(tmp_path, REPO))
    assert spec["project"] == {
        "name": tmp_path.name.lower(),
        "python": "3.11",  # the base image's: the generated images and workflows agree
        "requirements": "requirements.txt",
    }
    assert spec["images"] == {
        "base": "python:3.11-slim",
        "train": {"dockerfile": "Dockerfile", "command": ["dvc", "repro"]},
        "serve": {
            "dockerfile": "docker/serve.Dockerfile",
            "port": 8000,
            "server": {
                "kind": "command",
                "command": ["uvicorn", "src.app:app", "--host", "0.0.0.0", "--port", "8000"],
                "health_path": "/healthz",
            },
            "copy_paths": ["src/"],
        },
    }
    assert list(spec["files"]) == ["Dockerfile.dev"]  # type: ignore[call-overload]


def test_the_report_lists_what_differs_and_why_a_file_stays_verbatim(tmp_path: Path) -> None:
    report = import_report(import_repository(write_tree(tmp_path, REPO)), check=True)
    assert report == (
        "mlops import --check: 1 of 3 file(s) round-trip exactly, 2 modelled anew"
        " (nothing written)\n"
        "  taken over (compiling mlops.yaml reproduces each one exactly, as data):\n"
        "    exact  Dockerfile.dev  verbatim under `files:` (why: below)\n"
        "  modelled (compile writes them anew from mlops.yaml, stricter than before;"
        " `--keep-behaviour` carries them as they are instead):\n"
        "    Dockerfile: images.train\n"
        "      differs: installs into a virtual environment (/opt/venv) in a separate build"
        " stage\n"
        "      differs: sets PATH, HOME=/tmp, PYTHONDONTWRITEBYTECODE=1 and PYTHONUNBUFFERED=1\n"
        "      differs: runs as uid:gid 10001:10001, not root (non-root)\n"
        "      differs: configures DVC for an image without git (core.no_scm)\n"
        "    docker/serve.Dockerfile: images.serve\n"
        "      differs: installs into a virtual environment (/opt/venv) in a separate build"
        " stage\n"
        "      differs: sets PATH, HOME=/tmp, PYTHONDONTWRITEBYTECODE=1 and PYTHONUNBUFFERED=1\n"
        "      differs: runs as uid:gid 10001:10001, not root (non-root)\n"
        "  verbatim (carried under `files:` as they are):\n"
        "    Dockerfile.dev: RUN apt-get update && apt-get install -y git: `images` installs"
        " Python requirements only (`pip install`)\n"
        "  compile will also create: .dockerignore, .gitattributes\n"
    )


def test_a_numeric_user_is_kept_and_not_listed_as_a_difference(tmp_path: Path) -> None:
    serve = SERVE.replace("EXPOSE 8000\n", "EXPOSE 8000\nUSER 1000\n")
    root = write_tree(tmp_path, {"requirements.txt": "fastapi\n", "Dockerfile": serve})
    result = import_repository(root)
    (image,) = [source.image for source in result.adopted if source.image is not None]
    assert (image.name, image.uid) == ("serve", 1000)
    assert not any("non-root" in difference for difference in image.differences)
    instructions = parse_text(result.tree.files["Dockerfile"].text, "Dockerfile", "dockerfile")
    assert ["USER", [], "1000:1000"] in instructions


def test_keep_behaviour_carries_them_as_they_are(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_tree(tmp_path, REPO)
    spec = _spec(root, keep_behaviour=True)
    assert "images" not in spec
    assert sorted(spec["files"]) == [  # type: ignore[call-overload]
        "Dockerfile",
        "Dockerfile.dev",
        "docker/serve.Dockerfile",
    ]
    assert run_cli(capsys, "import", "--keep-behaviour", str(root)).exit_code == 0
    assert "images:" not in (root / "mlops.yaml").read_text(encoding="utf-8")


def test_import_compile_check_and_hadolint_on_the_modelled_images(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], isolated_tool_env: ToolEnv
) -> None:
    root = write_tree(tmp_path, REPO)
    assert run_cli(capsys, "import", str(root)).exit_code == 0
    spec = str(root / "mlops.yaml")
    assert run_cli(capsys, "compile", "-f", spec).exit_code == 0
    assert run_cli(capsys, "compile", "--check", "-f", spec).exit_code == 0
    assert (root / "Dockerfile").read_text(encoding="utf-8").count("FROM ") == 2
    for path in ("Dockerfile", "docker/serve.Dockerfile"):
        result = hadolint(root / path, env=isolated_tool_env)
        assert result.ok, result


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (
            'FROM python:3.11 AS build\nFROM python:3.11-slim\nCMD ["x"]\n',
            "a second FROM (a multi-stage build): `images` writes its own two stages",
        ),
        ('FROM python\nCMD ["x"]\n', "FROM python: `images.base` needs a tag (`python:3.11-slim`)"),
        (
            'FROM python:3.11\nENV FOO=1\nCMD ["x"]\n',
            "ENV FOO: `images` sets no environment variables of its own",
        ),
        (
            "FROM python:3.11\nEXPOSE 80\nCMD python a.py && python b.py\n",
            "CMD python a.py && python b.py: a shell command; `images` runs exec form",
        ),
        (
            "FROM python:3.11\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n"
            'CMD ["python", "train.py"]\n',
            "a training image (no EXPOSE) runs DVC, and requirements.txt does not install dvc;"
            " give it an EXPOSE if it serves, or add dvc to the requirements",
        ),
        ('FROM python:3.11\nARG X=1\nCMD ["x"]\n', "ARG X=1: `images` cannot say it"),
    ],
)
def test_what_images_cannot_say_keeps_the_file_verbatim(text: str, why: str) -> None:
    instructions = parse_text(text, "Dockerfile", "dockerfile")
    assert model_dockerfile("Dockerfile", instructions, lambda _: "numpy\n") == why


def test_an_existing_dockerignore_is_kept_and_the_dockerfiles_are_still_modelled(
    tmp_path: Path,
) -> None:
    # It used to keep every modelled Dockerfile verbatim ("`images` writes its own").
    root = write_tree(tmp_path, {**REPO, ".dockerignore": ".git\ndata/\n"})
    result = import_repository(root)
    assert {s.path: s.verbatim for s in result.adopted if s.kind == "file"} == {
        "Dockerfile.dev": "RUN apt-get update && apt-get install -y git: `images` installs"
        " Python requirements only (`pip install`)",
    }
    assert result.seeded == (".dockerignore",)
    images = [source.image for source in result.adopted if source.image is not None]
    assert len(images) == 2
    for image in images:
        assert image.differences[-1] == (
            "builds with the repository's .dockerignore, kept as it is (`mode: seed`), not the"
            " one `images` writes (which also keeps history, local stores and secrets out of"
            " the context)"
        )
    assert _spec(root)["overrides"][".dockerignore"] == {"mode": "seed"}
