"""What a part of a rehearsal that runs after the workflows is given (the watch half, issue 14).

``rehearse(..., after=[part])`` calls each part with a ``RunContext`` once the workflows of the
event have run, while the MLflow stand-in still answers: the same workspace, environment,
recorder and progress callback, and ``workflow`` to run another generated workflow (monitor.yml)
step by step as the others were. A part reports through ``report``; it prints nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mlops_compiler.commands.rehearse.job import _Run
from mlops_compiler.commands.rehearse.results import Progress, Rehearsal, Status, StepResult
from mlops_compiler.dataclass import dataclass


@dataclass(frozen=True)
class RunContext:
    """The rehearsal so far and its stand-ins."""

    rehearsal: Rehearsal
    github: dict[str, Any]
    base_env: dict[str, str]
    temp: Path
    step_timeout: float
    progress: Progress | None

    @property
    def workspace(self) -> Path:
        """The rehearsal's copy of the project (the workflows ran there)."""
        return self.rehearsal.workspace

    @property
    def records(self) -> Path:
        """The recorder's log: one line per command that would have left the machine."""
        return self.rehearsal.workspace.parent / "records"

    def workflow(self, name: str, flow: dict[str, Any], event: str) -> dict[str, dict[str, Any]]:
        """Run ``flow`` (a parsed workflow) as if ``event`` started it; each job's result and
        outputs, by job id."""
        github = {**self.github, "event_name": event}
        run = _Run(
            self.rehearsal,
            name,
            flow,
            github,
            self.base_env,
            self.temp,
            self.step_timeout,
            self.progress,
        )
        run.run()
        return run.needs

    def report(
        self, workflow: str, job: str, step: str, status: Status, started: float, detail: str = ""
    ) -> StepResult:
        """Record one result (``started``: its ``time.monotonic()``) and tell the callback."""
        result = StepResult(workflow, job, step, status, time.monotonic() - started, detail)
        self.rehearsal.results.append(result)
        if self.progress is not None:
            self.progress(result)
        return result


Part = Callable[[RunContext], None]
"""A part of a rehearsal run after the workflows."""
