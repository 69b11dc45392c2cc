"""The `mlops` console command: the no-change fast path first, then the full CLI.

Kept apart from ``cli`` so that a `compile --check` with nothing to do imports only what the
fast path needs (see ``fastpath``); ``--no-fast`` skips it.
"""

from __future__ import annotations

import sys


def run(argv: list[str] | None = None) -> int:
    """Entry point of the `mlops` command and of `python -m mlops_compiler`."""
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
