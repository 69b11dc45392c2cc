"""Find the configuration files of a repository: every dvc.yaml, MLproject and the rest.

The walk never follows symbolic links and skips what is not the project's own configuration:
version control, DVC's cache, virtual environments, and hidden folders other than `.github`.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

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
    }
)
PIPELINE_NAMES = ("dvc.yaml", "dvc.yml")
ENV_FILE_NAMES = ("conda.yaml", "conda.yml", "python_env.yaml", "python_env.yml")
_DOCKERFILE = re.compile(r"^(Dockerfile(\..+)?|.+\.Dockerfile)$")
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
        dirnames[:] = sorted(name for name in dirnames if _walk_into(folder, name))
        for name in sorted(filenames):
            seen += 1
            if seen > MAX_FILES:
                return found
            path = posixpath.join(folder, name)
            if (Path(directory) / name).is_symlink():
                continue
            _classify(found, folder, name, path)
    return found


def _walk_into(folder: str, name: str) -> bool:
    if name in SKIPPED_DIRS or name.endswith(".egg-info"):
        return False
    if name == ".github" and not folder:
        return True
    return not name.startswith(".")


def _classify(found: Found, folder: str, name: str, path: str) -> None:
    if name in PIPELINE_NAMES:
        found.pipelines.append(path)
    elif name.lower() == "mlproject":
        found.mlprojects.append(path)
    elif name == "params.yaml":
        found.params_files.append(path)
    elif name in ENV_FILE_NAMES:
        found.env_files.append(path)
    elif _DOCKERFILE.match(name):
        found.dockerfiles.append(path)
    elif folder == ".github/workflows" and name.endswith((".yml", ".yaml")):
        found.workflows.append(path)
