"""`mlops rehearse`: run the generated ci, cd and retrain workflows here, before GitHub does.

Job by job in `needs:` order and step by step, against local stand-ins: an MLflow tracking
server on 127.0.0.1 (``services``), a local-folder DVC remote (its URL set in
`.dvc/config.local` of a copy of the working tree, never in the committed config), the current
interpreter for `setup-python`, and a recorder for what would leave the machine (image pushes,
deploy hooks, pull requests, `repository_dispatch`). ``expressions`` evaluates the `${{ }}`
and `if:` the generated workflows use; ``runner`` runs them: ``workspace`` prepares the copy,
``job`` runs one job, ``results`` says what happened. Nothing here prints: progress goes to a
callback, the CLI words it.
"""

from __future__ import annotations

from mlops_compiler.commands.rehearse.results import Rehearsal, StepResult
from mlops_compiler.commands.rehearse.runner import EVENTS, rehearse

__all__ = ["EVENTS", "Rehearsal", "StepResult", "rehearse"]
