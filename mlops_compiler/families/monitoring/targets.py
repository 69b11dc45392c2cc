"""The generated files of `monitoring`: monitoring/prometheus/, the dashboard, Alertmanager,
the drift workflow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlops_compiler.families.delivery import documents as documents_delivery
from mlops_compiler.families.monitoring import documents as docs
from mlops_compiler.families.monitoring.exporters import MLFLOW_WRAPPER, wrapper_context
from mlops_compiler.families.monitoring.ir import (
    Monitoring,
)
from mlops_compiler.families.target import Target, fixed_target

if TYPE_CHECKING:  # annotations only: the project IR sits above the families
    pass


PROMETHEUS_DIR = "monitoring/prometheus"


def monitoring_targets(m: Monitoring, spec_name: str) -> list[Target]:
    """Rules and their tests, the dashboard, Alertmanager if alerting, monitor.yml if drift."""
    section = "monitoring"
    targets = [
        fixed_target(
            f"{PROMETHEUS_DIR}/rules.yml",
            "monitoring/rules.yml.jinja",
            section,
            "yaml",
            {"monitoring": m},
            docs.rules(m),
        ),
        fixed_target(
            f"{PROMETHEUS_DIR}/rules.test.yml",
            "monitoring/rules.test.yml.jinja",
            section,
            "yaml",
            {"monitoring": m},
            docs.rule_tests(m),
        ),
    ]
    board = docs.dashboard(m.dashboard, spec_name)
    targets.append(
        fixed_target(
            f"monitoring/grafana/{m.model}-dashboard.json",
            "monitoring/dashboard.json.jinja",
            section,
            "json",
            {"dashboard": board},
            board,
        )
    )
    if m.alertmanager is not None:
        targets.append(
            fixed_target(
                "monitoring/alertmanager.yml",
                "monitoring/alertmanager.yml.jinja",
                section,
                "yaml",
                {"alertmanager": m.alertmanager},
                docs.alertmanager(m.alertmanager),
            )
        )
    if m.wrapper:
        targets.append(
            fixed_target(
                MLFLOW_WRAPPER,
                "monitoring/serve_mlflow.py.jinja",
                section,
                "python",
                wrapper_context(),
                None,
            )
        )
    if m.workflow is not None:
        targets += [
            fixed_target(
                m.workflow.output or m.workflow.path,
                "github/monitor.yml.jinja",
                section,
                "yaml",
                {"workflow": m.workflow},
                documents_delivery.workflow(m.workflow),
            ),
            fixed_target(
                "monitoring/drift.py", "monitoring/drift.py.jinja", section, "python", {}, None
            ),
        ]
    return targets
