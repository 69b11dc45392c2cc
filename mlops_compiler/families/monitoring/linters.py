"""The tools that own the monitoring files: promtool (rules and their tests) and amtool."""

from __future__ import annotations

from mlops_compiler.families.linters import Linter, has_keys, prometheus_rules

LINTERS: tuple[Linter, ...] = (
    Linter(
        "promtool",
        ("promtool",),
        ("check", "rules"),
        "apt install prometheus (Debian), or a Prometheus release",
        prometheus_rules,
    ),
    Linter(
        "promtool",
        ("promtool",),
        ("test", "rules"),
        "apt install prometheus (Debian), or a Prometheus release",
        has_keys("rule_files", "tests"),
    ),
    Linter(
        "amtool",
        ("amtool",),
        ("check-config",),
        "apt install prometheus-alertmanager (Debian), or an Alertmanager release",
        has_keys("route", "receivers"),
    ),
)
