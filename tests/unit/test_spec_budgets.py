"""The loader's budgets beyond the size cap: nodes, and YAML 1.1 warnings (issue 16).

A spec under 1 MiB can still be 500,000 nodes (`[0,0,0,...]`); built, validated and warned
about one by one, that took seconds and hundreds of MiB. The composer now stops at the node
past ``MAX_NODES``, and warnings past ``MAX_TRAP_WARNINGS`` are counted, not built.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mlops_compiler.errors import Severity, SpecError
from mlops_compiler.load.builder import MAX_TRAP_WARNINGS
from mlops_compiler.load.compose import MAX_NODES
from mlops_compiler.load.loader import MAX_SPEC_BYTES, load_spec_bytes

HEAD = "version: 1\nproject: {name: big, python: '3.11'}\nparams:\n  train: "

_PROBE = textwrap.dedent(
    """
    import json, sys, time, tracemalloc
    from pathlib import Path
    from mlops_compiler.errors import SpecError
    from mlops_compiler.load.loader import load_spec_bytes

    raw = sys.stdin.buffer.read()
    tracemalloc.start()
    started = time.process_time()
    try:
        load_spec_bytes(raw, Path("mlops.yaml"))
        outcome, where = "accepted", None
    except SpecError as exc:
        first = exc.diagnostics[0]
        outcome, where = first.message, [first.span.line, first.span.column]
    seconds = time.process_time() - started
    peak = tracemalloc.get_traced_memory()[1]
    print(json.dumps({"outcome": outcome, "where": where, "cpu": seconds, "peak": peak}))
    """
)


def _probe(text: str) -> dict[str, object]:
    """Load ``text`` in a fresh interpreter (nothing cached), timed, its allocations traced."""
    raw = text.encode()
    assert len(raw) <= MAX_SPEC_BYTES  # under the size cap: the node budget is what refuses
    completed = subprocess.run(
        [sys.executable, "-c", _PROBE],
        input=raw,
        capture_output=True,
        timeout=120,
        check=False,
        env={"PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    assert completed.returncode == 0, completed.stderr
    result: dict[str, object] = json.loads(completed.stdout)
    print(f"node budget: {len(raw):,} bytes -> {result}")  # the figures, shown with -s
    return result


_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_SHORT_KEYS = ",".join(a + b + c for a in _LETTERS for b in _LETTERS + "0123" for c in _LETTERS)
"""150,000 keys of three characters (each with a null value: 300,000 nodes in 600 KiB)."""


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ("[" + ",".join(["0"] * 500_000) + "]", [4, 10]),  # the list that holds the items
        ("{" + _SHORT_KEYS + "}", None),
    ],
    ids=["500,000 items", "150,000 keys"],
)
def test_a_document_past_the_node_budget_is_refused_in_bounded_time_and_memory(
    body: str, where: list[int] | None
) -> None:
    """The old loader accepted both, after 5-11 s and 260-315 MiB (measured on issue 16)."""
    result = _probe(HEAD + body + "\n")

    assert result["outcome"] == (
        f"the spec holds more than {MAX_NODES} keys, values and items; refused here"
    )
    assert where is None or result["where"] == where
    assert isinstance(result["cpu"], float) and result["cpu"] < 2.0
    assert isinstance(result["peak"], int) and result["peak"] < 160 * 1024 * 1024


def test_the_node_budget_points_at_the_key_whose_value_passes_it() -> None:
    keys = _SHORT_KEYS.split(",")[: MAX_NODES // 2]
    text = HEAD + "{" + ",".join(f"{key}: 0" for key in keys) + "}\n"
    with pytest.raises(SpecError) as caught:
        load_spec_bytes(text.encode(), Path("mlops.yaml"))
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.span is not None
    # 13 nodes come before the flow mapping's first key (the root, version, project and its
    # two pairs, params, train and the mapping); then each pair is two: a key, its value
    passing = (MAX_NODES + 1 - 13 - 2) // 2
    line = text.split("\n")[diagnostic.span.line - 1]
    assert diagnostic.span.line == 4
    assert line[diagnostic.span.column - 1 :].startswith(f"{keys[passing]}: 0,")


def test_yaml11_warnings_past_the_cap_are_counted_in_one() -> None:
    text = HEAD + "[" + ", ".join(["yes"] * (MAX_TRAP_WARNINGS + 500)) + "]\n"

    document = load_spec_bytes(text.encode(), Path("mlops.yaml"))

    assert len(document.warnings) == MAX_TRAP_WARNINGS + 1
    assert {w.severity for w in document.warnings} == {Severity.WARNING}
    last = document.warnings[-1]
    assert last.message == "more plain scalars that YAML 1.1 reads differently, from here on"
    assert last.loc == ("params", "train", MAX_TRAP_WARNINGS)
