"""The `mlops` command: the one place that prints and decides the exit code.

Exit codes (a contract, documented in the README): 0 ok or up to date; 1 `--check` found
drift; 2 invalid spec or usage; 3 refused to protect data; 4 I/O failure, rolled back;
70 internal error (traceback in a log file); 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import traceback
from collections.abc import Sequence
from pathlib import Path

from mlops_compiler import __version__

EXIT_OK = 0
EXIT_DRIFT = 1
EXIT_INVALID = 2
EXIT_REFUSED = 3
EXIT_IO = 4
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, also used to render `--help`."""
    parser = argparse.ArgumentParser(
        prog="mlops",
        description="Compile one mlops.yaml into DVC, MLflow and CI/CD configuration.",
    )
    parser.add_argument("--version", action="version", version=f"mlops-compiler {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    compile_ = commands.add_parser("compile", help="generate every file mlops.yaml declares")
    _spec_option(compile_)
    compile_.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 with a diff if any generated file is stale or edited",
    )
    compile_.add_argument("--diff", action="store_true", help="print a diff of what changes")
    compile_.add_argument(
        "--force",
        action="store_true",
        help="overwrite files edited by hand or not written by mlops (backups in .mlops/backup/)",
    )
    _format_option(compile_)

    validate = commands.add_parser("validate", help="check mlops.yaml without writing anything")
    _spec_option(validate)
    _format_option(validate)

    commands.add_parser("schema", help="print the JSON Schema of mlops.yaml")
    return parser


def _spec_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-f",
        "--file",
        dest="spec",
        default="mlops.yaml",
        type=Path,
        help="the spec to read (default: ./mlops.yaml); outputs go next to it",
    )


def _format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="how to report problems: for people, for editors and scripts, or for GitHub Actions",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code instead of exiting (tests call this)."""
    parser = build_parser()
    try:
        arguments = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 on --help
        return int(exc.code or 0)
    try:
        return _dispatch(arguments)
    except KeyboardInterrupt:
        print("mlops: interrupted; nothing was left half-written", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:
        return _report(exc, arguments)


def _dispatch(arguments: argparse.Namespace) -> int:
    if arguments.command == "schema":
        from mlops_compiler.schema import schema_text

        sys.stdout.write(schema_text())
        return EXIT_OK
    if arguments.command == "validate":
        from mlops_compiler.compiler import lower_file

        lower_file(arguments.spec)
        print(f"{arguments.spec}: ok")
        return EXIT_OK
    return _compile(
        arguments.spec,
        check=arguments.check,
        show_diff=arguments.diff,
        force=arguments.force,
        output=arguments.format,
    )


def _compile(spec: Path, *, check: bool, show_diff: bool, force: bool, output: str) -> int:
    from mlops_compiler import drift
    from mlops_compiler.compiler import compile_spec
    from mlops_compiler.writer import apply_plan, compile_lock, plan_writes

    tree = compile_spec(spec)
    root = spec.parent
    if check:
        plan = plan_writes(tree, root, spec_name=spec.name)
        if output == "github":
            sys.stdout.write(drift.github_annotations(plan))
        out, err = drift.check_report(plan)
        sys.stdout.write(out)
        sys.stderr.write(err)
        return EXIT_DRIFT if plan.changed else EXIT_OK
    with compile_lock(root):
        plan = plan_writes(tree, root, spec_name=spec.name)
        if plan.conflicts and not force:
            sys.stderr.write(drift.conflict_report(plan, spec.name))
            return EXIT_REFUSED
        if show_diff:
            for planned in plan.changed:
                sys.stdout.write(planned.diff())
        done = apply_plan(plan, force=force)
    sys.stdout.write(drift.write_summary(done, plan))
    return EXIT_OK


def _report(exc: Exception, arguments: argparse.Namespace) -> int:
    from mlops_compiler.errors import CompilerError, InternalError, SpecError

    if isinstance(exc, SpecError):
        from mlops_compiler.diagnostics import format_spec_error

        display = (
            os.path.relpath(exc.source_path)
            if exc.source_path.is_absolute()
            else str(exc.source_path)
        )
        print(format_spec_error(exc, display), file=sys.stderr)
        return exc.exit_code
    if isinstance(exc, CompilerError) and not isinstance(exc, InternalError):
        print(f"mlops: error: {exc}", file=sys.stderr)
        hint = getattr(exc, "hint", None)
        if hint:
            print(f"  hint: {hint}", file=sys.stderr)
        return exc.exit_code
    return _crash(exc)


def _crash(exc: Exception) -> int:
    """A bug: keep the traceback in a log file, show the user one line and where it is."""
    with tempfile.NamedTemporaryFile(
        "w", prefix="mlops-crash-", suffix=".log", delete=False, encoding="utf-8"
    ) as log:
        log.write(f"mlops-compiler {__version__}\n")
        log.write("".join(traceback.format_exception(exc)))
        details = getattr(exc, "details", None)
        if details:
            log.write("\n".join(details))
    print(
        f"mlops: internal error: {exc}\n"
        f"  This is a bug in mlops-compiler. The details are in {log.name};"
        " please attach that file to a bug report.",
        file=sys.stderr,
    )
    return EXIT_INTERNAL
