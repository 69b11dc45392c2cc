"""CI time (issue 14): the generated promtool tests prove each alert fires and stays silent in
few evaluations. A day of one-minute samples per slow-burn case once cost 26 s of promtool per
run of the serving example's tests (three runs in the e2e suite), and proved nothing more:
a ratio of two rates is exact as soon as its window holds two samples."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from mlops_compiler import compile_spec

ROOT = Path(__file__).resolve().parents[2]
RULE_TESTS = "monitoring/prometheus/rules.test.yml"


def _minutes(duration: str) -> int:
    units = {"m": 1, "h": 60, "d": 1440}
    return sum(int(n) * units[u] for n, u in re.findall(r"(\d+)([mhd])", duration))


def test_the_serving_rule_tests_evaluate_a_few_hundred_steps() -> None:
    tests = yaml.safe_load(
        compile_spec(ROOT / "examples/serving/mlops.yaml").files[RULE_TESTS].text
    )
    every = _minutes(tests["evaluation_interval"])
    cases = tests["tests"]
    steps = sum(_minutes(c["alert_rule_test"][0]["eval_time"]) // every for c in cases)
    longest = max(
        int(v.rsplit("x", 1)[1]) for c in cases for s in c["input_series"] for v in [s["values"]]
    )
    assert (len(cases), steps, longest) == (24, 356, 140)  # was (24, 1940, 1460)
