"""Each command imports only what it needs: start-up time is paid on every commit.

Checked in a fresh interpreter per command, from ``sys.modules`` after the command ran.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = sorted(Path(__file__).resolve().parents[2].glob("examples/*/mlops.yaml"))
VERIFICATION_TOOLS = {"dvc", "mlflow", "docker", "ruamel"}
FAMILY_MODULES = {
    "monitoring": {
        "mlops_compiler.families.monitoring.ir",
        "mlops_compiler.families.monitoring.lower",
        "mlops_compiler.families.monitoring.checks",
        "mlops_compiler.families.monitoring.targets",
        "mlops_compiler.families.monitoring.documents",
        "mlops_compiler.families.monitoring.rules",
    },
    "deploy": {
        "mlops_compiler.families.deploy.ir",
        "mlops_compiler.families.deploy.lower",
        "mlops_compiler.families.deploy.checks",
        "mlops_compiler.families.deploy.targets",
        "mlops_compiler.families.deploy.documents",
    },
}


def modules_after(cwd: Path, *argv: str) -> set[str]:
    """Every module a fresh `mlops ARGV` process has imported when it is done."""
    program = (
        "import json, sys\n"
        "from mlops_compiler.entry import run\n"
        "try:\n"
        f"    code = run({list(argv)!r})\n"
        "except SystemExit as exc:\n"
        "    code = exc.code\n"
        "sys.__stderr__.write('\\nMODULES ' + json.dumps(sorted(sys.modules)))\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run([sys.executable, "-c", program], cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stderr.rsplit("\nMODULES ", 1)[1]))


def packages(modules: set[str]) -> set[str]:
    return {module.split(".")[0] for module in modules}


@pytest.fixture(params=EXAMPLES, ids=lambda path: path.parent.name)
def example(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(request.param.parent, copy)
    return copy


def test_help_imports_no_validation_rendering_or_yaml(tmp_path: Path) -> None:
    loaded = packages(modules_after(tmp_path, "--help"))
    assert not loaded & {"pydantic", "jinja2", "yaml", *VERIFICATION_TOOLS}


def test_validate_renders_nothing_so_imports_no_jinja(example: Path) -> None:
    loaded = packages(modules_after(example, "validate"))
    assert "pydantic" in loaded
    assert not loaded & {"jinja2", *VERIFICATION_TOOLS}


@pytest.mark.parametrize("argv", [("compile", "--check", "--no-fast"), ("compile", "--force")])
def test_a_full_compile_never_imports_the_verification_tools(
    example: Path, argv: tuple[str, ...]
) -> None:
    loaded = packages(modules_after(example, *argv))
    assert "jinja2" in loaded
    assert not loaded & VERIFICATION_TOOLS


@pytest.mark.parametrize("section", sorted(FAMILY_MODULES))
def test_a_family_loads_only_for_a_spec_with_its_section(example: Path, section: str) -> None:
    spec = (example / "mlops.yaml").read_text(encoding="utf-8")
    has_section = any(line.startswith(f"{section}:") for line in spec.splitlines())
    loaded = modules_after(example, "compile", "--check", "--no-fast")
    assert bool(loaded & FAMILY_MODULES[section]) == has_section
