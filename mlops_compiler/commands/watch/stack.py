"""A real Prometheus and Alertmanager on 127.0.0.1, run with the generated monitoring files.

Prometheus evaluates the generated rules every second against a scrape of the serving process
(labelled as one environment's namespace, as Kubernetes discovery would); Alertmanager routes
everything to a webhook receiver that records it, with the generated inhibit rules. The only
change to the rules is their `for:` hold, shortened (``hold``) so a rehearsal lasts seconds.
Debian's `prometheus` and `prometheus-alertmanager` packages provide the binaries.

The rules are loaded only once Prometheus has scraped the target (an empty rule file first,
then a SIGHUP to its own pid): on a loaded machine the first scrape can come seconds after
start, longer than the shortened hold, and `ServingAbsent` would fire for an environment that
is merely not scraped *yet*. After that, an absent alert means nothing is scraped there.
"""

from __future__ import annotations

import shutil
import signal
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import field
from pathlib import Path
from typing import Any

import yaml

from mlops_compiler.commands.watch.services import (
    HOST,
    Process,
    Receiver,
    free_port,
    get_json,
    wait_until_ok,
)
from mlops_compiler.dataclass import dataclass

PROMETHEUS = ("prometheus",)
ALERTMANAGER = ("prometheus-alertmanager", "alertmanager")


