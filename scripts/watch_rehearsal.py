"""Rehearse the watch half on the serving example and print what happened (README transcript).

    python scripts/watch_rehearsal.py

Copies examples/serving to a temporary folder, compiles it, trains the model, starts its
server, a real Prometheus and Alertmanager on 127.0.0.1 (commands/watch), sends bounded
traffic (healthy, then failing), stops the server, and prints each observation. Everything it
starts it stops, by process id. tests/e2e/test_watch.py asserts the same story.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mlops_compiler import compile_spec
from mlops_compiler.commands.watch.services import Process, free_port, get_json, wait_until_ok
from mlops_compiler.commands.watch.stack import Target, Watch
from mlops_compiler.commands.watch.traffic import send

ROOT = Path(__file__).resolve().parents[1]
HEALTHY = json.dumps({"instances": [[0.0] * 64, [16.0] * 64]}).encode()
FAILING = ('{"instances": [[' + ", ".join(["Infinity"] * 64) + "]]}").encode()


def main() -> None:
    start = time.monotonic()

    def say(text: str) -> None:
        print(f"[{time.monotonic() - start:5.1f}s] {text}", flush=True)

    with tempfile.TemporaryDirectory() as temp:
        project = Path(temp) / "serving"
        shutil.copytree(
            ROOT / "examples/serving", project, ignore=shutil.ignore_patterns("data", "models")
        )
        for relative, text in compile_spec(project / "mlops.yaml").texts().items():
            (project / relative).parent.mkdir(parents=True, exist_ok=True)
            (project / relative).write_text(text, encoding="utf-8")
        environ = {**os.environ, "MLFLOW_TRACKING_URI": f"sqlite:///{temp}/mlflow.db"}
        for script in ("src/prepare.py", "src/train.py"):
            subprocess.run(
                [sys.executable, script], cwd=project, env=environ, check=True, capture_output=True
            )
        say("trained the model (src/prepare.py, src/train.py)")
        port = free_port()
        server = Process(
            [sys.executable, "src/serve.py"],
            cwd=project,
            log=project / "serve.log",
            env={**environ, "HOST": "127.0.0.1", "PORT": str(port)},
        )
        watch = Watch(
            project / ".watch",
            project / "monitoring/prometheus/rules.yml",
            Target("serving-digits", port, labels={"namespace": "serving-digits-staging"}),
            alertmanager=project / "monitoring/alertmanager.yml",
        )
        try:
            wait_until_ok(f"http://127.0.0.1:{port}/health", server)
            watch.start()
            say(
                f"serve.py pid {server.pid} on 127.0.0.1:{port}; prometheus and alertmanager pids"
                f" {', '.join(str(p.pid) for p in watch.processes)}"
            )
            say(f"healthy traffic: {dict(send(port, '/predict', HEALTHY, 50))}")
            up = watch.wait_for(lambda: watch.query('up{job="serving-digits"} == 1'))
            say(f"up == 1: {[s['metric']['namespace'] for s in up]}")
            ratio = 'slo:sli_error:ratio_rate5m{slo="error_rate"}'
            send(port, "/predict", HEALTHY, 50)  # a second batch: the rate has two points
            value = watch.wait_for(
                lambda: [s for s in watch.query(ratio) if s["value"][1] != "NaN"], timeout=30
            )
            say(f"{ratio} = {[(s['metric']['environment'], s['value'][1]) for s in value]}")
            firing = watch.wait_for(lambda: watch.firing(), timeout=20) or []
            say(f"firing: {sorted((a['alertname'], a['environment']) for a in firing)}")
            say(f"failing traffic: {dict(send(port, '/predict', FAILING, 200))}")
            burn = watch.wait_for(
                lambda: [a for a in watch.firing() if a["alertname"] == "ErrorRateBudgetBurnFast"]
            )
            say(
                f"firing: {[(a['alertname'], a['environment'], a['severity']) for a in burn or []]}"
            )
            hook = watch.wait_for(
                lambda: [
                    a
                    for a in watch.receiver.alerts()
                    if a["labels"]["alertname"] == "ErrorRateBudgetBurnFast"
                ]
            )
            say(
                "webhook received: "
                + str(
                    [
                        (a["labels"]["alertname"], a["labels"]["environment"], a["status"])
                        for a in hook or []
                    ]
                )
            )
            server.stop()
            say(f"stopped serve.py (pid {server.pid})")
            down = watch.wait_for(
                lambda: [a for a in watch.firing() if a["alertname"] == "ServingDown"]
            )
            say(f"firing: {[(a['alertname'], a['environment']) for a in down or []]}")
            url = f"{watch.alertmanager_url}/api/v2/alerts"
            muted = watch.wait_for(
                lambda: [a for a in get_json(url) if a["status"]["state"] == "suppressed"],
                timeout=30,
            )
            say(
                "alertmanager suppressed: "
                + str([(a["labels"]["alertname"], a["labels"]["environment"]) for a in muted or []])
            )
        finally:
            server.stop()
            watch.stop()
            say("stopped prometheus, alertmanager and the webhook receiver")


if __name__ == "__main__":
    main()
