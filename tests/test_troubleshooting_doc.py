"""docs/troubleshooting.md lists every spec error the suite knows, with the CLI's exact words.

Its generated half comes from the invalid-spec cases and their reviewed snapshot
(`python scripts/troubleshooting.py`, run by `make regen`); its hand-written half covers the
problems that are not in the spec, and must name every exit code's situation.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs/troubleshooting.md"


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location(
        "troubleshooting", ROOT / "scripts/troubleshooting.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["troubleshooting"] = module
    spec.loader.exec_module(module)
    return module


def test_the_page_is_current() -> None:
    assert PAGE.read_text(encoding="utf-8") == _generator().page_text(), (
        "run `python scripts/troubleshooting.py` (make regen)"
    )


def test_every_invalid_case_is_on_the_page_with_its_hint() -> None:
    text = PAGE.read_text(encoding="utf-8")
    for case in sorted((ROOT / "tests/cases/invalid").glob("*.yaml")):
        assert f"\n### {case.stem}\n" in text, case.stem
    assert text.count("  hint: ") >= 100


def test_the_hand_written_part_covers_what_is_not_in_the_spec() -> None:
    head = PAGE.read_text(encoding="utf-8").split(_generator().MARKER)[0]
    for message in (
        "spec file not found",
        "refusing to overwrite",
        "another mlops compile is running",
        "refusing to write outside the project",
        "could not write",
        "no Docker engine is reachable",
        "internal error",
        "dvc init",
        "Allow GitHub Actions to create and approve pull requests",
        "scripts/fetch_corpus.py",
    ):
        assert message in head, message
    for code in ("exit 1", "exit 2", "exit 3", "exit 4", "exit 70"):
        assert code in head, code


def test_make_venv_says_what_it_installs_and_pip_shows_progress() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("$(STAMP): pyproject.toml", 1)[1].split("\n\n", 1)[0]
    assert '@echo "==> installing mlops-compiler' in recipe
    flags = makefile.split("PIP_FLAGS ?=", 1)[1].splitlines()[0]
    assert "--quiet" not in flags  # pip names each package as it goes: a 3-minute install


def test_readme_has_an_install_line_and_links_the_docs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert 'pip install "mlops-compiler @ git+https://github.com/' in readme.split("\n## ")[0]
    for page in ("tutorial", "troubleshooting", "cli", "editors", "comparison", "performance"):
        assert f"docs/{page}.md" in readme, page
        assert (ROOT / "docs" / f"{page}.md").is_file(), page
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").lstrip().startswith("Apache License")
    assert "## [Unreleased]" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    performance = readme.split("## Performance\n", 1)[1].split("\n## ", 1)[0]
    assert len(performance.splitlines()) < 12  # the internals live in docs/performance.md


def test_the_comparison_table_has_our_cli_beside_dvc_copier_and_databricks() -> None:
    text = (ROOT / "docs/comparison.md").read_text(encoding="utf-8")
    assert "| | mlops | dvc | copier | Databricks CLI |" in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) >= 10
    assert all(line.count(" | ") >= 4 for line in rows)
