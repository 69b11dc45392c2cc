"""Mutate valid specs thousands of times: whatever comes in, `mlops compile` exits 0 or 2, never
with a traceback; every problem it tells is positioned; on exit 2 nothing is written.

Mutations work on the text (delete, duplicate or swap lines, re-indent, truncate, insert control
characters or YAML punctuation, swap a scalar for a YAML trap) and on the data (delete a key,
retype a value, misspell or add a key), starting from the examples and a minimal spec. The runs
are derandomized (a fixed seed: the same cases on every machine) and bounded in number, so the
file takes well under a minute on two cores; raise FUZZ_EXAMPLES for a longer local hunt.
"""

from __future__ import annotations

import contextlib
import copy
import io
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import MINIMAL_SPEC

from mlops_compiler.cli.main import main
from mlops_compiler.load.loader import load_spec_bytes

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(ROOT.glob("examples/*/mlops.yaml"))
SEEDS = [MINIMAL_SPEC, *(path.read_text(encoding="utf-8") for path in EXAMPLES)]
SUPPORT = {"requirements.txt", "config", "src"}
"""Hand-written files the examples' specs refer to, copied next to the mutated spec."""

EXAMPLES_PER_TEST = int(os.environ.get("FUZZ_EXAMPLES", "300"))
FUZZ = settings(
    derandomize=True,
    max_examples=EXAMPLES_PER_TEST,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)

HEADER = re.compile(r"^mlops\.yaml:\d+:\d+: (error|warning): \S")
UNPOSITIONED = re.compile(r"^mlops\.yaml: error: (the spec is empty|YAML error: )")
"""The documented exceptions: a document with no node has nothing to point at."""

TRAPS = [
    "yes", "no", "on", "off", "y", "0755", "12:30", "1e3", ".nan", "-.inf", "2024-01-31",
    "null", "~", "[]", "{}", "-1", "0", "3.10", "99999999999999999999", "'x'", '""', "*a",
    "&a x", "!!str x", "!env HOME", "${item}", "{{x}}", "a: b", "- x", "|", ">-", "%", "@",
    "`x`", "\t", "'", '"', "[", "{", "#", "---", "...", "?", "<<: *a", "\u202e", "\u200b",
    "\x00", "\x85", "\u2028", "\r", "\ufeff", "CON", "Train", "../x", "/abs", "a b",
]  # fmt: skip


# -- text mutations ------------------------------------------------------------------------------

Mutation = Callable[[st.DrawFn, str], str]


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _pick(draw: st.DrawFn, lines: list[str]) -> int:
    return draw(st.integers(0, max(0, len(lines) - 1)))


def _delete_line(draw: st.DrawFn, text: str) -> str:
    lines = _lines(text)
    del lines[_pick(draw, lines)]
    return "\n".join(lines)


def _duplicate_line(draw: st.DrawFn, text: str) -> str:
    lines = _lines(text)
    index = _pick(draw, lines)
    lines.insert(index, lines[index])
    return "\n".join(lines)


def _swap_lines(draw: st.DrawFn, text: str) -> str:
    lines = _lines(text)
    a, b = _pick(draw, lines), _pick(draw, lines)
    lines[a], lines[b] = lines[b], lines[a]
    return "\n".join(lines)


def _reindent(draw: st.DrawFn, text: str) -> str:
    lines = _lines(text)
    index = _pick(draw, lines)
    shift = draw(st.sampled_from([-4, -2, -1, 1, 2, 4]))
    line = lines[index]
    lines[index] = " " * shift + line if shift > 0 else line[min(-shift, len(line)) :]
    return "\n".join(lines)


def _truncate(draw: st.DrawFn, text: str) -> str:
    return text[: draw(st.integers(0, len(text)))]


def _insert(draw: st.DrawFn, text: str) -> str:
    at = draw(st.integers(0, len(text)))
    piece = draw(st.sampled_from(TRAPS) | st.text(max_size=3))
    return text[:at] + piece + text[at:]


def _replace_scalar(draw: st.DrawFn, text: str) -> str:
    """Swap the value after some `key: ` for a trap."""
    matches = list(re.finditer(r"(?<=: )[^\n#{}\[\],]+", text))
    if not matches:
        return text
    match = draw(st.sampled_from(matches))
    return text[: match.start()] + draw(st.sampled_from(TRAPS)) + text[match.end() :]


