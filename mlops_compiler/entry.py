"""The `mlops` console command: the no-change fast path first, then the full CLI.

Kept apart from ``cli`` so that a `compile --check` with nothing to do imports only what the
fast path needs (see ``fastpath``); ``--no-fast`` skips it.
"""

from __future__ import annotations

import os
import sys


def _closed_streams_to_null() -> None:
    """A command started with stdout or stderr closed (`>&-`) gets ``None`` for the stream:
    its output goes nowhere, and the exit code still says what happened."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115, PTH123


def run(argv: list[str] | None = None) -> int:
    """Entry point of the `mlops` command and of `python -m mlops_compiler`."""
    _closed_streams_to_null()
    arguments = list(sys.argv[1:] if argv is None else argv)
    if "--no-fast" in arguments:
        arguments = [argument for argument in arguments if argument != "--no-fast"]
    else:
        from mlops_compiler.fastpath import try_fast_check

        code = try_fast_check(arguments)
        if code is not None:
            return code
    from mlops_compiler.cli.main import main

    return main(arguments)
