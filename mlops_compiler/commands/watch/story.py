"""The watch story, told to a running ``stack.Watch``: healthy traffic fires nothing, failing
traffic fires the error-rate burn alert in the scraped environment only and reaches the
webhook, a stopped server fires `ServingDown` and Alertmanager mutes the burn alerts.

Each chapter returns (held, what was seen): `mlops rehearse --watch` reports it as a step, the
README's transcript is its output. Traffic is bounded (``traffic.MAX_REQUESTS``), every wait
has a deadline.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from mlops_compiler.commands.watch.services import Process, get_json
from mlops_compiler.commands.watch.stack import HOLD_SCRAPES, SCRAPE_SECONDS, Watch
from mlops_compiler.commands.watch.traffic import send

BURN = "ErrorRateBudgetBurnFast"
DOWN = "ServingDown"
RATIO = 'slo:sli_error:ratio_rate5m{slo="error_rate"}'
QUIET_HOLDS = 3
"""How many `for:` holds of healthy traffic must pass with nothing firing."""


class Story:
    """The chapters, against one server on ``port`` watched as ``environment``."""

    def __init__(
        self,
        watch: Watch,
        port: int,
        path: str,
        environment: str | None,
        *,
        healthy: int = 50,
        failing: int = 200,
    ) -> None:
        self.watch = watch
        self.port = port
        self.path = path
        self.environment = environment
        self.counts = (healthy, failing)
        alerts = {r.get("alert") for g in watch.rules["groups"] for r in g["rules"]}
        self.burns = BURN in alerts

    def here(self, name: str | None = None) -> list[dict[str, str]]:
        """The alerts firing in the watched environment (named ``name``, if given)."""
        return [
            a
            for a in self.watch.firing()
            if a.get("environment") == self.environment and name in (None, a["alertname"])
        ]

    def elsewhere(self) -> list[tuple[str, str]]:
        """(alert, environment) of what fires in the other environments."""
        return sorted(
            (a["alertname"], a.get("environment", ""))
            for a in self.watch.firing()
            if a.get("environment") != self.environment
        )

    def healthy(self, body: bytes) -> tuple[bool, str]:
        """Healthy traffic: the error ratio is recorded, nothing fires here over a few holds."""
        codes = send(self.port, self.path, body, self.counts[0])
        seen = f"answers {_codes(codes)}"
        if set(codes) != {200}:
            return False, f"{seen}: a healthy request must be answered 200"
        where = f'environment="{self.environment}"' if self.environment else ""
        ratio = RATIO.replace("}", f",{where}}}") if where else RATIO
        value = self.watch.wait_for(
            lambda: [s["value"][1] for s in self.watch.query(ratio) if s["value"][1] != "NaN"],
            timeout=30,
        )
        if self.burns and not value:
            return False, f"{seen}; no {ratio} recorded within 30s"
        seconds = QUIET_HOLDS * HOLD_SCRAPES * SCRAPE_SECONDS
        fired = self.watch.wait_for(self.here, timeout=seconds)
        seen += f"; error ratio {value[0] if value else 'n/a'}"
        if fired:
            return False, f"{seen}; fired: {sorted(a['alertname'] for a in fired)}"
        return True, f"{seen}; nothing fires here for {seconds}s; elsewhere: {self.elsewhere()}"

    def failing(self, body: bytes) -> tuple[bool, str]:
        """Failing traffic: the fast burn alert fires here only, and reaches the webhook."""
        if not self.burns:
            return True, f"no {BURN} rule (no error_rate objective): nothing to fire"
        codes = send(self.port, self.path, body, self.counts[1])
        seen = f"answers {_codes(codes)}"
        if not any(code >= 500 for code in codes):
            return False, f"{seen}: no 5xx, so no error budget burns (send requests it fails on)"
        fired = self.watch.wait_for(lambda: self.here(BURN), timeout=60)
        if not fired:
            return False, f"{seen}; {BURN} did not fire within 60s"
        burning = {a.get("environment") for a in self.watch.firing() if a["alertname"] == BURN}
        hook = self.watch.wait_for(lambda: self._received(BURN), timeout=30) or []
        seen += f"; firing {BURN}{_labels(fired[0], 'environment', 'severity')}"
        seen += f"; webhook received {[(a['labels']['alertname'], a['status']) for a in hook]}"
        return bool(hook) and burning == {self.environment}, seen

    def stopped(self, server: Process) -> tuple[bool, str]:
        """The server stopped: `ServingDown` fires here, Alertmanager mutes the burn alerts."""
        server.stop()
        down = self.watch.wait_for(lambda: self.here(DOWN), timeout=60)
        seen = f"stopped pid {server.pid}"
        if not down:
            return False, f"{seen}; {DOWN} did not fire within 60s"
        seen += f"; firing {DOWN}{_labels(down[0], 'environment')}"
        if not self.burns:
            return True, seen
        url = f"{self.watch.alertmanager_url}/api/v2/alerts"
        muted = self.watch.wait_for(
            lambda: sorted(
                a["labels"]["alertname"]
                for a in get_json(url)
                if a["status"]["state"] == "suppressed"
                and a["labels"].get("environment") == self.environment
            ),
            timeout=30,
        )
        return bool(muted), f"{seen}; alertmanager suppressed {muted}"

    def _received(self, name: str) -> list[dict[str, Any]]:
        return [a for a in self.watch.receiver.alerts() if a["labels"]["alertname"] == name]


def _codes(codes: Counter[int]) -> str:
    return ", ".join(f"{n} x {code}" for code, n in sorted(codes.items()))


def _labels(alert: dict[str, str], *names: str) -> str:
    return "{" + ",".join(f"{n}={alert[n]}" for n in names if n in alert) + "}"
