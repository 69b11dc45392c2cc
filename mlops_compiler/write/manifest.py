"""The manifest: which files this compiler generated, and what their bytes were.

`.mlops/manifest.json` lists every generated path with the sha256 of its LF-normalised content,
the spec section and template that produced it, and its ownership mode. It is how compile
tells its own unmodified output (safe to replace or delete) from a person's edit (never
silently overwritten). Entries read from disk are untrusted: paths are re-checked by the writer.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from mlops_compiler import __version__
from mlops_compiler.dataclass import dataclass
from mlops_compiler.fingerprint import (
    GITIGNORE_PATH,
    GITIGNORE_TEXT,
    MANIFEST_PATH,
    content_hash,
    file_hash,
)

__all__ = [
    "GITIGNORE_PATH",
    "GITIGNORE_TEXT",
    "MANIFEST_PATH",
    "Manifest",
    "ManifestEntry",
    "content_hash",
    "file_hash",
    "manifest_text",
    "read_manifest",
]

MANIFEST_FORMAT = 1
Mode = Literal["managed", "seed"]


@dataclass(frozen=True)
class ManifestEntry:
    """One generated file as it was last written."""

    path: str
    sha256: str
    section: str
    template: str
    mode: Mode = "managed"


@dataclass(frozen=True)
class Manifest:
    """Every generated file, by path, and the inputs they were generated from."""

    entries: dict[str, ManifestEntry]
    generator_version: str = __version__
    inputs: dict[str, str] | None = None
    """sha256 of each input file (the spec first); the fast path of `--check` compares these."""
    templates: str = ""
    """A fingerprint of the template set that rendered the files."""

    def get(self, path: str) -> ManifestEntry | None:
        """The entry for ``path``, if this compiler generated it."""
        return self.entries.get(path)


def manifest_text(manifest: Manifest, spec_name: str) -> str:
    """The manifest as stable JSON (sorted paths, fixed key order, trailing newline)."""
    document = {
        "format": MANIFEST_FORMAT,
        "generator": "mlops-compiler",
        "generator_version": manifest.generator_version,
        "spec": spec_name,
        "templates": manifest.templates,
        "inputs": dict(manifest.inputs or {}),
        "files": {
            path: {
                "sha256": entry.sha256,
                "section": entry.section,
                "template": entry.template,
                "mode": entry.mode,
            }
            for path, entry in sorted(manifest.entries.items())
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def read_manifest(root: Path) -> tuple[Manifest, list[str]]:
    """The manifest under ``root`` (empty if absent), and warnings about entries ignored."""
    path = root / MANIFEST_PATH
    if path.is_symlink() or not path.is_file():
        return Manifest({}), []
    try:
        document = json.loads(path.read_bytes()[: 64 * 1024 * 1024])
    except (OSError, ValueError) as exc:
        return Manifest({}), [f"{MANIFEST_PATH} is unreadable ({exc}); treating it as empty"]
    files = document.get("files") if isinstance(document, dict) else None
    if not isinstance(files, dict):
        return Manifest({}), [f"{MANIFEST_PATH} has no `files`; treating it as empty"]
    entries: dict[str, ManifestEntry] = {}
    warnings: list[str] = []
    for relative, raw in files.items():
        entry = _entry(relative, raw)
        if entry is None:
            warnings.append(f"{MANIFEST_PATH}: ignoring malformed entry {relative!r}")
        else:
            entries[relative] = entry
    version = document.get("generator_version")
    return Manifest(entries, version if isinstance(version, str) else "unknown"), warnings


def _entry(relative: Any, raw: Any) -> ManifestEntry | None:
    if not isinstance(relative, str) or not isinstance(raw, dict):
        return None
    sha = raw.get("sha256")
    mode = raw.get("mode", "managed")
    if not isinstance(sha, str) or len(sha) != 64 or mode not in ("managed", "seed"):
        return None
    return ManifestEntry(
        path=relative,
        sha256=sha,
        section=str(raw.get("section", "")),
        template=str(raw.get("template", "")),
        mode=mode,
    )
