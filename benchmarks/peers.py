"""The peers, side by side: cookiecutter, copier and projen doing comparable work.

Comparable work: each writes the files our largest example generates (its manifest lists
them), with the project name filled in, into a folder that has none of them. cookiecutter and
copier render a template of those files (their text inside `{% raw %}`, a name variable on
top), so they read, render and write what we write, without validating anything. projen has
no template form: its `synth` of a small Node project with a GitHub workflow (about as many
files) stands in, as the issue measured it.

The tools are installed on first use into `benchmarks/.peers/` (git-ignored): a venv from
PyPI for cookiecutter and copier, and projen from the npm registry. A tool that cannot be
installed is reported as such and left out; nothing here runs in the test suite.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

CACHE = Path(__file__).resolve().parent / ".peers"
PYTHON_PEERS = ("cookiecutter>=2.6,<3", "copier>=9.4,<10")
PROJEN = "projen@0.103"

PROJENRC = """\
const { javascript } = require('projen');
new javascript.NodeProject({
  name: 'bench', defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  github: true, buildWorkflow: true, release: false, jest: false, package: false,
}).synth();
"""


@dataclass(frozen=True)
class PeerRun:
    """How to run one peer: the command, where, and what to clear before each run."""

    name: str
    argv: list[str]
    cwd: Path
    output: Path
    env: dict[str, str] | None = None
    keep: tuple[str, ...] = ()


def prepare(scratch: Path, example: Path) -> tuple[list[PeerRun], list[str]]:
    """The peers that could be installed, set up in ``scratch``; and why any could not."""
    runs: list[PeerRun] = []
    problems: list[str] = []
    files = _generated_files(example)
    try:
        venv = _python_peers()
    except subprocess.CalledProcessError as exc:
        problems.append(f"cookiecutter/copier: install failed ({exc})")
    else:
        runs.append(_cookiecutter(venv, scratch, files))
        runs.append(_copier(venv, scratch, files))
    try:
        runs.append(_projen(_node_peers(), scratch))
    except (OSError, subprocess.CalledProcessError) as exc:
        problems.append(f"projen: needs node and npm ({exc})")
    return runs, problems


def clear(run: PeerRun) -> None:
    """Remove what the last run wrote, so each run starts from the same state."""
    if not run.output.exists():
        return
    if not run.keep:
        shutil.rmtree(run.output)
        return
    for entry in run.output.iterdir():
        if entry.name not in run.keep:
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()


def _generated_files(example: Path) -> dict[str, str]:
    manifest = json.loads((example / ".mlops/manifest.json").read_text(encoding="utf-8"))
    return {path: (example / path).read_text(encoding="utf-8") for path in manifest["files"]}


def _python_peers() -> Path:
    venv = CACHE / "venv"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*pip, *PYTHON_PEERS], check=True)
    return venv / "bin"


def _node_peers() -> Path:
    node = CACHE / "node"
    if not (node / "node_modules" / "projen").is_dir():
        node.mkdir(parents=True, exist_ok=True)
        npm = ["npm", "install", "--no-audit", "--no-fund", "--silent", PROJEN]
        subprocess.run(npm, cwd=node, check=True)
    return node / "node_modules"


def _template_text(text: str, variable: str) -> str:
    """``text`` verbatim, after a first line that makes the tool fill in one variable."""
    return f"# project: {{{{ {variable} }}}}\n{{% raw %}}{text}{{% endraw %}}"


def _cookiecutter(venv: Path, scratch: Path, files: dict[str, str]) -> PeerRun:
    template = scratch / "cookiecutter-template"
    root = template / "{{cookiecutter.project_name}}"
    for relative, text in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_template_text(text, "cookiecutter.project_name"), encoding="utf-8")
    (template / "cookiecutter.json").write_text('{"project_name": "bench"}\n', encoding="utf-8")
    output = scratch / "cookiecutter-out"
    argv = [str(venv / "cookiecutter"), "--no-input", "-f", "-o", str(output), str(template)]
    return PeerRun("cookiecutter (same files)", argv, scratch, output)


def _copier(venv: Path, scratch: Path, files: dict[str, str]) -> PeerRun:
    template = scratch / "copier-template"
    for relative, text in files.items():
        target = template / f"{relative}.jinja"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_template_text(text, "project_name"), encoding="utf-8")
    (template / "copier.yml").write_text(
        "project_name: {type: str, default: bench}\n_templates_suffix: .jinja\n", encoding="utf-8"
    )
    output = scratch / "copier-out"
    copier = str(venv / "copier")
    argv = [copier, "copy", "--defaults", "--overwrite", "--quiet", str(template), str(output)]
    return PeerRun("copier (same files)", argv, scratch, output)


def _projen(modules: Path, scratch: Path) -> PeerRun:
    project = scratch / "projen-project"
    project.mkdir()
    (project / ".projenrc.js").write_text(PROJENRC, encoding="utf-8")
    env = {**os.environ, "NODE_PATH": str(modules), "PROJEN_DISABLE_POST": "true"}
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    argv = ["node", ".projenrc.js"]
    # One untimed synth first: it writes package.json, which later runs keep.
    subprocess.run(argv, cwd=project, env=env, check=True, capture_output=True)
    keep = (".projenrc.js", ".git", "package.json")
    return PeerRun("projen synth (Node project)", argv, project, project, env, keep)
