"""The `mlops` command: the one place that prints and decides the exit code.

Exit codes (a contract, documented in the README): 0 ok or up to date; 1 `--check` found
drift; 2 invalid spec or usage; 3 refused to protect data; 4 I/O failure, rolled back;
70 internal error (traceback in a log file); 130 interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlops_compiler import __version__
from mlops_compiler.cli.importing import add_import_command, run_import
from mlops_compiler.cli.rehearsing import add_rehearse_command, run_rehearse
from mlops_compiler.cli.tools import TOOL_COMMANDS, add_tool_commands, run_tool_command

if TYPE_CHECKING:
    from mlops_compiler.errors import Diagnostic, SpecError

Records = list[dict[str, Any]]

EXIT_OK = 0
EXIT_DRIFT = 1
EXIT_INVALID = 2
EXIT_REFUSED = 3
EXIT_IO = 4
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, also used to render `--help`."""
    from mlops_compiler.cli import conventions

    parser = argparse.ArgumentParser(
        prog="mlops",
        description="Compile one mlops.yaml into DVC, MLflow and CI/CD configuration.",
        epilog=conventions.EXIT_CODES + conventions.ENVIRONMENT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
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
    compile_.add_argument(
        "--fail-on-change",
        action="store_true",
        help="exit 1 if anything was written (pre-commit: stage the result and commit again)",
    )
    compile_.add_argument(
        "--no-fast",
        action="store_true",
        help="skip the no-change fast path and render every file (CI: a forged manifest could"
        " hide a stale file from it)",
    )
    _format_option(compile_)
    _strict_option(compile_)

    validate = commands.add_parser("validate", help="check mlops.yaml without writing anything")
    _spec_option(validate)
    _format_option(validate)
    _strict_option(validate)

    absorb = commands.add_parser(
        "absorb", help="write edits of generated files (by hand, DVC, a bot) back into mlops.yaml"
    )
    _spec_option(absorb)
    absorb.add_argument("files", nargs="*", help="generated files to absorb (default: all edited)")

    build = commands.add_parser("build", help="build the declared images (needs a Docker engine)")
    _spec_option(build)
    build.add_argument("image", nargs="?", choices=["train", "serve"], help="one (default: all)")
    build.add_argument("--tag", default="local", help="tag of the built images (default: local)")

    schema = commands.add_parser("schema", help="print the JSON Schema of mlops.yaml")
    schema.add_argument(
        "--markdown", action="store_true", help="print the reference (docs/spec.md) instead"
    )
    add_tool_commands(commands)
    add_rehearse_command(commands)
    add_import_command(commands)
    completion = commands.add_parser(
        "completion",
        help="print a shell completion script",
        description="Print the completion script for SHELL. Install it with, for bash,"
        " `mlops completion bash > ~/.local/share/bash-completion/completions/mlops`; zsh,"
        ' `mlops completion zsh > "${fpath[1]}/_mlops"`; fish,'
        " `mlops completion fish > ~/.config/fish/completions/mlops.fish`.",
    )
    completion.add_argument("shell", choices=conventions.SHELLS)
    for _name, command in conventions.subparsers(parser):
        conventions.add_common_options(command)
        command.epilog = conventions.EXIT_CODES
        command.formatter_class = argparse.RawDescriptionHelpFormatter
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


def _strict_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors (exit 2)")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code instead of exiting (tests call this)."""
    # Pydantic looks for plugins in every installed distribution's entry points the first time
    # a model validates: ~25 ms of importlib.metadata in a venv that also holds DVC and MLflow.
    # The spec models have no use for plugins; a user's own setting of the variable wins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    parser = build_parser()
    try:
        arguments = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 on --help
        return int(exc.code or 0)
    arguments.records = []
    arguments.result = {}
    arguments.parser = parser
    if getattr(arguments, "format", "text") != "json":
        with _people_streams(arguments):
            return _run(arguments)
    from mlops_compiler.cli.report import json_report

    stdout = sys.stdout
    with contextlib.redirect_stdout(sys.stderr):  # stdout holds the JSON document only
        exit_code = _run(arguments)
    stdout.write(json_report(arguments.records, exit_code, arguments.result))
    return exit_code


PRODUCT_COMMANDS = ("schema", "graph", "explain", "completion")
"""Commands whose stdout is their product, kept under `-q`."""


@contextlib.contextmanager
def _people_streams(arguments: argparse.Namespace) -> Iterator[None]:
    """Text and github formats: `-q` drops stdout's chatter, `-v` times the command, and colour
    wraps a terminal's streams (only for text: an annotation must reach GitHub as written)."""
    verbosity = getattr(arguments, "verbosity", 0)
    colour = arguments.format == "text" and arguments.command != "completion"
    with contextlib.ExitStack() as stack:
        if colour and _colour_wanted(sys.stderr):
            stack.enter_context(contextlib.redirect_stderr(_coloured(sys.stderr)))
        # -q drops the chatter of the text format; GitHub's annotations are the product.
        if verbosity < 0 and colour and arguments.command not in PRODUCT_COMMANDS:
            stack.enter_context(contextlib.redirect_stdout(io.StringIO()))  # dropped
        elif colour and _colour_wanted(sys.stdout):
            stack.enter_context(contextlib.redirect_stdout(_coloured(sys.stdout)))
        started = time.perf_counter() if verbosity > 0 else 0.0
        if verbosity >= 0 and arguments.command in SLOW_COMMANDS and _terminal(sys.stderr):
            stack.enter_context(_still_working(arguments.command))
        yield
        if verbosity > 0:
            elapsed = time.perf_counter() - started
            print(f"mlops: {arguments.command} took {elapsed:.2f} s", file=sys.stderr)
        sys.stdout.flush()
        sys.stderr.flush()


SLOW_COMMANDS = ("compile", "validate", "import", "absorb", "build", "graph", "explain")
"""Commands that can pass 2 s (a 10,000-stage compile takes 4 s, a large import as long);
`verify` shows its own steps."""
SLOW_AFTER = 2.0


@contextlib.contextmanager
def _still_working(command: str) -> Iterator[None]:
    """One line on a terminal's stderr if ``command`` runs past ``SLOW_AFTER`` seconds."""
    import threading

    stream = sys.stderr
    timer = threading.Timer(
        SLOW_AFTER, lambda: stream.write(f"mlops: {command}: still working...\n")
    )
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def _terminal(stream: Any) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _colour_wanted(stream: Any) -> bool:
    from mlops_compiler.cli.conventions import colour_wanted

    return colour_wanted(stream)


def _coloured(stream: Any) -> Any:
    from mlops_compiler.cli.conventions import ColourStream

    return ColourStream(stream)


def _run(arguments: argparse.Namespace) -> int:
    try:
        return _dispatch(arguments)
    except KeyboardInterrupt:
        print("mlops: interrupted; nothing was left half-written", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:
        return _report(exc, arguments)


def _dispatch(arguments: argparse.Namespace) -> int:
    if arguments.command == "completion":
        from mlops_compiler.cli.conventions import completion_script

        sys.stdout.write(completion_script(arguments.parser, arguments.shell))
        return EXIT_OK
    if arguments.command == "schema":
        from mlops_compiler.commands.schema import schema_text

        if arguments.markdown:
            from mlops_compiler.commands.reference import reference_markdown

            sys.stdout.write(reference_markdown())
            return EXIT_OK
        sys.stdout.write(schema_text())
        return EXIT_OK
    if arguments.command == "rehearse":
        return run_rehearse(arguments)
    if arguments.command in TOOL_COMMANDS:
        return run_tool_command(arguments)
    if arguments.command == "import":
        return run_import(arguments)
    if arguments.command == "build":
        from mlops_compiler.commands.build import build_images

        built = build_images(arguments.spec, arguments.image, tag=arguments.tag, echo=_echo)
        arguments.result["images"] = built
        print("mlops: built " + ", ".join(built))
        return EXIT_OK
    if arguments.command == "absorb":
        return _absorb(arguments.spec, arguments.files, arguments.result)
    if arguments.command == "validate":
        from mlops_compiler.compiler import check_document
        from mlops_compiler.load.loader import load_spec_file

        document = load_spec_file(arguments.spec)
        _project, warnings = check_document(document, strict=arguments.strict)
        _warn(arguments.spec, document.lines, warnings, arguments.format, arguments.records)
        print(f"{arguments.spec}: ok" + (f" ({len(warnings)} warning(s))" if warnings else ""))
        return EXIT_OK
    return _compile(
        arguments.spec,
        check=arguments.check,
        show_diff=arguments.diff,
        force=arguments.force,
        fail_on_change=arguments.fail_on_change,
        output=arguments.format,
        strict=arguments.strict,
        records=arguments.records,
        result=arguments.result,
        verbose=arguments.verbosity > 0,
    )


def _echo(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _warn(
    spec: Path,
    lines: list[str],
    warnings: Sequence[Diagnostic],
    output: str,
    records: Records,
) -> None:
    """The warnings of a spec that compiled (those of one that did not are in its SpecError)."""
    if not warnings:
        return
    from mlops_compiler.errors import SpecError

    _tell_spec_error(SpecError(spec, lines, list(warnings)), output, records)


def _compile(
    spec: Path,
    *,
    check: bool,
    show_diff: bool,
    force: bool,
    output: str,
    fail_on_change: bool = False,
    strict: bool = False,
    records: Records | None = None,
    result: dict[str, Any] | None = None,
    verbose: bool = False,
) -> int:
    from mlops_compiler.compiler import compile_spec
    from mlops_compiler.write import check_report as drift
    from mlops_compiler.write.project_lock import compile_lock
    from mlops_compiler.write.writer import apply_plan, plan_writes

    tree = compile_spec(spec, strict=strict)
    _warn(spec, tree.source_lines, tree.warnings, output, [] if records is None else records)
    root = spec.parent
    if check:
        plan = plan_writes(tree, root, spec_name=spec.name)
        if output == "github":
            sys.stdout.write(drift.github_annotations(plan))
        out, err = drift.check_report(plan)
        sys.stdout.write(out)
        sys.stderr.write(err)
        if result is not None:
            result["files"] = drift.drift_records(plan) if drift.drifted(plan) else []
        return EXIT_DRIFT if drift.drifted(plan) else EXIT_OK
    _interrupt_on_sigterm()
    with compile_lock(root):
        plan = plan_writes(tree, root, spec_name=spec.name)
        if plan.conflicts and not force:
            sys.stderr.write(drift.conflict_report(plan, spec.name))
            return EXIT_REFUSED
        if show_diff:
            for planned in plan.changed:
                sys.stdout.write(planned.diff())
        done = apply_plan(plan, force=force)
    sys.stdout.write(drift.write_summary(done, plan, verbose=verbose))
    if result is not None:
        result["files"] = drift.written_records(done, plan)
    if fail_on_change and drift.outputs_changed(done):
        print("mlops: generated files changed: stage them and commit again", file=sys.stderr)
        return EXIT_DRIFT
    return EXIT_OK


def _interrupt_on_sigterm() -> None:
    """Let SIGTERM (a CI runner cancelling the job) roll back like Ctrl-C does."""
    import signal

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


def _absorb(spec: Path, files: list[str], result: dict[str, Any]) -> int:
    from mlops_compiler.commands.absorb import absorb_edits
    from mlops_compiler.write.project_lock import compile_lock

    with compile_lock(spec.parent):
        absorbed = absorb_edits(spec, files)
    result["absorbed"] = [{"path": item.path, "patches": len(item.patches)} for item in absorbed]
    if not absorbed:
        print("mlops: nothing to absorb: no generated file differs from what the spec produces")
        return EXIT_OK
    for item in absorbed:
        if item.fields:
            print(f"mlops: absorbed {item.path} into {spec.name}: " + ", ".join(item.fields))
        if item.patches:
            print(
                f"mlops: absorbed {len(item.patches)} change(s) to {item.path} into"
                f" {spec.name} (overrides.{item.path}.patches)"
            )
    return EXIT_OK


def _report(exc: Exception, arguments: argparse.Namespace) -> int:
    from mlops_compiler.errors import CompilerError, InternalError, SpecError

    output = getattr(arguments, "format", "text")
    records: Records = getattr(arguments, "records", [])
    if isinstance(exc, SpecError):
        _tell_spec_error(exc, output, records)
        return exc.exit_code
    if isinstance(exc, OSError):  # the disk, a pipe, a closed stdout: never a bug report
        return _io_error(exc, output, records)
    if isinstance(exc, CompilerError) and not isinstance(exc, InternalError):
        hint = getattr(exc, "hint", None)
        if not _tell_machine(output, records, str(exc), hint):
            print(f"mlops: error: {exc}", file=sys.stderr)
            if hint:
                print(f"  hint: {hint}", file=sys.stderr)
        return exc.exit_code
    return _crash(exc, output, records)


def _io_error(exc: OSError, output: str, records: Records) -> int:
    """An operating-system error nothing below caught: one line and exit 4 (no traceback)."""
    if isinstance(exc, BrokenPipeError):  # the reader of stdout went away: stop writing to it
        _silence_stdout()
        message = "standard output was closed before mlops finished writing to it"
    else:
        where = f": {exc.filename}" if exc.filename else ""
        message = f"{exc.strerror or exc}{where}"
    hint = "nothing was left half-written; fix the cause and run the command again"
    if not _tell_machine(output, records, message, hint):
        with contextlib.suppress(OSError, ValueError):
            print(f"mlops: error: {message}\n  hint: {hint}", file=sys.stderr)
    return EXIT_IO


def _silence_stdout() -> None:
    """Point stdout at the null device, so the interpreter's last flush cannot fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)


def _tell_spec_error(error: SpecError, output: str, records: Records) -> None:
    """Every diagnostic of ``error`` (errors and warnings) in the format asked for."""
    path = error.source_path
    display = os.path.relpath(path) if path.is_absolute() else str(path)
    if output == "json":
        from mlops_compiler.cli.report import record

        records += [record(diagnostic, display) for diagnostic in error.diagnostics]
    elif output == "github":
        from mlops_compiler.cli.report import github_annotation
        from mlops_compiler.diagnostics import MAX_SHOWN

        for diagnostic in error.diagnostics[:MAX_SHOWN]:
            print(github_annotation(diagnostic, display))
        if len(error.diagnostics) > MAX_SHOWN:
            print(f"... and {len(error.diagnostics) - MAX_SHOWN} more")
    else:
        from mlops_compiler.diagnostics import format_spec_error

        print(format_spec_error(error, display), file=sys.stderr)


def _tell_machine(output: str, records: Records, message: str, hint: str | None) -> bool:
    """An unpositioned error as a JSON record or an annotation; False in the text format."""
    from mlops_compiler.cli.report import github_message, unpositioned_record
    from mlops_compiler.errors import Severity

    if output == "json":
        records.append(unpositioned_record(message, hint))
        return True
    if output == "github":
        print(github_message(Severity.ERROR, message, hint))
        return True
    return False


def _crash(exc: Exception, output: str = "text", records: Records | None = None) -> int:
    """A bug: keep the traceback in a log file, show the user one line and where it is."""
    import tempfile  # only here: with traceback, ~15 ms that a run without a crash never needs
    import traceback

    with tempfile.NamedTemporaryFile(
        "w", prefix="mlops-crash-", suffix=".log", delete=False, encoding="utf-8"
    ) as log:
        log.write(f"mlops-compiler {__version__}\n")
        log.write("".join(traceback.format_exception(exc)))
        details = getattr(exc, "details", None)
        if details:
            log.write("\n".join(details))
    advice = f"This is a bug in mlops-compiler. The details are in {log.name};" + (
        " please attach that file to a bug report."
    )
    message = f"internal error: {exc}"
    if not _tell_machine(output, records if records is not None else [], message, advice):
        print(f"mlops: {message}\n  {advice}", file=sys.stderr)
    return EXIT_INTERNAL
