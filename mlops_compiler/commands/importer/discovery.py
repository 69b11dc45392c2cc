"""Find the configuration files of a repository: every dvc.yaml, MLproject and the rest.

The walk never follows symbolic links and skips what is not the project's own configuration:
version control, DVC's cache, virtual environments and tool caches. In hidden folders other
than `.github` only Dockerfiles are looked for (`.devcontainer/Dockerfile`).
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import field
from pathlib import Path

from mlops_compiler.dataclass import dataclass
from mlops_compiler.families.layout.lower import DOCKERFILE

SKIPPED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".mlops",
        "node_modules",
        "__pycache__",
        "venv",
        ".venv",
        "site-packages",
        ".dvc",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".ipynb_checkpoints",
    }
)
"""Never walked into: version control, tool caches, environments (a `.dvc/config` is found from
its parent folder)."""
PIPELINE_NAMES = ("dvc.yaml", "dvc.yml")
ENV_FILE_NAMES = ("conda.yaml", "conda.yml", "python_env.yaml", "python_env.yml")
MAX_FILES = 200_000


@dataclass
class Found:
    """Configuration files under the root, as sorted POSIX paths relative to it."""

    pipelines: list[str] = field(default_factory=list)
    mlprojects: list[str] = field(default_factory=list)
    params_files: list[str] = field(default_factory=list)
    """Every `params.yaml`; those no pipeline reads are reported, not imported."""
    env_files: list[str] = field(default_factory=list)
    """Every conda/python_env file; those no MLproject names are reported, not imported."""
    dvc_configs: list[str] = field(default_factory=list)
    """`.dvc/config` at the root and in folders that are DVC repositories of their own."""
    dockerfiles: list[str] = field(default_factory=list)
    workflows: list[str] = field(default_factory=list)


def discover(root: Path) -> Found:
    """Walk ``root`` (never following links) and sort what is found by kind."""
    found = Found()
    seen = 0
    for directory, dirnames, filenames in os.walk(root, followlinks=False):
        relative_dir = Path(directory).relative_to(root).as_posix()
        folder = "" if relative_dir == "." else relative_dir
        if ".dvc" in dirnames and (Path(directory) / ".dvc" / "config").is_file():
            found.dvc_configs.append(posixpath.join(folder, ".dvc/config"))
        dirnames[:] = sorted(name for name in dirnames if _walk_into(name))
        hidden = _hidden(folder)
        for name in sorted(filenames):
            seen += 1
            if seen > MAX_FILES:
                return found
            path = posixpath.join(folder, name)
            if (Path(directory) / name).is_symlink():
                continue
            if not hidden:
                _classify(found, folder, name, path)
            elif DOCKERFILE.match(name):
                found.dockerfiles.append(path)  # `.devcontainer/Dockerfile` builds an image too
    return found


def _walk_into(name: str) -> bool:
    return name not in SKIPPED_DIRS and not name.endswith(".egg-info")


def _hidden(folder: str) -> bool:
    """A folder under a hidden one (`.devcontainer/`, `.archive/`), other than `.github/`:
    only Dockerfiles are looked for there; the rest is not the project's configuration."""
    parts = folder.split("/") if folder else []
    if parts[:1] == [".github"]:
        parts = parts[1:]
    return any(part.startswith(".") for part in parts)


def _classify(found: Found, folder: str, name: str, path: str) -> None:
    if name in PIPELINE_NAMES:
        found.pipelines.append(path)
    elif name.lower() == "mlproject":
        found.mlprojects.append(path)
    elif name == "params.yaml":
        found.params_files.append(path)
    elif name in ENV_FILE_NAMES:
        found.env_files.append(path)
    elif DOCKERFILE.match(name):
        found.dockerfiles.append(path)
    elif folder == ".github/workflows" and name.endswith((".yml", ".yaml")):
        found.workflows.append(path)
