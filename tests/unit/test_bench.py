"""The benchmark measures real work: its generated specs compile cleanly."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from support import write_tree

from mlops_compiler import compile_spec
from mlops_compiler.load.loader import MAX_SPEC_BYTES, load_spec_bytes

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench.py"


@pytest.fixture
def bench(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """benchmarks/bench.py as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench", module)  # its dataclasses look it up there
    spec.loader.exec_module(module)
    return module


def test_the_generated_chain_compiles_without_a_warning(bench: ModuleType, tmp_path: Path) -> None:
    write_tree(tmp_path, {"mlops.yaml": bench.spec_with_stages(25)})
    tree = compile_spec(tmp_path / "mlops.yaml")
    assert tree.warnings == ()
    stages = yaml.safe_load(tree.texts()["dvc.yaml"])["stages"]
    assert list(stages) == [f"s{index}" for index in range(25)]
    for index in range(1, 25):
        assert f"d/s{index - 1}.csv" in stages[f"s{index}"]["deps"]


def test_the_largest_chain_fits_the_spec_caps(bench: ModuleType) -> None:
    """10,000 stages (issue 19's largest row) stays under the size cap and the node budget."""
    text = bench.spec_with_stages(10_000)
    assert len(text.encode()) <= MAX_SPEC_BYTES
    document = load_spec_bytes(text.encode(), Path("mlops.yaml"))
    assert len(document.data["pipeline"]["stages"]) == 10_000
