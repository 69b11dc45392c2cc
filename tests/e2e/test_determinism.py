"""Same spec, same bytes: on every machine, in every locale, timezone, hash seed and umask."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p.parent for p in ROOT.glob("examples/*/mlops.yaml"))


def _locale_available(name: str) -> bool:
    listed = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False).stdout
    return name.lower().replace("-", "") in listed.lower().replace("-", "").split()


TURKISH = "tr_TR.UTF-8" if _locale_available("tr_TR.UTF-8") else "C.UTF-8"
ENVIRONMENTS = [
    {"PYTHONHASHSEED": "0", "LC_ALL": "C", "TZ": "UTC", "umask": "022"},
    {"PYTHONHASHSEED": "1", "LC_ALL": "C.UTF-8", "TZ": "Asia/Kathmandu", "umask": "077"},
    {"PYTHONHASHSEED": "4242", "LC_ALL": TURKISH, "TZ": "America/St_Johns", "umask": "002"},
]


def compile_in(copy: Path, settings: dict[str, str]) -> dict[str, bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LANGUAGE")}
    env.update({k: v for k, v in settings.items() if k != "umask"})
    script = (
        f"import os, sys; os.umask(0o{settings['umask']});"
        " from mlops_compiler.cli.main import main; sys.exit(main(sys.argv[1:]))"
    )
    subprocess.run(
        [sys.executable, "-c", script, "compile", "-f", str(copy / "mlops.yaml")],
        env=env,
        check=True,
        capture_output=True,
    )
    return {
        p.relative_to(copy).as_posix(): p.read_bytes()
        for p in sorted(copy.rglob("*"))
        if p.is_file() and "compile.lock" not in p.name
    }


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_output_bytes_do_not_depend_on_the_environment(example: Path, tmp_path: Path) -> None:
    results = []
    for index, settings in enumerate(ENVIRONMENTS):
        copy = tmp_path / f"run{index}"
        # Without the manifest: each run adopts the committed files and records them afresh.
        shutil.copytree(example, copy, ignore=shutil.ignore_patterns(".mlops"))
        results.append(compile_in(copy, settings))
    assert results[0] == results[1] == results[2]
    assert results[0] == {
        path: (example / path).read_bytes() for path in results[0] if (example / path).is_file()
    }
