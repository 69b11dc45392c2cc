"""What every `mlops` command shares: `--format`, `-q`/`-v`, colour, exit codes in `--help`,
shell completion.

Colour is for people only: on when the stream is a terminal, off under ``NO_COLOR`` (any
value, https://no-color.org), on under ``FORCE_COLOR`` (any value but ``0``) even in a pipe or a
CI log. It is applied by wrapping the stream, so nothing is imported and no line is touched
when it is off (the usual case in CI and in every test).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from typing import IO, Any

EXIT_CODES = """\
exit codes:
  0    ok, or up to date
  1    `compile --check` found drift; `--fail-on-change` wrote something; `verify` or
       `import --check` found a failure
  2    invalid spec or usage
  3    refused to protect data (a hand edit, a file not written by mlops, a held lock)
  4    I/O failure, rolled back (or no Docker engine for `build`)
  70   internal error: a bug (the traceback is in the log file named)
  130  interrupted (Ctrl-C, or SIGTERM from a CI runner); nothing is left half-written
"""

ENVIRONMENT = """
environment:
  NO_COLOR      no colour, whatever the terminal      FORCE_COLOR  colour even in a pipe
"""

SHELLS = ("bash", "zsh", "fish", "tcsh")

FORMAT_HELP = (
    "text for people (default), json for scripts and editors (one document on stdout; see"
    " docs/cli.md for each command's shape), github for GitHub Actions annotations"
)


def add_common_options(parser: argparse.ArgumentParser) -> None:
    """`--format`, `-q` and `-v` on one command's parser, unless it has them already."""
    known = {option for action in parser._actions for option in action.option_strings}
    if "--format" not in known:
        parser.add_argument(
            "--format", choices=("text", "json", "github"), default="text", help=FORMAT_HELP
        )
    loudness = parser.add_mutually_exclusive_group()
    loudness.add_argument(
        "-q",
        "--quiet",
        action="store_const",
        dest="verbosity",
        const=-1,
        default=0,
        help="print only errors and warnings (what a command prints as its result stays)",
    )
    loudness.add_argument(
        "-v",
        "--verbose",
        action="store_const",
        dest="verbosity",
        const=1,
        help="say more: every file, including unchanged ones, and how long the command took",
    )


def subparsers(parser: argparse.ArgumentParser) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            yield from action.choices.items()


def colour_wanted(stream: IO[str], environ: dict[str, str] | None = None) -> bool:
    """NO_COLOR wins, then FORCE_COLOR, then whether ``stream`` is a terminal."""
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR", "") not in ("", "0"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and env.get("TERM") != "dumb"


_RED, _GREEN, _YELLOW, _CYAN, _BOLD, _RESET = (
    "\033[31m",
    "\033[32m",
    "\033[33m",
    "\033[36m",
    "\033[1m",
    "\033[0m",
)


def colour_line(line: str) -> str:
    """One line of `mlops` output with ANSI colour: severities, hints, diff lines."""
    if line.startswith(("+++", "---")):
        return _BOLD + line + _RESET
    if line.startswith("@@"):
        return _CYAN + line + _RESET
    if line.startswith("+"):
        return _GREEN + line + _RESET
    if line.startswith("-"):
        return _RED + line + _RESET
    for word, colour in ((": error:", _RED), (": warning:", _YELLOW)):
        at = line.find(word)
        if at >= 0:
            start, end = at + 2, at + len(word)
            return line[:start] + _BOLD + colour + line[start:end] + _RESET + line[end:]
    if line.lstrip().startswith("hint:"):
        return _CYAN + line + _RESET
    if line.lstrip().startswith("^"):
        return _RED + line + _RESET
    return line


class ColourStream:
    """A text stream that colours each complete line written through it."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self._pending = ""

    def write(self, text: str) -> int:
        self._pending += text
        *lines, self._pending = self._pending.split("\n")
        for line in lines:
            self._stream.write(colour_line(line) + "\n")
        return len(text)

    def flush(self) -> None:
        if self._pending:
            self._stream.write(colour_line(self._pending))
            self._pending = ""
        self._stream.flush()

    def isatty(self) -> bool:
        return bool(self._stream.isatty())

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def completion_script(parser: argparse.ArgumentParser, shell: str) -> str:
    """The completion script of ``parser`` for ``shell`` (shtab for bash, zsh and tcsh)."""
    if shell == "fish":
        return fish_completion(parser)
    import shtab

    script: str = shtab.complete(parser, shell=shell)
    return script


def fish_completion(parser: argparse.ArgumentParser) -> str:
    """fish's `complete` commands for every command and option (shtab has no fish)."""
    prog = parser.prog
    lines = [f"# fish completion for {prog}; install: {prog} completion fish | source"]
    commands = list(subparsers(parser))
    names = " ".join(name for name, _ in commands)
    lines.append(f"complete -c {prog} -f")
    for name, sub in commands:
        helped = _help_of(parser, name)
        lines.append(
            f"complete -c {prog} -n 'not __fish_seen_subcommand_from {names}' -a {name}"
            f" -d {_fish_quote(helped)}"
        )
        for action in sub._actions:
            if not action.option_strings or action.help == argparse.SUPPRESS:
                continue
            parts = []
            for option in action.option_strings:
                if option.startswith("--"):
                    parts.append(f"-l {option[2:]}")
                else:
                    parts.append(f"-s {option[1:]}")
            takes = action.nargs != 0
            choices = " ".join(str(c) for c in action.choices or ())
            extra = f" -x -a {_fish_quote(choices)}" if choices else (" -r" if takes else "")
            lines.append(
                f"complete -c {prog} -n '__fish_seen_subcommand_from {name}' {' '.join(parts)}"
                f"{extra} -d {_fish_quote(action.help or '')}"
            )
    return "\n".join(lines) + "\n"


def _help_of(parser: argparse.ArgumentParser, name: str) -> str:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                if choice.dest == name:
                    return choice.help or ""
    return ""


def _fish_quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def stderr_is_terminal() -> bool:
    isatty = getattr(sys.stderr, "isatty", None)
    return bool(isatty and isatty())
