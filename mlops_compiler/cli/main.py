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

from mlops_compiler.cli.importing import run_import
from mlops_compiler.cli.rehearsing import run_rehearse
from mlops_compiler.cli.tools import TOOL_COMMANDS, run_tool_command

if TYPE_CHECKING:
    from mlops_compiler.errors import Diagnostic
from mlops_compiler.cli.outcomes import (
    EXIT_DRIFT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_REFUSED,
    Records,
    _report,
    _tell_spec_error,
)
from mlops_compiler.cli.parser import build_parser


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
    arguments.result = {key: [] for key in EMPTY_RESULTS.get(arguments.command, ())}
    arguments.parser = parser
    if getattr(arguments, "format", "text") != "json":
        with _people_streams(arguments):
            return _run(arguments)
    from mlops_compiler.cli.report import json_report

    stdout = sys.stdout
    # stdout holds the JSON document only. A product command's text (a schema, a graph, a
    # script) is in the document itself, so it is not repeated on stderr.
    product = arguments.command in PRODUCT_COMMANDS
    with contextlib.redirect_stdout(io.StringIO() if product else sys.stderr):
        exit_code = _run(arguments)
    stdout.write(json_report(arguments.records, exit_code, arguments.result))
    return exit_code


EMPTY_RESULTS = {
    "compile": ("files",),
    "absorb": ("absorbed",),
    "build": ("images",),
    "init": ("written",),
    "import": ("adopted", "skipped", "created", "written"),
    "graph": ("pipelines",),
    "verify": ("results",),
    "rehearse": ("steps", "recorded"),
}
"""The list keys a command's JSON document always has, empty when it failed before filling them
(a script reads `document["images"]` without first checking the exit code)."""

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

        script = completion_script(arguments.parser, arguments.shell)
        arguments.result.update(shell=arguments.shell, script=script)
        sys.stdout.write(script)
        return EXIT_OK
    if arguments.command == "schema":
        from mlops_compiler.commands.schema import schema_text

        if arguments.markdown:
            from mlops_compiler.commands.reference import reference_markdown

            markdown = reference_markdown()
            arguments.result["markdown"] = markdown
            sys.stdout.write(markdown)
            return EXIT_OK
        text = schema_text()
        if arguments.format == "json":
            import json

            arguments.result["schema"] = json.loads(text)
        sys.stdout.write(text)
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
    from mlops_compiler.collector import without_cycle_collector

    # The whole command, not only its heavy stages: the imports and the writes between them
    # run beside a spec's worth of live objects too (2.2 s against 1.3 s of CPU at 10,000 stages).
    with without_cycle_collector():
        if arguments.command == "validate":
            return _validate_command(arguments)
        return _compile_command(arguments)


def _validate_command(arguments: argparse.Namespace) -> int:
    from mlops_compiler.compiler import check_document
    from mlops_compiler.load.loader import load_spec_file

    document = load_spec_file(arguments.spec)
    _project, warnings = check_document(document, strict=arguments.strict)
    _warn(arguments.spec, document.lines, warnings, arguments.format, arguments.records)
    print(f"{arguments.spec}: ok" + (f" ({len(warnings)} warning(s))" if warnings else ""))
    return EXIT_OK


def _compile_command(arguments: argparse.Namespace) -> int:
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
            from mlops_compiler.cli.report import annotation_path

            sys.stdout.write(drift.github_annotations(plan, annotation_path))
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
