"""The wheel carries what an installed `mlops` needs, and installs `mlops` as a plain script."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COMPILED = ROOT / "mlops_compiler" / "compiled_templates"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[zipfile.ZipFile]:
    """The wheel of this checkout, built once for the module."""
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(folder)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    [built] = folder.glob("*.whl")
    with zipfile.ZipFile(built) as archive:
        yield archive


def test_the_wheel_contains_templates_their_compiled_set_and_the_schema(
    wheel: zipfile.ZipFile,
) -> None:
    names = set(wheel.namelist())
    templates = {p.relative_to(ROOT).as_posix() for p in (ROOT / "templates").rglob("*.jinja")}
    assert {f"mlops_compiler/{name}" for name in templates} <= names
    assert "mlops_compiler/schemas/mlops.schema.json" in names
    assert "mlops_compiler/cli/main.py" in names
    compiled = {p.relative_to(ROOT).as_posix() for p in COMPILED.glob("*.py")}
    assert compiled <= names  # else an installed compile parses every template on each run


def test_the_wheel_installs_mlops_as_a_plain_script(wheel: zipfile.ZipFile) -> None:
    """Installers rewrite `#!python`; an entry point of the same name would clash with it."""
    [script] = [info for info in wheel.infolist() if info.filename.endswith("/scripts/mlops")]
    assert wheel.read(script).splitlines()[0] == b"#!python"
    assert script.external_attr >> 16 & 0o111 == 0o111
    entry_points = [name for name in wheel.namelist() if name.endswith("entry_points.txt")]
    assert all(b"mlops =" not in wheel.read(name) for name in entry_points)
