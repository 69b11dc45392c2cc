"""Hostile and malformed input: refused with exit 2 and a positioned message, nothing written,
never a hang, a traceback or a memory blow-up.

Most malformed specs are data files in tests/cases/invalid/ (tags, NUL, bidi, duplicate keys,
non-string keys, YAML 1.1 traps, deep nesting, a 5000-digit integer, names that would collide as
paths...). What cannot be a data file is here: file kinds, sizes, and measured budgets.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from support import MINIMAL_SPEC, run_cli, write_tree

from mlops_compiler.errors import SpecError
from mlops_compiler.load.loader import MAX_SPEC_BYTES, load_spec_bytes

# A generous bound for a subprocess that must not hang (the real work takes milliseconds).
NO_HANG_SECONDS = 60


def _refused(capsys: pytest.CaptureFixture[str], spec: Path) -> str:
    result = run_cli(capsys, "compile", "-f", str(spec))
    assert result.exit_code == 2, result
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    return result.stderr


def test_a_spec_over_the_size_cap_is_refused_at_the_line_it_passes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """1 MiB: a 100,000-key flow mapping (1.06 MiB) was accepted under the old 16 MiB cap."""
    spec = tmp_path / "mlops.yaml"
    keys = ", ".join(f"k{index}: 0" for index in range(100_000))
    spec.write_text(f"{MINIMAL_SPEC}extra:\n  train: {{{keys}}}\n", encoding="utf-8")
    size = spec.stat().st_size
    line = MINIMAL_SPEC.count("\n") + 2
    column = MAX_SPEC_BYTES - len(MINIMAL_SPEC + "extra:\n") + 1

    stderr = _refused(capsys, spec)

    assert MAX_SPEC_BYTES == 1024 * 1024
    assert stderr.splitlines()[0].partition("mlops.yaml:")[2] == (
        f"{line}:{column}: error: the file is larger than 1 MiB ({size:,} bytes);"
        " refused here, before parsing"
    )
    assert stderr.splitlines()[-1] == (
        "  hint: a spec is a few kilobytes; check that -f points at mlops.yaml, and keep bulk"
        " data in files the stages read"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mlops.yaml"]


def test_a_sparse_16_mib_file_is_refused_after_reading_one_mib(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "mlops.yaml"
    with spec.open("wb") as handle:  # sparse: 16 MiB without writing them
        handle.truncate(16 * 1024 * 1024)

    stderr = _refused(capsys, spec)

    assert stderr.splitlines()[0].partition("mlops.yaml:")[2] == (
        f"1:{MAX_SPEC_BYTES + 1}: error: the file is larger than 1 MiB (16,777,216"
        " bytes); refused here, before parsing"
    )


def test_in_memory_spec_bytes_have_the_same_cap() -> None:
    """`mlops import` drafts a spec in memory: it is refused as the file would be."""
    raw = b"version: 1\n" + b"#" * MAX_SPEC_BYTES + b"\n"
    with pytest.raises(SpecError) as caught:
        load_spec_bytes(raw, Path("mlops.yaml"))
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.message == (
        f"the file is larger than 1 MiB ({len(raw):,} bytes); refused here, before parsing"
    )
    assert diagnostic.span is not None
    assert (diagnostic.span.line, diagnostic.span.column) == (2, MAX_SPEC_BYTES - 10)


def test_a_directory_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "mlops.yaml").mkdir()
    stderr = _refused(capsys, tmp_path / "mlops.yaml")
    assert stderr.endswith(
        "mlops.yaml is a directory, not a regular file\n  hint: point -f at an mlops.yaml file\n"
    )


def _cli_in_subprocess(spec: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the CLI where a hang is killed instead of stalling the test session."""
    return subprocess.run(
        [sys.executable, "-m", "mlops_compiler", "validate", "-f", spec.name],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=NO_HANG_SECONDS,
        check=False,
    )


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "mlops.yaml")
    completed = _cli_in_subprocess(tmp_path / "mlops.yaml", tmp_path)
    assert (completed.returncode, completed.stdout) == (2, "")
    assert completed.stderr == (
        "mlops.yaml: error: mlops.yaml is a named pipe (FIFO), not a regular file\n"
        "  hint: point -f at an mlops.yaml file\n"
    )


def test_a_symlink_to_dev_zero_is_refused_without_reading_it(tmp_path: Path) -> None:
    (tmp_path / "mlops.yaml").symlink_to("/dev/zero")
    completed = _cli_in_subprocess(tmp_path / "mlops.yaml", tmp_path)
    assert (completed.returncode, completed.stdout) == (2, "")
    assert completed.stderr == (
        "mlops.yaml: error: mlops.yaml is a character device, not a regular file\n"
        "  hint: point -f at an mlops.yaml file\n"
    )


def test_a_symlink_to_a_regular_spec_is_followed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"real.yaml": MINIMAL_SPEC})
    (tmp_path / "mlops.yaml").symlink_to("real.yaml")
    assert run_cli(capsys, "validate", "-f", str(tmp_path / "mlops.yaml")).exit_code == 0


