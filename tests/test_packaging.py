"""The wheel carries the templates, their compiled set and the schema: `mlops` works anywhere."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMPILED = ROOT / "mlops_compiler" / "compiled_templates"


def test_the_wheel_contains_templates_and_schema(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    [wheel] = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = {p.relative_to(ROOT).as_posix() for p in (ROOT / "templates").rglob("*.jinja")}
    assert {f"mlops_compiler/{name}" for name in templates} <= names
    assert "mlops_compiler/schemas/mlops.schema.json" in names
    assert "mlops_compiler/cli.py" in names
    compiled = {p.relative_to(ROOT).as_posix() for p in COMPILED.glob("*.py")}
    assert compiled <= names  # else an installed compile parses every template on each run
