"""Write the imported spec and the manifest that lets the next compile take the files over.

Only two files are written, through the writer (atomically, rolled back together on failure):
`mlops.yaml` and `.mlops/manifest.json`. The manifest records each imported file with the hash
of its bytes as they are now, so `mlops compile` recognises them as its own, unmodified, and
replaces them; a file edited after the import is a conflict, as with any generated file.
The imported files themselves are never touched here.
"""

from __future__ import annotations

from pathlib import Path

from mlops_compiler.commands.importer.roundtrip import SPEC_NAME
from mlops_compiler.commands.importer.session import ImportResult
from mlops_compiler.errors import RefusedError
from mlops_compiler.write.manifest import (
    MANIFEST_PATH,
    Manifest,
    ManifestEntry,
    content_hash,
    manifest_text,
)
from mlops_compiler.write.writer import Change, Plan, PlannedFile, apply_plan, safe_target


def write_import(result: ImportResult, *, force: bool = False) -> list[str]:
    """Write mlops.yaml and the manifest under the imported root; return what was written.

    Raises:
        RefusedError: mlops.yaml exists and ``force`` is not given.
    """
    root = result.root
    spec = safe_target(root, SPEC_NAME)
    old_spec = spec.read_bytes() if spec.is_file() else None
    if old_spec is not None and not force:
        raise RefusedError(
            f"{spec} already exists; `mlops import` never overwrites it",
            hint="`mlops import --check` shows what an import would do; `--force` replaces it"
            " (the old one is kept under .mlops/backup/)",
        )
    manifest_bytes = manifest_text(_manifest(result, root), SPEC_NAME).encode("utf-8")
    manifest_file = safe_target(root, MANIFEST_PATH)
    old_manifest = manifest_file.read_bytes() if manifest_file.is_file() else None
    files = (
        PlannedFile(
            SPEC_NAME,
            Change.CREATE if old_spec is None else Change.EDITED,
            result.spec_text.encode("utf-8"),
            old_spec,
        ),
        PlannedFile(
            MANIFEST_PATH,
            Change.CREATE if old_manifest is None else Change.UPDATE,
            manifest_bytes,
            old_manifest,
        ),
    )
    apply_plan(Plan(root, files), force=force)
    return [SPEC_NAME, MANIFEST_PATH]


def _manifest(result: ImportResult, root: Path) -> Manifest:
    """Every imported file at its current hash.

    Entries of an earlier manifest are not kept: a file the new spec does not generate must not
    become an orphan that the next compile deletes; it stays, no longer owned.
    """
    entries: dict[str, ManifestEntry] = {}
    for source in result.adopted:
        output = result.tree.files[source.path]
        current = safe_target(root, source.path).read_bytes()
        entries[source.path] = ManifestEntry(
            source.path, content_hash(current), output.section, output.template, "managed"
        )
    return Manifest(entries)
