"""`mlops rehearse`: the CLI of commands/rehearse (progress lines, the summary table)."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_FAILED = 0, 1


EVENTS = ("push", "pull_request", "schedule", "repository_dispatch")
"""The triggers (commands.rehearse.runner.EVENTS; not imported here: `--help` stays light)."""


def add_rehearse_command(commands: Any) -> None:
    rehearse = commands.add_parser(
        "rehearse",
        help="run the generated ci, cd and retrain workflows here, against local stand-ins",
    )
    rehearse.add_argument(
        "-f", "--file", dest="spec", default=Path("mlops.yaml"), type=Path, help="the spec"
    )
    rehearse.add_argument(
        "--event", choices=EVENTS, default="push", help="the trigger to rehearse (default: push)"
    )
    rehearse.add_argument(
        "--state",
        type=Path,
        help="keep the MLflow store, the DVC remote and the runs here (default: a temporary"
        " folder, removed afterwards); pass the same folder to rehearse a sequence of events",
    )
    rehearse.add_argument(
        "--watch",
        action="store_true",
        help="after the workflows, the watch half: the served model on 127.0.0.1 scraped by a"
        " real Prometheus with the generated rules, Alertmanager, healthy then failing"
        " traffic, then monitor.yml on undrifted and drifted data (README: monitoring)",
    )
    rehearse.add_argument(
        "--serve",
        metavar="COMMAND",
        help="with --watch: the serving command when the spec declares none (no"
        " `images.serve`); HOST and PORT are set, `{port}` is replaced",
    )
    rehearse.add_argument(
        "--predict",
        metavar="PATH",
        help="with --watch: where requests go (default: /invocations for mlflow, else /predict)",
    )


def run_rehearse(arguments: argparse.Namespace) -> int:
    from mlops_compiler.commands.rehearse.runner import rehearse

    # Only with --watch: the parts after the workflows (the rehearsal's own signature else).
    extra: dict[str, Any] = {"after": _watch(arguments)} if arguments.watch else {}

    def progress(result: Any) -> None:
        where = f"{result.workflow}/{result.job}"
        detail = f"  {result.detail}" if result.detail else ""
        print(f"{where:<28} {result.step:<40} {result.status:<7} {result.seconds:6.1f}s{detail}")
        sys.stdout.flush()

    if arguments.state is not None:
        rehearsal = rehearse(
            arguments.spec, arguments.event, state=arguments.state, progress=progress, **extra
        )
        return _summary(rehearsal, arguments.result)
    with tempfile.TemporaryDirectory(prefix="mlops-rehearse-") as folder:
        rehearsal = rehearse(
            arguments.spec, arguments.event, state=Path(folder), progress=progress, **extra
        )
        return _summary(rehearsal, arguments.result)


def _watch(arguments: argparse.Namespace) -> tuple[Any, ...]:
    """The watch half, its spec read and checked before anything starts."""
    import shlex

    from mlops_compiler.commands.watch.rehearsal import watch_part
    from mlops_compiler.load.loader import load_spec_file
    from mlops_compiler.validate import validate_document

    spec = validate_document(load_spec_file(arguments.spec))
    serve = shlex.split(arguments.serve) if arguments.serve else None
    return (watch_part(spec, serve=serve, predict=arguments.predict),)


def rehearsal_record(rehearsal: Any) -> dict[str, Any]:
    """The keys `mlops rehearse --format json` adds (docs/cli.md): one record per step."""
    return {
        "event": rehearsal.event,
        "passed": bool(rehearsal.ok),
        "steps": [
            {
                "workflow": r.workflow,
                "job": r.job,
                "step": r.step,
                "status": r.status,
                "seconds": round(r.seconds, 3),
                "detail": r.detail,
            }
            for r in rehearsal.results
        ],
        "recorded": [list(record) for record in rehearsal.records],
    }


def _summary(rehearsal: Any, document: dict[str, Any]) -> int:
    document.update(rehearsal_record(rehearsal))
    counts = {status: 0 for status in ("passed", "failed", "skipped")}
    for result in rehearsal.results:
        counts[result.status] += 1
    print()
    print(f"{'workflow':<10} {'jobs':>5} {'passed':>7} {'failed':>7} {'skipped':>8} {'seconds':>8}")
    for flow in dict.fromkeys(r.workflow for r in rehearsal.results):
        mine = [r for r in rehearsal.results if r.workflow == flow]
        jobs = len({r.job for r in mine})
        row = [sum(r.status == s for r in mine) for s in ("passed", "failed", "skipped")]
        seconds = sum(r.seconds for r in mine)
        print(f"{flow:<10} {jobs:>5} {row[0]:>7} {row[1]:>7} {row[2]:>8} {seconds:>8.1f}")
    for record in rehearsal.records:
        print("recorded: " + " ".join(record))
    for (flow, job, step), log in rehearsal.logs.items():
        failed = [r for r in rehearsal.results if (r.workflow, r.job, r.step) == (flow, job, step)]
        if failed and failed[-1].status == "failed":
            print(f"\n--- {flow}/{job}: {step} ---\n{log.rstrip()}")
    verdict = "passed" if rehearsal.ok else "failed"
    print(
        f"\nmlops: rehearsal of {rehearsal.event} {verdict}: {counts['passed']} passed,"
        f" {counts['failed']} failed, {counts['skipped']} skipped"
    )
    return EXIT_OK if rehearsal.ok else EXIT_FAILED