TEXT_MUTATIONS: list[Mutation] = [
    _delete_line,
    _duplicate_line,
    _swap_lines,
    _reindent,
    _truncate,
    _insert,
    _replace_scalar,
]


# -- data mutations ------------------------------------------------------------------------------

SEED_DATA = [load_spec_bytes(text.encode(), Path("mlops.yaml")).data for text in SEEDS]
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.sampled_from(TRAPS),
    st.lists(st.text(max_size=4), max_size=2),
    st.dictionaries(st.text(min_size=1, max_size=4), st.integers(), max_size=2),
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


def _mutate_data(draw: st.DrawFn, data: Any) -> Any:
    data = copy.deepcopy(data)
    path = draw(st.sampled_from(_paths(data)))
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    action = draw(st.sampled_from(["delete", "retype", "rename", "add"]))
    if action == "delete":
        del parent[last]
    elif action == "retype":
        parent[last] = draw(VALUES)
    elif isinstance(parent, dict) and action == "rename":
        name = str(last)
        cut = draw(st.integers(0, max(0, len(name) - 1)))
        parent[name[:cut] + name[cut + 1 :] + draw(st.sampled_from(["", "s", "_"]))] = parent.pop(
            last
        )
    elif isinstance(parent, dict):
        parent[draw(st.text(min_size=1, max_size=8))] = draw(VALUES)
    else:
        parent.append(draw(VALUES))
    return data


@st.composite
def text_mutants(draw: st.DrawFn) -> tuple[int, str]:
    seed = draw(st.integers(0, len(SEEDS) - 1))
    text = SEEDS[seed]
    for _ in range(draw(st.integers(1, 3))):
        text = draw(st.sampled_from(TEXT_MUTATIONS))(draw, text)
    return seed, text


@st.composite
def data_mutants(draw: st.DrawFn) -> tuple[int, str]:
    seed = draw(st.integers(0, len(SEEDS) - 1))
    data = SEED_DATA[seed]
    for _ in range(draw(st.integers(1, 3))):
        data = _mutate_data(draw, data)
    return seed, yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


# -- the property ------------------------------------------------------------------------------


def _compile_in_fresh_folder(seed: int, text: str) -> tuple[int, str, list[str], list[str]]:
    """(exit code, stderr, files before, files after) of `mlops compile` on ``text``."""
    with tempfile.TemporaryDirectory(prefix="mlops-fuzz-") as folder:
        root = Path(folder)
        if seed > 0:  # an example: its hand-written files
            for name in SUPPORT:
                source = EXAMPLES[seed - 1].parent / name
                if source.is_dir():
                    shutil.copytree(source, root / name)
                elif source.is_file():
                    shutil.copyfile(source, root / name)
        (root / "mlops.yaml").write_bytes(text.encode("utf-8", errors="surrogatepass"))
        before = _listing(root)
        out, err = io.StringIO(), io.StringIO()
        previous = Path.cwd()
        os.chdir(root)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main(["compile", "-f", "mlops.yaml"])
        finally:
            os.chdir(previous)
        return code, err.getvalue(), before, _listing(root)


def _listing(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*"))


def _check(seed: int, text: str) -> None:
    code, stderr, before, after = _compile_in_fresh_folder(seed, text)
    assert "Traceback" not in stderr
    assert code in (0, 2), f"exit {code}\n--- spec ---\n{text}\n--- stderr ---\n{stderr}"
    if code == 2:
        assert after == before, "an invalid spec wrote files"
        told = [line for line in stderr.splitlines() if line and not line.startswith(" ")]
        for line in told:
            if line.startswith("... and "):
                continue
            assert HEADER.match(line) or UNPOSITIONED.match(line), f"{line}\n--- spec ---\n{text}"
        assert any(": error: " in line for line in told)


@FUZZ
@given(text_mutants())
def test_text_mutations_are_refused_or_compiled_never_crash(mutant: tuple[int, str]) -> None:
    _check(*mutant)


@FUZZ
@given(data_mutants())
def test_data_mutations_are_refused_or_compiled_never_crash(mutant: tuple[int, str]) -> None:
    _check(*mutant)
