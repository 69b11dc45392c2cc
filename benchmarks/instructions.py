"""Count the instructions of compile, check and validate beside the Python floor (callgrind).

Wall time on a shared machine moves with every other process; the number of instructions a
run executes does not (it varies by well under 0.1% between runs). Each figure is a ratio to
F, the instructions of a bare `python -c pass` of the same interpreter, counted in the same run.
It is the measure to compare two versions of the code on a busy machine; `bench.py` gives the
wall times and memory the targets are stated in. Needs valgrind (Debian: `apt install valgrind`).

    python benchmarks/instructions.py              # examples, and 1,000 stages
    python benchmarks/instructions.py --stages 1000 10000
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench  # the sibling script: spec_with_stages, _clean, the floor

COLLECTED = re.compile(r"Collected : (\d+)")


def instructions(argv: list[str], cwd: Path) -> int:
    """Instructions one run of ``argv`` executes, as callgrind counts them (children too)."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
        cwd=cwd,
        capture_output=True,
        text=True,
    )
    found = COLLECTED.search(done.stderr)
    if found is None:
        raise SystemExit(f"instructions: no count for {argv}: {done.stderr[-500:]}")
    return int(found.group(1))


def rows_for(folder: Path, label: str) -> list[tuple[str, list[str], bool]]:
    """(name, argv, fresh) of each measured command; fresh ones start from a clean folder."""
    mlops = [bench.PYTHON, bench.MLOPS]  # valgrind follows the interpreter, not a `#!` line
    return [
        (f"{label}: compile (fresh)", [*mlops, "compile", "-q"], True),
        (f"{label}: compile --check --no-fast", [*mlops, "compile", "--check", "--no-fast"], False),
        (f"{label}: validate", [*mlops, "validate"], False),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--stages", type=int, nargs="*", default=[1000])
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("instructions: valgrind is not installed")
    bench.byte_compile()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        floor = instructions([bench.PYTHON, "-c", "pass"], root)
        print(f"F (python -c pass) = {floor:,} instructions")
        imports = instructions(bench.IMPORT_FLOOR, root) / floor
        print(f"{'import floor (pydantic, jinja2, yaml)':52} {imports:7.2f} x F")
        folders = []
        for example in sorted(bench.ROOT.glob("examples/*/mlops.yaml")):
            shutil.copytree(example.parent, root / example.parent.name)
            folders.append((root / example.parent.name, f"example {example.parent.name}"))
        for count in args.stages:
            folder = root / f"stages-{count}"
            folder.mkdir()
            (folder / "mlops.yaml").write_text(bench.spec_with_stages(count))
            folders.append((folder, f"{count} stages"))
        for folder, label in folders:
            for name, argv, fresh in rows_for(folder, label):
                if fresh:
                    bench._clean(folder)
                else:
                    subprocess.run([*argv[:2], "compile", "-q"], cwd=folder, check=True)
                print(f"{name:52} {instructions(argv, folder) / floor:7.2f} x F")
    return 0


if __name__ == "__main__":
    sys.exit(main())
