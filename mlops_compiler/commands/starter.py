"""`mlops init`: a starter mlops.yaml for the repository in a folder, from what is already there.

It looks for the Python version (.python-version, runtime.txt, pyproject's requires-python),
the requirements (requirements.txt, or pyproject's dependencies), a training script and data
folders, and says in a comment where each value came from. The result always validates; the
CLI writes it only where no mlops.yaml exists.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
import unicodedata
from dataclasses import field
from pathlib import Path
from typing import Any

from mlops_compiler.dataclass import dataclass
from mlops_compiler.load.scalars import resolve_plain_scalar
from mlops_compiler.load.yaml11 import yaml11_trap
from mlops_compiler.spec.base import NAME_RE

DATA_FOLDERS = ("data", "datasets", "dataset", "raw_data", "input")
TRAIN_SCRIPTS = ("src/train.py", "train.py", "scripts/train.py", "training/train.py")
_VERSION = re.compile(r"3\.\d{1,2}")


@dataclass
class Findings:
    """What the folder told us, each value with the file it came from (None: a default)."""

    name: str
    python: tuple[str, str | None]
    requirements: str | None = None
    dependencies: list[str] = field(default_factory=list)
    dependencies_from: str | None = None
    script: str | None = None
    data: list[str] = field(default_factory=list)


def inspect_folder(root: Path) -> Findings:
    """Look around ``root`` (never below the first level of folders)."""
    pyproject = _pyproject(root / "pyproject.toml")
    findings = Findings(name=project_name(root.resolve().name), python=_python(root, pyproject))
    if (root / "requirements.txt").is_file():
        findings.requirements = "requirements.txt"
    else:
        listed = pyproject.get("project", {}).get("dependencies", [])
        if isinstance(listed, list) and all(isinstance(item, str) for item in listed):
            findings.dependencies = [item for item in listed if item.strip()]
            findings.dependencies_from = "pyproject.toml" if findings.dependencies else None
    findings.script = next((s for s in TRAIN_SCRIPTS if (root / s).is_file()), None)
    findings.data = [name for name in DATA_FOLDERS if (root / name).is_dir()]
    return findings


def project_name(folder: str) -> str:
    """A valid project name from a folder name (`My Project!` -> `my-project`)."""
    ascii_name = unicodedata.normalize("NFKD", folder).encode("ascii", "ignore").decode()
    name = re.sub(r"[^a-z0-9_-]+", "-", ascii_name.lower()).strip("-_")
    return name if name and NAME_RE.match(name) else "ml-project"


def _pyproject(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}


def _python(root: Path, pyproject: dict[str, Any]) -> tuple[str, str | None]:
    for name in (".python-version", "runtime.txt"):
        path = root / name
        if path.is_file():
            found = _VERSION.search(path.read_text(encoding="utf-8", errors="replace"))
            if found:
                return found.group(), name
    requires = pyproject.get("project", {}).get("requires-python")
    found = _VERSION.search(requires) if isinstance(requires, str) else None
    if found:
        return found.group(), "pyproject.toml (requires-python)"
    return f"{sys.version_info.major}.{sys.version_info.minor}", None


def starter_spec(findings: Findings, schema_ref: str) -> str:
    """The text of the starter mlops.yaml."""
    said = _Comments()
    lines = [
        f"# yaml-language-server: $schema={schema_ref}",
        "# The one file mlops-compiler reads: edit it, then run `mlops compile`.",
        "# Every key is documented in the schema above (hover in an editor) and in docs/spec.md.",
        "version: 1",
        "",
        "project:",
        f"  name: {_plain(findings.name)}",
        said(f'  python: "{findings.python[0]}"', findings.python[1] or "this interpreter"),
    ]
    if findings.requirements:
        lines.append(said(f"  requirements: {findings.requirements}", "found"))
    elif findings.dependencies:
        lines.append(said("  dependencies:", f"from {findings.dependencies_from}"))
        lines += [f"    - {json.dumps(item)}" for item in findings.dependencies]
    script = findings.script or "src/train.py"
    deps = [script, *findings.data]
    lines += [
        "",
        "params:                     # written to params.yaml; your scripts read it",
        "  train:",
        "    seed: 42",
        "",
        "pipeline:",
        "  stages:",
        "    train:",
        said(
            f"      cmd: python {script}", "found" if findings.script else "your training command"
        ),
        said(f"      deps: [{', '.join(deps)}]", "the script and the data it reads"),
        "      params: [train.seed]",
        "      outs: [models]",
        "",
        "tracking:                   # MLflow; params.yaml gets an `mlflow:` block",
        f"  experiment: {_plain(findings.name)}",
        "",
        "# data:                     # where `dvc push` stores data: uncomment and set a bucket",
        "#   remotes:",
        f"#     storage: {{kind: s3, url: s3://my-bucket/{findings.name}}}",
    ]
    return "\n".join(lines) + "\n"


def _plain(text: str) -> str:
    """``text`` unquoted when every YAML reader reads it as that string, else quoted."""
    try:
        plain = resolve_plain_scalar(text) == text and yaml11_trap(text, text) is None
    except ValueError:
        plain = False
    return text if plain else json.dumps(text)


class _Comments:
    """Aligns trailing comments at one column."""

    COLUMN = 29

    def __call__(self, line: str, comment: str) -> str:
        return f"{line:<{self.COLUMN - 1}} # {comment}"