@pytest.mark.parametrize(
    ("char", "hint"),
    [
        ("\x0c", "control characters do not belong in a text file; delete it"),
        ("\x1c", "control characters do not belong in a text file; delete it"),
        ("\x85", "YAML reads it as a line break where editors show none; delete it"),
        ("\u2028", "YAML reads it as a line break where editors show none; delete it"),
        ("\x9b", "control characters do not belong in a text file; delete it"),
        ("\ufeff", "invisible and bidirectional characters can hide what a line does; delete it"),
    ],
)
def test_characters_python_or_yaml_treat_as_line_breaks_are_positioned_as_editors_count(
    char: str, hint: str
) -> None:
    """`str.splitlines()` breaks lines at U+000C, U+001C, NEL and U+2028 and PyYAML reports
    some of them with only an offset: the position must still be the editor's line:col."""
    text = f"version: 1\nproject:\n  name: demo\n  description: ab{char}cd\nparams: {{}}\n"
    with pytest.raises(SpecError) as caught:
        load_spec_bytes(text.encode("utf-8"), Path("mlops.yaml"))
    [diagnostic] = caught.value.diagnostics
    assert diagnostic.span is not None
    assert (diagnostic.span.line, diagnostic.span.column) == (4, 18)
    assert diagnostic.message == f"control character U+{ord(char):04X} is not allowed"
    assert diagnostic.hint == hint


def test_a_lone_carriage_return_is_positioned_but_crlf_files_are_fine() -> None:
    crlf = "version: 1\r\nproject:\r\n  name: demo\r\n"
    assert load_spec_bytes(crlf.encode(), Path("mlops.yaml")).lines[2] == "  name: demo"
    with pytest.raises(SpecError) as caught:
        load_spec_bytes(b"version: 1\rproject:\n  name: demo\n", Path("mlops.yaml"))
    [diagnostic] = caught.value.diagnostics
    assert diagnostic.message == "a carriage return (U+000D) without a line feed"
    assert diagnostic.span is not None
    assert (diagnostic.span.line, diagnostic.span.column) == (1, 11)


_BUDGET_PROBE = textwrap.dedent(
    """
    import json, resource, sys, time, tracemalloc
    from pathlib import Path

    from mlops_compiler.load import builder, loader
    from mlops_compiler.errors import SpecError

    unguarded = sys.argv[1] == "unguarded"
    if unguarded:
        loader.MAX_ALIAS_REVISITS = builder.MAX_ALIAS_REVISITS = 10**12  # the pre-count, the build
    levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 10):  # 10**10 nodes once expanded
        previous, name = chr(ord("a") + level - 1), chr(ord("a") + level)
        levels.append(f"{name}: &{name} [{', '.join(['*' + previous] * 10)}]")
    raw = ("\\n".join(levels) + "\\n").encode()

    with open("/proc/self/status") as status:
        vm_size = next(int(l.split()[1]) * 1024 for l in status if l.startswith("VmSize:"))
    budget = 128 * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (vm_size + budget, vm_size + budget))
    if not unguarded:  # tracemalloc slows allocation; the control only needs the outcome
        tracemalloc.start()
    started = time.process_time()
    try:
        loader.load_spec_bytes(raw, Path("mlops.yaml"))
        outcome = "accepted"
    except SpecError as exc:
        outcome = exc.diagnostics[0].message
    except MemoryError:
        outcome = "MemoryError"
    seconds = time.process_time() - started
    peak = tracemalloc.get_traced_memory()[1] if tracemalloc.is_tracing() else None
    tracemalloc.stop()
    print(json.dumps({"outcome": outcome, "cpu_seconds": seconds, "peak_bytes": peak}))
    """
)


def _budget_probe(mode: str) -> dict[str, object]:
    completed = subprocess.run(
        [sys.executable, "-c", _BUDGET_PROBE, mode],
        capture_output=True,
        text=True,
        timeout=NO_HANG_SECONDS,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    result: dict[str, object] = json.loads(completed.stdout)
    print(f"billion laughs, {mode}: {result}")  # shown with -s; the figures in the issue note
    return result


def test_billion_laughs_is_refused_in_well_under_a_second_and_128_mib() -> None:
    """Measured in a subprocess whose address space is capped at its size + 128 MiB."""
    result = _budget_probe("guarded")
    assert result["outcome"] == "aliases expand to more than 100000 nodes"
    assert isinstance(result["cpu_seconds"], float) and result["cpu_seconds"] < 1.0
    assert isinstance(result["peak_bytes"], int) and result["peak_bytes"] < 128 * 1024 * 1024


def test_without_the_alias_budget_the_same_document_exhausts_the_memory_cap() -> None:
    """The control: the budget, not luck, is what keeps the first tree walk bounded."""
    assert _budget_probe("unguarded")["outcome"] == "MemoryError"
