"""`mlops compile` is a fixed point: right after it, `mlops compile --check` finds nothing to do.

Generated specs (hypothesis, derandomized, bounded) mix what makes a generated file an input
of the same compile too: stages that read the params.yaml compile writes (`{params.yaml:
null}`, `{params.yaml: [keys]}`, dotted keys), params files of the layout read by a stage, a
requirements file, MLflow environments. After the first compile, and again after a change of
the params, `compile --check` must exit 0, with the fast path and without it.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlops_compiler.entry import run

FIXED_POINT = settings(
    derandomize=True,
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)
KEYS = st.sampled_from(["lr", "seed", "depth", "name"])
VALUES = st.one_of(st.integers(-5, 100), st.floats(0.01, 9.0), st.sampled_from(["a", "b c"]))
EXTRA = "conf/extra.yaml"


@st.composite
def specs(draw: st.DrawFn) -> dict[str, Any]:
    """A valid spec whose stages read the params files the same compile writes."""
    params = draw(st.dictionaries(KEYS, VALUES, min_size=1, max_size=3))
    spec: dict[str, Any] = {"version": 1, "project": {"name": "fixed"}, "params": params}
    extra = draw(st.none() | st.dictionaries(KEYS, VALUES, min_size=1, max_size=2))
    if extra is not None:
        spec["params_files"] = {EXTRA: extra}
    if draw(st.booleans()):
        spec["project"]["requirements"] = "requirements.txt"
    choices: list[Any] = [{"params.yaml": None}, {"params.yaml": sorted(params)}, *params]
    if extra is not None:
        choices += [{EXTRA: None}, {EXTRA: sorted(extra)}]
    stages = {}
    for index in range(draw(st.integers(1, 3))):
        reads = draw(st.lists(st.sampled_from(choices), min_size=1, max_size=3, unique_by=str))
        stages[f"s{index}"] = {"cmd": f"python s{index}.py", "params": reads}
    spec["pipeline"] = {"stages": stages}
    kind = draw(st.sampled_from([None, "python_env", "conda", "local"]))
    if kind is not None:
        spec["environment"] = {"kind": kind}
        spec["entry_points"] = {"main": {"command": "python s0.py"}}
    return spec


def _run(*argv: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = run(list(argv))  # the console command: the fast path first, unless --no-fast
    return code, err.getvalue()


def _assert_fixed_point(spec_file: Path) -> None:
    code, err = _run("compile", "-f", str(spec_file))
    assert code == 0, err
    for fast in ([], ["--no-fast"]):
        code, err = _run("compile", "--check", *fast, "-f", str(spec_file))
        assert code == 0, (fast, err)


@FIXED_POINT
@given(spec=specs(), changed=VALUES)
def test_compile_then_check_is_exit_0(spec: dict[str, Any], changed: Any) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "requirements.txt").write_text("numpy\n", encoding="utf-8")
        spec_file = root / "mlops.yaml"
        spec_file.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
        _assert_fixed_point(spec_file)
        key = next(iter(spec["params"]))
        spec["params"][key] = changed  # a params change, then compile again
        spec_file.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
        _assert_fixed_point(spec_file)


def test_a_stage_reading_the_whole_generated_params_yaml_is_a_fixed_point(
    tmp_path: Path,
) -> None:
    spec = {
        "version": 1,
        "project": {"name": "fixed"},
        "params": {"lr": 0.1},
        "pipeline": {
            "stages": {"train": {"cmd": "python t.py", "params": [{"params.yaml": None}]}}
        },
    }
    spec_file = tmp_path / "mlops.yaml"
    spec_file.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    _assert_fixed_point(spec_file)