def binary(names: tuple[str, ...]) -> str:
    """The first of ``names`` on PATH."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    raise FileNotFoundError(
        f"none of {', '.join(names)} is installed (Debian: apt-get install"
        " prometheus prometheus-alertmanager)"
    )


@dataclass(frozen=True)
class Target:
    """The serving process Prometheus scrapes, and the labels discovery would give it."""

    job: str
    port: int
    metrics_path: str = "/metrics"
    labels: dict[str, str] = field(default_factory=dict)


SCRAPE_SECONDS = 1
"""Prometheus scrapes and evaluates every second here."""
HOLD_SCRAPES = 2
"""The shortened `for:` hold, in scrape intervals: one late scrape never fires an alert."""


def hold_for(scrape_seconds: int = SCRAPE_SECONDS) -> str:
    """The `for:` hold a rehearsal uses: ``HOLD_SCRAPES`` scrape intervals."""
    return f"{HOLD_SCRAPES * scrape_seconds}s"


def shortened(rules: dict[str, Any], hold: str) -> dict[str, Any]:
    """The rule file with every `for:` replaced by ``hold``."""
    groups = []
    for group in rules.get("groups", []):
        kept = []
        for rule in group["rules"]:
            rule = dict(rule)
            if "for" in rule:
                rule["for"] = hold
            kept.append(rule)
        groups.append({**group, "interval": f"{SCRAPE_SECONDS}s", "rules": kept})
    return {"groups": groups}


class Watch:
    """Prometheus, Alertmanager and a webhook receiver; ``stop`` ends all three."""

    def __init__(
        self,
        workdir: Path,
        rules: Path,
        target: Target,
        alertmanager: Path | None = None,
        hold: str | None = None,
    ) -> None:
        self.workdir = workdir
        self.target = target
        self.hold = hold or hold_for()
        self.receiver = Receiver()
        self.processes: list[Process] = []
        workdir.mkdir(parents=True, exist_ok=True)
        generated = yaml.safe_load(rules.read_text(encoding="utf-8"))
        self.rules = shortened(generated, self.hold)
        (workdir / "rules.yml").write_text(yaml.safe_dump({"groups": []}))
        inhibit = []
        if alertmanager is not None:
            inhibit = yaml.safe_load(alertmanager.read_text()).get("inhibit_rules", [])
        self.inhibit_rules = inhibit
        self.am_port, self.prom_port = free_port(), free_port()
        self.prometheus_url = f"http://{HOST}:{self.prom_port}"
        self.alertmanager_url = f"http://{HOST}:{self.am_port}"

    def start(self, scrape_timeout: float = 60.0) -> None:
        """Start Alertmanager, then Prometheus; wait until both are ready and the target has
        been scraped once, then load the rules (see the module's docstring)."""
        try:
            self._start_alertmanager()
            self._start_prometheus()
            self.first_scrape(scrape_timeout)
            self._load_rules()
        except BaseException:
            self.stop()
            raise

    def first_scrape(self, timeout: float) -> dict[str, Any]:
        """Until Prometheus reports a first scrape of the target (up or down); its entry in
        `/api/v1/targets`. Raises after ``timeout`` seconds."""

        def scraped() -> dict[str, Any] | None:
            active = get_json(f"{self.prometheus_url}/api/v1/targets")["data"]["activeTargets"]
            done = [t for t in active if not str(t.get("lastScrape", "")).startswith("0001-")]
            return done[0] if done else None

        found = self.wait_for(scraped, timeout=timeout, every=0.2)
        if found is None:
            raise RuntimeError(
                f"Prometheus did not scrape {HOST}:{self.target.port} within {timeout:g}s:\n"
                + self.processes[-1].output()
            )
        result: dict[str, Any] = found
        return result

    def _load_rules(self, timeout: float = 30.0) -> None:
        (self.workdir / "rules.yml").write_text(yaml.safe_dump(self.rules), encoding="utf-8")
        prometheus = self.processes[-1]
        prometheus.send_signal(signal.SIGHUP)
        names = {group["name"] for group in self.rules["groups"]}

        def loaded() -> bool:
            groups = get_json(f"{self.prometheus_url}/api/v1/rules")["data"]["groups"]
            return {group["name"] for group in groups} == names

        if names and not self.wait_for(loaded, timeout=timeout, every=0.2):
            raise RuntimeError(f"Prometheus did not load the rules:\n{prometheus.output()}")

    def _start_alertmanager(self) -> None:
        config = {
            "route": {
                "receiver": "rehearsal",
                "group_by": ["alertname", "model", "environment"],
                "group_wait": "1s",
                "group_interval": "1s",
                "repeat_interval": "1h",
            },
            "inhibit_rules": self.inhibit_rules,
            "receivers": [
                {
                    "name": "rehearsal",
                    "webhook_configs": [{"url": self.receiver.url, "send_resolved": True}],
                }
            ],
        }
        path = self.workdir / "alertmanager.yml"
        path.write_text(yaml.safe_dump(config), encoding="utf-8")
        process = Process(
            [
                binary(ALERTMANAGER),
                f"--config.file={path}",
                f"--storage.path={self.workdir / 'alertmanager-data'}",
                f"--web.listen-address={HOST}:{self.am_port}",
                "--cluster.listen-address=",
            ],
            cwd=self.workdir,
            log=self.workdir / "alertmanager.log",
        )
        self.processes.append(process)
        wait_until_ok(f"{self.alertmanager_url}/-/ready", process)

    def _start_prometheus(self) -> None:
        target = self.target
        config = {
            "global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
            "rule_files": ["rules.yml"],
            "alerting": {
                "alertmanagers": [{"static_configs": [{"targets": [f"{HOST}:{self.am_port}"]}]}]
            },
            "scrape_configs": [
                {
                    "job_name": target.job,
                    "metrics_path": target.metrics_path,
                    "scrape_timeout": "1s",
                    "static_configs": [
                        {"targets": [f"{HOST}:{target.port}"], "labels": dict(target.labels)}
                    ],
                }
            ],
        }
        path = self.workdir / "prometheus.yml"
        path.write_text(yaml.safe_dump(config), encoding="utf-8")
        process = Process(
            [
                binary(PROMETHEUS),
                f"--config.file={path}",
                f"--storage.tsdb.path={self.workdir / 'prometheus-data'}",
                f"--web.listen-address={HOST}:{self.prom_port}",
                "--rules.alert.resend-delay=1s",
            ],
            cwd=self.workdir,
            log=self.workdir / "prometheus.log",
        )
        self.processes.append(process)
        wait_until_ok(f"{self.prometheus_url}/-/ready", process)

    def query(self, expr: str) -> list[dict[str, Any]]:
        """An instant query: the result vector."""
        url = f"{self.prometheus_url}/api/v1/query?query={urllib.parse.quote(expr)}"
        document = get_json(url)
        assert document["status"] == "success", document
        result: list[dict[str, Any]] = document["data"]["result"]
        return result

    def firing(self) -> list[dict[str, str]]:
        """The labels of every alert Prometheus has firing now."""
        alerts = get_json(f"{self.prometheus_url}/api/v1/alerts")["data"]["alerts"]
        return [alert["labels"] for alert in alerts if alert["state"] == "firing"]

    def wait_for(self, check: Callable[[], Any], timeout: float = 60.0, every: float = 0.5) -> Any:
        """Until ``check()`` is truthy; its value, or None after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = check()
            if value:
                return value
            time.sleep(every)
        return None

    def stop(self) -> None:
        """Stop Prometheus, Alertmanager and the receiver (each by its own id)."""
        for process in reversed(self.processes):
            process.stop()
        self.receiver.stop()
