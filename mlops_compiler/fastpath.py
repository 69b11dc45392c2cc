"""The no-change fast path of `mlops compile --check`: hashes only, nothing heavy imported.

When the manifest says which inputs (spec, params files, template set, generator version)
produced which file hashes, and every one of them is unchanged on disk, the full compile would
find nothing to do. This path proves that with a few sha256 sums and exits, without importing
argparse, Pydantic, Jinja or a YAML library. Anything unexpected (other flags, a missing or
odd manifest, one changed byte) falls through to the full path, which has the last word;
`--no-fast` forces it (CI should use it: a hand-edited manifest can hide a stale file here).
"""

from __future__ import annotations

import json
import os
import sys

from mlops_compiler import __version__
from mlops_compiler.fingerprint import (
    GITIGNORE_PATH,
    GITIGNORE_TEXT,
    MANIFEST_PATH,
    content_hash,
    file_hash,
    templates_fingerprint,
)


def try_fast_check(argv: list[str]) -> int | None:
    """0 if `compile --check` provably finds nothing to do; None to run the full compile."""
    spec = _spec_of(argv)
    if spec is None:
        return None
    root = os.path.dirname(os.path.abspath(spec))
    try:
        with open(os.path.join(root, MANIFEST_PATH), "rb") as handle:
            manifest = json.loads(handle.read())
    except (OSError, ValueError):
        return None
    if not _unchanged(manifest, root, os.path.basename(spec)):
        return None
    files = manifest["files"]
    sys.stdout.write(f"mlops: {len(files)} generated file(s) up to date\n")
    return 0


def _spec_of(argv: list[str]) -> str | None:
    """The spec path if ``argv`` is exactly `compile --check [-f SPEC]`, else None."""
    if argv[:1] != ["compile"] or "--check" not in argv:
        return None
    rest = [arg for arg in argv[1:] if arg != "--check"]
    if not rest:
        return "mlops.yaml"
    if len(rest) == 2 and rest[0] in ("-f", "--file"):
        return rest[1]
    if len(rest) == 1 and rest[0].startswith("--file="):
        return rest[0].removeprefix("--file=")
    return None


def _unchanged(manifest: object, root: str, spec_name: str) -> bool:
    if not isinstance(manifest, dict) or manifest.get("generator_version") != __version__:
        return False
    inputs, files = manifest.get("inputs"), manifest.get("files")
    if not isinstance(inputs, dict) or not isinstance(files, dict) or not files:
        return False
    if next(iter(inputs), None) != spec_name or manifest.get("spec") != spec_name:
        return False
    if manifest.get("templates") != templates_fingerprint():
        return False
    paths = {**inputs, **{path: entry.get("sha256") for path, entry in files.items()}}
    for relative, recorded in paths.items():
        if not isinstance(relative, str) or ".." in relative.split("/") or relative.startswith("/"):
            return False
        seed = isinstance(files.get(relative), dict) and files[relative].get("mode") == "seed"
        actual = file_hash(os.path.join(root, relative))
        if (seed and actual is None) or (not seed and actual != recorded):
            return False
    gitignore = file_hash(os.path.join(root, GITIGNORE_PATH))
    return gitignore == content_hash(GITIGNORE_TEXT.encode())
