"""Unit tests of the monitoring and deploy lowering, and of the generated drift script."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from mlops_compiler import compile_spec
from mlops_compiler.families.deploy.checks import image_problem
from mlops_compiler.families.deploy.lower import kubernetes_name, split_image
from mlops_compiler.families.monitoring import rules as slo_rules
from mlops_compiler.render.engine import _parse_json
from mlops_compiler.render.filters import json_document

ROOT = Path(__file__).resolve().parents[2]
SERVING = ROOT / "examples/serving/mlops.yaml"


@pytest.fixture(scope="module")
def drift(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    """monitoring/drift.py as the compiler generates it, imported as a module."""
    path = tmp_path_factory.mktemp("drift") / "drift.py"
    path.write_text(compile_spec(SERVING).files["monitoring/drift.py"].text, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("generated_drift", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["generated_drift"] = module
    spec.loader.exec_module(module)
    return module


RNG = np.random.default_rng(20)
REFERENCE = RNG.normal(0.0, 1.0, 5000)
SAME = RNG.normal(0.0, 1.0, 2000)
SHIFTED = RNG.normal(1.0, 1.0, 2000)


@pytest.mark.parametrize(("statistic", "threshold"), [("psi", 0.2), ("ks", 0.1)])
def test_drift_statistics_separate_drifted_from_same_distribution(
    drift: ModuleType, statistic: str, threshold: float
) -> None:
    score = drift.STATISTICS[statistic]
    assert score(REFERENCE, SAME) < threshold
    assert score(REFERENCE, SHIFTED) > threshold
    assert score(REFERENCE, REFERENCE) == pytest.approx(0.0, abs=1e-9)


def test_psi_of_a_constant_feature_is_finite(drift: ModuleType) -> None:
    assert drift.psi(np.zeros(100), np.zeros(50)) == pytest.approx(0.0)
    assert 0 < drift.psi(np.zeros(100), np.ones(50)) < 100


def _csv(path: Path, columns: dict[str, list[str]]) -> Path:
    rows = zip(*columns.values(), strict=True)
    path.write_text(",".join(columns) + "\n" + "".join(",".join(r) + "\n" for r in rows))
    return path


def test_the_script_reports_signals_over_their_thresholds(
    drift: ModuleType, tmp_path: Path
) -> None:
    reference = _csv(
        tmp_path / "reference.csv",
        {"x": [f"{v:.4f}" for v in REFERENCE[:1000]], "prediction": ["1"] * 1000},
    )
    values = [f"{v:.4f}" for v in SHIFTED[:1000]]
    values[:100] = [""] * 100
    current = _csv(tmp_path / "current.csv", {"x": values, "prediction": ["1"] * 1000})
    args = [
        "--model=m",
        f"--reference={reference}",
        f"--current={current}",
        "--prediction=prediction",
        "--thresholds=feature_drift=0.2,prediction_shift=0.2,missing_values=0.05",
        f"--metrics={tmp_path / 'drift.prom'}",
        f"--github-output={tmp_path / 'out'}",
    ]
    assert drift.main(args) == 0
    assert (tmp_path / "out").read_text() == (
        "drifted=true\nsignals=feature_drift,missing_values\nstatus=drift\n"
    )
    metrics = (tmp_path / "drift.prom").read_text()
    assert 'mlops_missing_value_ratio{model="m",feature="x"} 0.1\n' in metrics
    assert 'mlops_prediction_shift_score{model="m",statistic="psi"} 0.0\n' in metrics
    assert set(slo_rules.DRIFT_METRICS.values()) <= {
        line.split("{")[0] for line in metrics.splitlines() if not line.startswith("#")
    }


def test_the_script_refuses_unusable_input(drift: ModuleType, tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("x\n")
    assert drift.main(["--model=m", f"--reference={empty}", f"--current={empty}"]) == 2
    assert drift.parse_thresholds("feature_drift=0.3") == {"feature_drift": 0.3}
    with pytest.raises(ValueError, match="unknown signal 'drift'"):
        drift.parse_thresholds("drift=0.3")


@pytest.mark.parametrize(
    ("text", "minutes"), [("1h", 60), ("30m", 30), ("1h30m", 90), ("90s", 2), ("1d", 1440)]
)
def test_duration_minutes(text: str, minutes: int) -> None:
    assert slo_rules.duration_minutes(text) == minutes


def test_bucket_labels_are_written_as_the_python_client_writes_them() -> None:
    assert [slo_rules.le_label(v) for v in (0.25, 1, 2.5)] == ["0.25", "1.0", "2.5"]


def test_label_values_are_escaped_in_promql() -> None:
    assert slo_rules.selector(job='a"b\\c') == '{job="a\\"b\\\\c"}'


def test_burn_rate_thresholds_follow_the_sre_workbook() -> None:
    rules = compile_spec(SERVING).files["monitoring/prometheus/rules.yml"].text
    assert "> (14.4 * 0.001)" in rules  # error_rate 99.9: 2% of the budget in an hour
    assert "> (6 * 0.005)" in rules  # availability 99.5: 5% in six hours
    assert "> (3 * 0.01)" in rules  # latency p99: 10% in a day
    assert "> (1 * 0.01)" in rules  # ... and 10% in three days


@pytest.mark.parametrize(
    ("image", "problem"),
    [
        ("ghcr.io/acme/app:1.2.0", None),
        ("registry:5000/app:1.2.0", None),
        ("ghcr.io/acme/app@sha256:" + "a" * 64, None),
        ("ghcr.io/acme/app:1.2.0@sha256:" + "a" * 64, None),
        ("ghcr.io/acme/app", "no tag or digest"),
        ("registry:5000/app", "no tag or digest"),
        ("ghcr.io/acme/app:latest", "the tag `latest`, which moves"),
        ("ghcr.io/acme/app@sha256:abc", "a bad digest"),
    ],
)
def test_image_pinning(image: str, problem: str | None) -> None:
    assert image_problem(image) == problem


def test_image_references_split_into_kustomize_parts() -> None:
    assert split_image("registry:5000/a/app:1.0") == ("registry:5000/a/app", "1.0", None)
    digest = "sha256:" + "b" * 64
    assert split_image(f"app@{digest}") == ("app", None, digest)


def test_kubernetes_names() -> None:
    assert kubernetes_name("My_Model") == "my-model"
    assert kubernetes_name("serving-digits") == "serving-digits"


def test_json_outputs_are_strict() -> None:
    assert json_document({"b": 1, "a": [1.5]}) == '{\n  "b": 1,\n  "a": [\n    1.5\n  ]\n}'
    assert _parse_json('{"a": 1, "a": 2}').startswith("unparseable: repeated key")
    assert _parse_json('{"a": NaN}').startswith("unparseable: NaN")
    with pytest.raises(ValueError):
        json_document({"a": float("nan")})
