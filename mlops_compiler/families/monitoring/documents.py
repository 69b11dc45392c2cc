"""The data each monitoring output must parse back to (see ``render/readback``)."""

from __future__ import annotations

from typing import Any

from mlops_compiler.families.monitoring.ir import (
    Alertmanager,
    Dashboard,
    Monitoring,
    Rule,
    Variable,
)


def rules(monitoring: Monitoring) -> dict[str, Any]:
    """rules.yml."""
    return {
        "groups": [
            {"name": group.name, "rules": [_rule(rule) for rule in group.rules]}
            for group in monitoring.groups
        ]
    }


def _rule(rule: Rule) -> dict[str, Any]:
    document: dict[str, Any] = (
        {"record": rule.record} if rule.record is not None else {"alert": rule.alert}
    )
    document["expr"] = rule.expr
    if rule.duration is not None:
        document["for"] = rule.duration
    if rule.labels:
        document["labels"] = dict(rule.labels)
    if rule.annotations:
        document["annotations"] = dict(rule.annotations)
    return document


def rule_tests(monitoring: Monitoring) -> dict[str, Any]:
    """rules.test.yml, promtool's unit-test format."""
    tests = []
    for test in monitoring.tests:
        expected = []
        for labels, notes in test.expected:
            alert: dict[str, Any] = {"exp_labels": dict(labels)}
            if notes:
                alert["exp_annotations"] = dict(notes)
            expected.append(alert)
        tests.append(
            {
                "name": test.name,
                "interval": "1m",
                "input_series": [{"series": s.series, "values": s.values} for s in test.series],
                "alert_rule_test": [
                    {
                        "eval_time": test.eval_time,
                        "alertname": test.alertname,
                        "exp_alerts": expected,
                    }
                ],
            }
        )
    return {"rule_files": ["rules.yml"], "evaluation_interval": "5m", "tests": tests}


def alertmanager(config: Alertmanager) -> dict[str, Any]:
    """alertmanager.yml."""
    route: dict[str, Any] = {
        "receiver": config.default,
        "group_by": list(config.group_by),
        "group_wait": "30s",
        "group_interval": "5m",
        "repeat_interval": config.repeat_interval,
    }
    if config.routes:
        route["routes"] = [
            {"receiver": receiver, "matchers": [matcher]} for matcher, receiver in config.routes
        ]
    receivers = [{"name": r.name, f"{r.kind}_configs": [dict(r.options)]} for r in config.receivers]
    document: dict[str, Any] = {"route": route}
    if config.inhibit:
        document["inhibit_rules"] = [
            {
                "source_matchers": list(rule.source),
                "target_matchers": list(rule.target),
                "equal": list(rule.equal),
            }
            for rule in config.inhibit
        ]
    document["receivers"] = receivers
    return document


def _variable(variable: Variable) -> dict[str, Any]:
    document: dict[str, Any] = {
        "name": variable.name,
        "label": variable.label,
        "type": variable.kind,
        "hide": 2 if variable.hidden else 0,
        "multi": True,
        "includeAll": True,
        "current": {"text": "All", "value": "$__all"},
    }
    if variable.kind == "custom":
        document["query"] = variable.query
    else:
        document["datasource"] = {"type": "prometheus", "uid": "${datasource}"}
        document["definition"] = variable.query
        document["query"] = {"query": variable.query, "refId": variable.name}
        document["refresh"] = 2
    return document


def dashboard(board: Dashboard, spec_name: str) -> dict[str, Any]:
    """A Grafana dashboard (the classic JSON model), two panels a row. JSON has no comments:
    the description says where the file comes from."""
    panels = []
    for index, panel in enumerate(board.panels):
        steps: list[dict[str, Any]] = [{"color": "green", "value": None}]
        steps += [{"color": "red", "value": value} for value in panel.thresholds]
        panels.append(
            {
                "id": index + 1,
                "type": "timeseries",
                "title": panel.title,
                "datasource": {"type": "prometheus", "uid": "${datasource}"},
                "gridPos": {"h": 8, "w": 12, "x": 12 * (index % 2), "y": 8 * (index // 2)},
                "fieldConfig": {
                    "defaults": {
                        "unit": panel.unit,
                        "thresholds": {"mode": "absolute", "steps": steps},
                        "custom": {"thresholdsStyle": {"mode": "line"}},
                    },
                    "overrides": [],
                },
                "targets": [
                    {
                        "refId": chr(ord("A") + number),
                        "datasource": {"type": "prometheus", "uid": "${datasource}"},
                        "expr": expr,
                        "legendFormat": legend,
                    }
                    for number, (legend, expr) in enumerate(panel.queries)
                ],
            }
        )
    return {
        "uid": board.uid,
        "title": board.title,
        "description": f"Generated by mlops-compiler from {spec_name}; do not edit it by hand.",
        "tags": ["mlops-compiler"],
        "editable": False,
        "schemaVersion": 39,
        "version": 1,
        "time": {"from": "now-24h", "to": "now"},
        "refresh": "1m",
        "timezone": "utc",
        "templating": {
            "list": [
                {
                    "name": "datasource",
                    "label": "Prometheus",
                    "type": "datasource",
                    "query": "prometheus",
                    "hide": 0,
                },
                *(_variable(variable) for variable in board.variables),
            ]
        },
        "panels": panels,
    }
