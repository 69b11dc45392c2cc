"""scripts/fetch_corpus.py rebuilds the import corpus from its sources list, byte for byte.

No network: `urlopen` is served from the local corpus, by the same raw.githubusercontent.com
address the script asks for. The skip message of the corpus tests says how to get it.
"""

from __future__ import annotations

import importlib.util
import io
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"


def _load(path: Path, name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_the_fetch_script_rebuilds_the_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"no import corpus at {CORPUS}: run `python scripts/fetch_corpus.py`")
    fetch = _load(ROOT / "scripts/fetch_corpus.py", "fetch_corpus")
    asked = []

    def urlopen(url: str, timeout: float) -> io.BytesIO:
        prefix = "https://raw.githubusercontent.com/"
        assert url.startswith(prefix)
        owner, name, _commit, path = url.removeprefix(prefix).split("/", 3)
        asked.append(url)
        return io.BytesIO((CORPUS / f"{owner}__{name}" / path).read_bytes())

    monkeypatch.setattr(fetch.urllib.request, "urlopen", urlopen)
    assert fetch.main([str(tmp_path)]) == 0
    expected = {
        p.relative_to(CORPUS) for p in CORPUS.rglob("*") if p.is_file() and p.name != "README.md"
    }
    built = {p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file()}
    assert built == expected
    assert all((tmp_path / p).read_bytes() == (CORPUS / p).read_bytes() for p in built)
    assert len(asked) == len(expected) - 1  # every file but SOURCES.tsv came by its address


def test_the_corpus_tests_say_how_to_get_the_corpus() -> None:
    text = (ROOT / "tests/e2e/test_import_corpus.py").read_text(encoding="utf-8")
    assert "python scripts/fetch_corpus.py" in text
    assert "no import corpus at" in (ROOT / ".ci/run").read_text(encoding="utf-8")
