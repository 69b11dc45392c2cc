"""The drift half of the watch: monitor.yml, run twice in the rehearsal's workspace.

Once as generated, on the data its fetch step brings (the project's own recent data: no drift
expected, so its retrain job must stay skipped), and once from "Measure drift" on, after a
stand-in step shifting that `current` (``shift.py``): drift, so its retrain job sends the
`repository_dispatch`, which the recorder records instead of sending. The last check reads that
record and retrain.yml's `on: repository_dispatch: types`: the event reaches retrain.yml.
"""

from __future__ import annotations

import copy
import shutil
import time
from pathlib import Path
from typing import Any

import yaml

from mlops_compiler.commands.rehearse.context import RunContext
from mlops_compiler.commands.rehearse.results import Status
from mlops_compiler.commands.rehearse.services import read_records

MONITOR = ".github/workflows/monitor.yml"
RETRAIN = ".github/workflows/retrain.yml"
SHIFT_STEP = "Rehearsal: shift the recent data (drift stand-in)"
MEASURE = "measure"
"""The id of monitor.yml's step running the drift job."""


def drifted(flow: dict[str, Any], script: Path) -> dict[str, Any]:
    """``flow`` for the drifted run: in the job measuring drift, the shift step, then the
    measuring step and those after it. The `run:` steps before it (installing, fetching,
    checking the data) ran in the undrifted run and are not repeated: the shift works on the
    data they brought."""
    flow = copy.deepcopy(flow)
    for job in flow["jobs"].values():
        ids = [step.get("id") for step in job.get("steps", [])]
        if MEASURE not in ids:
            continue
        at = ids.index(MEASURE)
        before = [step for step in job["steps"][:at] if "uses" in step]
        measure = job["steps"][at]
        env = measure.get("env") or {}
        shift = {
            "name": SHIFT_STEP,
            "env": {
                "MLOPS_SHIFT": str(script),
                "CURRENT": env.get("CURRENT", ""),
                "PREDICTION": env.get("PREDICTION", ""),
            },
            "run": 'python "$MLOPS_SHIFT" "$CURRENT" $PREDICTION\n',
        }
        job["steps"] = [*before, shift, *job["steps"][at:]]
    return flow


def dispatches(records: list[tuple[str, ...]]) -> list[str]:
    """The event types of the `repository_dispatch` requests among ``records``."""
    found = []
    for record in records:
        if record[:1] != ("gh",) or not any(a.endswith("/dispatches") for a in record):
            continue
        found += [a.split("=", 1)[1] for a in record if a.startswith("event_type=")]
    return found


def retrain_types(workspace: Path) -> list[str]:
    """The `repository_dispatch` types retrain.yml listens for (none: no such workflow)."""
    path = workspace / RETRAIN
    if not path.is_file():
        return []
    flow = yaml.safe_load(path.read_text(encoding="utf-8"))
    triggers = flow.get("on") or flow.get(True) or {}
    dispatch = triggers.get("repository_dispatch") or {}
    return [str(t) for t in dispatch.get("types") or []]


def drift_loop(context: RunContext) -> None:
    """Run monitor.yml on undrifted, then drifted data; check what each sent."""
    path = context.workspace / MONITOR
    started = time.monotonic()
    if not path.is_file():
        context.report("monitor", "(loop)", "(workflow)", "skipped", started, f"no {MONITOR}")
        return
    flow = yaml.safe_load(path.read_text(encoding="utf-8"))
    script = context.temp / "shift.py"
    shutil.copy(Path(__file__).with_name("shift.py"), script)
    for name, run in (("monitor", flow), ("monitor-drifted", drifted(flow, script))):
        before = len(read_records(context.records))
        started = time.monotonic()
        jobs = context.workflow(name, run, "schedule")
        sent = dispatches(read_records(context.records)[before:])
        verdict = jobs.get("drift", {}).get("outputs", {}).get("drifted", "")
        if name == "monitor":
            ok = jobs.get("drift", {}).get("result") == "success" and not sent
            detail = f"drifted={verdict or '?'}; no repository_dispatch sent"
            if sent:
                detail = f"drifted={verdict}; sent repository_dispatch {', '.join(sent)}"
            status: Status = "passed" if ok else "failed"
            context.report(name, "(loop)", "no drift: no dispatch", status, started, detail)
            continue
        types = retrain_types(context.workspace)
        reached = [t for t in sent if t in types]
        detail = (
            f"drifted={verdict or '?'}; repository_dispatch event_type={', '.join(sent) or 'none'}"
            f" -> retrain.yml on: repository_dispatch: types {types}"
        )
        status = "passed" if reached else "failed"
        context.report(name, "(loop)", "drift: dispatch reaches retrain", status, started, detail)
