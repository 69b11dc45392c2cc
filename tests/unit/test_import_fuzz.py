"""`mlops import` on arbitrary bytes: every file imported or refused, never an internal error.

Hypothesis (derandomized, bounded) writes a repository holding one good dvc.yaml and a workflow,
a Dockerfile, a params.yaml and an MLproject built from real lines with bytes mixed in: CR, CRLF,
NUL and other controls, a BOM, Latin-1 bytes, tabs, no final newline, a cut in the middle of a
block scalar. Whatever comes in, the import settles (no `InternalError`), the good dvc.yaml is
taken over, every other file is taken over or named with a reason, and what is taken over
compiles back to the same data.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlops_compiler.commands.importer import import_repository
from mlops_compiler.commands.importer.carry import same_data
from mlops_compiler.commands.importer.readers import parse_text

IMPORT_FUZZ = settings(
    derandomize=True,
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)
LINES = {
    ".github/workflows/w.yml": [
        b"name: w",
        b"on: [push]",
        b"jobs:",
        b"  a:",
        b"    runs-on: ubuntu-latest",
        b"    steps:",
        b"      - run: |",
        b"          dvc repro",
        b"          echo done # a hash in a script",
        b"      - uses: actions/checkout@v4 # pin it",
    ],
    "Dockerfile": [
        b"# syntax=docker/dockerfile:1",
        b"FROM python:3.11-slim",
        b"COPY requirements.txt .",
        b"RUN pip install -r requirements.txt \\",
        b"  && echo ok",
        b'CMD ["python", "serve.py"]',
    ],
    "params.yaml": [b"train:", b"  lr: 0.1  # rate", b"  'y': 2", b"when: '2024-01-31'"],
    "sub/MLproject": [
        b"name: p",
        b"entry_points:",
        b"  main:",
        b"    parameters: {flag: {type: bool, default: true}}",
        b"    command: python run.py {flag}",
    ],
}
NOISE = [b"\r", b"\r\n", b"\x00", b"\x07", b"\xef\xbb\xbf", b"\xe9", b"\t", b"\x85", b" #", b""]
GOOD_PIPELINE = b"stages:\n  train:\n    cmd: python train.py\n    params: [train.lr]\n"


@st.composite
def noisy(draw: st.DrawFn, lines: list[bytes]) -> bytes:
    """``lines`` joined by LF or CRLF, with noise put in at a few places, maybe cut short."""
    ends = draw(st.sampled_from([b"\n", b"\r\n", b"\r"]))
    text = bytearray(ends.join(lines) + ends)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        text[at:at] = draw(st.sampled_from(NOISE))
    if draw(st.booleans()):
        text = text[: draw(st.integers(1, len(text)))]
    return bytes(text)


@IMPORT_FUZZ
@given(files=st.fixed_dictionaries({path: noisy(lines) for path, lines in LINES.items()}))
def test_any_bytes_are_imported_or_refused_per_file(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for path, data in {**files, "dvc.yaml": GOOD_PIPELINE}.items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_bytes(data)
        result = import_repository(root)  # an InternalError fails the test
        adopted = {source.path for source in result.adopted}
        assert "dvc.yaml" in adopted or "params.yaml" not in adopted
        named = adopted | {item.path for item in result.skipped}
        assert set(files) - {"params.yaml"} <= named  # params: only when a pipeline reads it
        for source in result.adopted:
            if source.kind in ("image", "workflow"):  # generated anew, not reproduced
                continue
            compiled = parse_text(result.tree.files[source.path].text, source.path, source.reader)
            assert same_data(compiled, source.data), source.path
