"""Download the import corpus (`../shared/corpus`) that tests/e2e/test_import_corpus.py reads.

The corpus is the configuration files of 21 public repositories, each at the commit listed in
tests/data/corpus-sources.tsv (a copy of the corpus's own SOURCES.tsv). A clone of this project
does not carry it; this script fetches every file from raw.githubusercontent.com into
`../shared/corpus/<owner>__<name>/<path>` (or the folder given), byte for byte.

    python scripts/fetch_corpus.py [FOLDER]
"""

from __future__ import annotations

import csv
import shutil
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "tests/data/corpus-sources.tsv"
DEFAULT = ROOT.parent / "shared" / "corpus"


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else DEFAULT
    with SOURCES.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    failed = 0
    for index, row in enumerate(rows, 1):
        owner, name = row["repo"].split("/", 1)
        destination = target / f"{owner}__{name}" / row["path"]
        url = f"https://raw.githubusercontent.com/{row['repo']}/{row['commit']}/{row['path']}"
        print(f"[{index}/{len(rows)}] {row['repo']}: {row['path']}", file=sys.stderr)
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                data = response.read()
        except OSError as exc:
            print(f"  failed: {exc}", file=sys.stderr)
            failed += 1
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(data)
    shutil.copyfile(SOURCES, target / "SOURCES.tsv")
    print(f"{len(rows) - failed} of {len(rows)} files in {target}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
