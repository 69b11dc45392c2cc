"""README's "Working with DVC's commands and with bots" names every scenario of issue 15."""

from __future__ import annotations

from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_the_section_covers_each_tool_and_each_way_out() -> None:
    text = README.read_text(encoding="utf-8")
    head = "\n### Working with DVC's commands and with bots\n"
    assert head in text
    section = text.split(head, 1)[1].split("\n### ", 1)[0]
    for needle in (
        "dvc exp run -S",
        "dvc exp apply",
        "dvc init` refuses",
        "dvc init -f",
        "dvc remote add",
        "dvc remote modify",
        "dvc config",
        ".dvc/config.local",
        "**Dependabot.**",
        "it cannot update mlops.yaml",
        "mlops absorb && mlops compile",
        "ci.renovate",
        "custom regex manager",
        "linguist-generated=true",
        "`.gitignore`",
        "exits 3",
        "Comment-only edits",
        "modeline",
        "shadow",
    ):
        assert needle in section, needle
