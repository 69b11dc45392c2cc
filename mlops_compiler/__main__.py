"""`python -m mlops_compiler` is the `mlops` command."""

from __future__ import annotations

import sys

from mlops_compiler.entry import run

sys.exit(run())
