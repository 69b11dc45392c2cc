"""Loading, checking and rendering a spec run without the cycle collector, which is restored.

With CPython's default thresholds the collector re-walks every live object again and again
while a large spec loads: 60% of a 10,000-stage compile (benchmarks/bench.py measures it).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mlops_compiler.compiler import compile_spec
from mlops_compiler.load import builder
from tests.support import MINIMAL_SPEC, write_tree


@pytest.fixture
def collector_while_building(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """Whether the collector was on each time the loader built the spec's root value."""
    seen: list[bool] = []
    build = builder.Builder.build

    def watched(self: builder.Builder, node: Any, loc: tuple[Any, ...]) -> Any:
        if loc == ():
            seen.append(gc.isenabled())
        return build(self, node, loc)

    monkeypatch.setattr(builder.Builder, "build", watched)
    yield seen


def test_the_spec_loads_without_the_collector_and_it_is_back_on_after(
    tmp_path: Path, collector_while_building: list[bool]
) -> None:
    write_tree(tmp_path, {"mlops.yaml": MINIMAL_SPEC})
    assert gc.isenabled()
    compile_spec(tmp_path / "mlops.yaml")
    assert collector_while_building == [False]
    assert gc.isenabled()


def test_a_caller_that_disabled_the_collector_keeps_it_off(tmp_path: Path) -> None:
    write_tree(tmp_path, {"mlops.yaml": MINIMAL_SPEC})
    gc.disable()
    try:
        compile_spec(tmp_path / "mlops.yaml")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_compile_command_plans_its_writes_without_the_collector(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CLI pauses it for the whole command: the writes run beside every live object too."""
    from mlops_compiler.cli.main import main
    from mlops_compiler.write import writer

    write_tree(tmp_path, {"mlops.yaml": MINIMAL_SPEC})
    seen: list[bool] = []
    plan_writes = writer.plan_writes

    def watched(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return plan_writes(*args, **kwargs)

    monkeypatch.setattr(writer, "plan_writes", watched)
    assert main(["compile", "-f", str(tmp_path / "mlops.yaml")]) == 0
    assert main(["compile", "--check", "--no-fast", "-f", str(tmp_path / "mlops.yaml")]) == 0
    assert seen == [False, False]
    assert gc.isenabled()
