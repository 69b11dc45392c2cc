"""`mlops import [PATH]`: take over an existing repository's DVC and MLflow files.

Part of the CLI layer (with cli.py, the only modules that print). Errors are raised, and
``cli.main`` turns them into messages and exit codes like any other command's.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from mlops_compiler.errors import UsageError

EXIT_OK, EXIT_NOT_EXACT = 0, 1


def add_import_command(commands: Any) -> None:
    """Register `import` on the `mlops` subparsers."""
    command = commands.add_parser(
        "import",
        help="write an mlops.yaml that reproduces this repository's dvc.yaml, MLproject, ...",
        description="Read every dvc.yaml, params file, .dvc/config and MLproject under PATH and"
        " write PATH/mlops.yaml (and .mlops/manifest.json), so that `mlops compile` takes those"
        " files over. The imported files are not changed: only compile writes them.",
    )
    command.add_argument("path", nargs="?", default=".", type=Path, help="default: this folder")
    command.add_argument(
        "--check",
        action="store_true",
        help="write nothing; show, per file, whether the round trip is exact (exit 1 if a file"
        " cannot be read or taken over)",
    )
    command.add_argument(
        "--keep-behaviour",
        action="store_true",
        help="carry Dockerfiles and workflows as they are where the generated one would be"
        " stricter (non-root, a virtual environment, a health probe; pinned actions, a"
        " least-privilege token) instead of modelling them",
    )
    command.add_argument(
        "--force",
        action="store_true",
        help="replace an existing mlops.yaml (the old one is kept under .mlops/backup/)",
    )


def import_record(result: Any) -> dict[str, Any]:
    """The keys `mlops import --format json` adds (docs/cli.md): what was taken over, what not."""
    return {
        "adopted": [
            {"path": source.path, "kind": source.kind, "patches": len(source.patches)}
            for source in result.adopted
        ],
        "skipped": [
            {"path": item.path, "verdict": item.verdict, "reason": item.reason}
            for item in result.skipped
        ],
        "created": list(result.created),
        "written": [],
    }


def run_import(arguments: argparse.Namespace) -> int:
    """Import ``arguments.path``; print the report; return the exit code."""
    from mlops_compiler.commands.importer import (
        failed,
        import_report,
        import_repository,
        write_import,
    )

    root: Path = arguments.path
    if not root.is_dir():
        raise UsageError(f"{root} is not a folder", hint="give the repository's folder")
    result = import_repository(root, keep_behaviour=arguments.keep_behaviour)
    arguments.result.update(import_record(result))
    if arguments.check:
        sys.stdout.write(import_report(result, check=True))
        return EXIT_NOT_EXACT if failed(result) else EXIT_OK
    written = write_import(result, force=arguments.force)
    arguments.result["written"] = [str(root / path) for path in written]
    sys.stdout.write(import_report(result, check=False))
    shown = ", ".join(str(root / path) for path in written)
    print(
        f"mlops: wrote {shown}; run `mlops compile -f {root / 'mlops.yaml'}` to take the files over"
    )
    return EXIT_OK
