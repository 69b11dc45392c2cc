"""Write the generated part of docs/troubleshooting.md: every spec error, as a user sees it.

Each invalid-spec case (`tests/cases/invalid/<mistake>.yaml`, first line: what it shows) with the
exact message and hint the CLI prints for it, taken from the reviewed snapshot
(`tests/__snapshots__/test_invalid_cases.ambr`). Everything above the marker line is written by
hand. `make regen` runs this; tests/test_troubleshooting_doc.py checks the page is current.

    python scripts/troubleshooting.py [--check]
"""

from __future__ import annotations

import re
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs/troubleshooting.md"
CASES = ROOT / "tests/cases/invalid"
SNAPSHOT = ROOT / "tests/__snapshots__/test_invalid_cases.ambr"
MARKER = "<!-- generated below by scripts/troubleshooting.py from the invalid-spec cases -->"

_ENTRY = re.compile(
    r"^# name: test_invalid_spec_is_refused\[(?P<case>[^\]]+)\]\n"
    r".*?'stderr': '''\n(?P<stderr>.*?)\n  \n    ''',",
    re.S | re.M,
)


def generated() -> str:
    messages = {m["case"]: textwrap.dedent(m["stderr"]) for m in _ENTRY.finditer(_snapshot())}
    blocks = [
        MARKER,
        "",
        "## Every spec error, with its fix",
        "",
        "Each mistake below is a test case (`tests/cases/invalid/`); the message is exactly what",
        "`mlops compile` prints for it (exit 2, nothing written). The `hint:` line is the fix.",
        "",
    ]
    for case in sorted(CASES.glob("*.yaml")):
        raw = case.read_bytes()
        first = raw.split(b"\n", 1)[0].decode("utf-8", errors="replace")
        what = first.removeprefix("#").strip() if first.startswith("#") else case.stem
        message = messages.get(case.stem)
        if message is None:
            continue
        blocks += [f"### {case.stem}", "", what, "", "```", message.rstrip(), "```", ""]
    return "\n".join(blocks)


def _snapshot() -> str:
    return SNAPSHOT.read_text(encoding="utf-8")


def page_text() -> str:
    current = PAGE.read_text(encoding="utf-8")
    head = current.split(MARKER, 1)[0]
    return head + generated()


def main(argv: list[str]) -> int:
    text = page_text()
    if "--check" in argv:
        return 0 if PAGE.read_text(encoding="utf-8") == text else 1
    PAGE.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
