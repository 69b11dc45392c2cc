"""The argument parser of `mlops`: every command, its options, the exit codes in `--help`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from mlops_compiler import __version__
from mlops_compiler.cli.importing import add_import_command
from mlops_compiler.cli.rehearsing import add_rehearse_command
from mlops_compiler.cli.tools import add_tool_commands

if TYPE_CHECKING:
    pass


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
