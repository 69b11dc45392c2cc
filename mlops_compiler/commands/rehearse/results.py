"""What a rehearsal reports: one result per step, and the run as a whole."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from pathlib import Path
from typing import Literal

from mlops_compiler.dataclass import dataclass

Status = Literal["passed", "failed", "skipped"]


@dataclass(frozen=True)
class StepResult:
    workflow: str
    job: str
    step: str
    status: Status
    seconds: float
    detail: str = ""


@dataclass
class Rehearsal:
    """What a rehearsal did: every step's result, what was recorded, where its state is."""

    event: str
    workspace: Path
    state: Path
    tracking_uri: str = ""
    results: list[StepResult] = field(default_factory=list)
    records: list[tuple[str, ...]] = field(default_factory=list)
    logs: dict[tuple[str, str, str], str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(r.status == "failed" for r in self.results)


Progress = Callable[[StepResult], None]
