"""The watch half of `mlops rehearse --watch`: what is served is watched, and drift retrains.

After the event's workflows (the model they trained is in the workspace, the model they
registered in the MLflow stand-in), in the same workspace: the serving command as a local
process (``serving``), a real Prometheus with the generated rules scraping it as the first
environment's namespace and a real Alertmanager with the generated inhibit rules and a
recording webhook (``stack``), bounded traffic, healthy then failing (``traffic``), the server
stopped; then monitor.yml on undrifted and drifted data (``loop``). Each observation is a
step result of workflow `watch`. Everything started is stopped by its own pid.
"""

from __future__ import annotations

import re
import time
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

from mlops_compiler.commands.rehearse.context import Part, RunContext
from mlops_compiler.commands.watch.loop import drift_loop
from mlops_compiler.commands.watch.services import HOST, Process, free_port
from mlops_compiler.commands.watch.serving import Served, bodies, served
from mlops_compiler.commands.watch.stack import Target, Watch
from mlops_compiler.commands.watch.story import Story
from mlops_compiler.spec import MlopsSpec

RULES = "monitoring/prometheus/rules.yml"
ALERTMANAGER = "monitoring/alertmanager.yml"
DOWN = "ServingDown"
FLOW = "watch"


def watch_part(
    spec: MlopsSpec, *, serve: Sequence[str] | None = None, predict: str | None = None
) -> Part:
    """The watch half for ``spec``, to pass in ``rehearse(..., after=[...])``. ``serve``: the
    serving command when the spec declares none; ``predict``: the path requests go to."""

    def part(context: RunContext) -> None:
        _serving(context, spec, serve, predict)
        drift_loop(context)

    return part


def scraped_as(rules: dict[str, Any]) -> tuple[str, dict[str, str], str | None] | None:
    """(job, labels, environment) of the first environment the rules watch, as discovery
    would label its targets; None when no rule watches a target."""
    for group in rules.get("groups", []):
        for rule in group["rules"]:
            if rule.get("alert") == DOWN:
                job = re.search(r'job="([^"]+)"', rule["expr"])
                labels = rule.get("labels") or {}
                scope = {"namespace": labels["namespace"]} if "namespace" in labels else {}
                if job is not None:
                    return job.group(1), scope, labels.get("environment")
    return None


def _serving(
    context: RunContext, spec: MlopsSpec, serve: Sequence[str] | None, predict: str | None
) -> None:
    started = time.monotonic()
    workspace = context.workspace
    rules_path = workspace / RULES
    if spec.monitoring is None or not rules_path.is_file():
        context.report(FLOW, "serve", "(server)", "skipped", started, f"no {RULES}")
        return
    scope = scraped_as(yaml.safe_load(rules_path.read_text(encoding="utf-8")))
    if scope is None:
        context.report(FLOW, "serve", "(server)", "skipped", started, "no objective watches it")
        return
    what = served(spec, free_port(), python="python", command=serve, predict=predict)
    if isinstance(what, str):
        context.report(FLOW, "serve", "(server)", "skipped", started, what)
        return
    job, labels, environment = scope
    folder = context.temp / "watch"
    folder.mkdir(parents=True, exist_ok=True)
    tracking = context.base_env["MLOPS_REHEARSAL_TRACKING_URI"]
    env = {**context.base_env, **what.env, "MLFLOW_TRACKING_URI": tracking}
    server = Process(what.argv, cwd=workspace, log=folder / "serve.log", env=env)
    watch: Watch | None = None
    try:
        port = _answering(context, what, server)
        if port is None:
            return
        target = Target(job, port, labels=labels)
        watch = Watch(folder, rules_path, target, alertmanager=_optional(workspace / ALERTMANAGER))
        _story(context, spec, what, port, server, watch, environment)
    finally:
        server.stop()
        processes = [server, *(watch.processes if watch is not None else ())]
        if watch is not None:
            watch.stop()
        pids = ", ".join(str(p.pid) for p in processes)
        context.report(FLOW, "serve", "stop everything", "passed", started, f"stopped pids {pids}")


def _optional(path: Path) -> Path | None:
    return path if path.is_file() else None


def _answering(context: RunContext, what: Served, server: Process) -> int | None:
    """The port the server answers its health path on (the `PORT` it was given, or the one it
    is declared to listen on); None, reported, when it exits or does not answer in time."""
    started = time.monotonic()
    deadline = started + 120
    while time.monotonic() < deadline and server.running():
        for port in what.ports():
            try:
                with urllib.request.urlopen(f"http://{HOST}:{port}{what.health}", timeout=2):
                    argv = " ".join(what.argv)
                    detail = f"pid {server.pid} on {HOST}:{port} ({what.kind}: {argv})"
                    context.report(FLOW, "serve", "start the server", "passed", started, detail)
                    return port
            except OSError:
                pass
        time.sleep(0.2)
    why = "exited" if not server.running() else "did not answer within 120s"
    last = server.output().strip().splitlines()[-1:] or [""]
    detail = f"{' '.join(what.argv)} {why} on {what.health}: {last[0][:160]}"
    context.report(FLOW, "serve", "start the server", "failed", started, detail)
    return None


def _story(
    context: RunContext,
    spec: MlopsSpec,
    what: Served,
    port: int,
    server: Process,
    watch: Watch,
    environment: str | None,
) -> None:
    started = time.monotonic()
    watch.start()
    pids = ", ".join(str(p.pid) for p in watch.processes)
    detail = f"alertmanager, prometheus pids {pids}; first scrape seen; rules loaded"
    context.report(FLOW, "serve", "start prometheus + alertmanager", "passed", started, detail)
    drift = spec.monitoring.drift if spec.monitoring is not None else None
    reference = context.workspace / drift.reference if drift is not None else None
    if reference is None or not reference.is_file():
        why = "no drift.reference to take requests from" if drift is None else f"no {reference}"
        context.report(FLOW, "traffic", "(traffic)", "skipped", time.monotonic(), why)
        return
    healthy, failing = bodies(reference, drift.prediction if drift is not None else None)
    story = Story(watch, port, what.predict, environment)
    chapters: list[tuple[str, Callable[[], tuple[bool, str]]]] = [
        ("healthy traffic: nothing fires", lambda: story.healthy(healthy)),
        ("failing traffic: the burn alert fires", lambda: story.failing(failing)),
        ("server stopped: ServingDown, burns muted", lambda: story.stopped(server)),
    ]
    for name, chapter in chapters:
        started = time.monotonic()
        ok, detail = chapter()
        context.report(FLOW, "traffic", name, "passed" if ok else "failed", started, detail)
        if not ok:
            return
