"""Measure mlops compile, check and validate: cold whole-process runs beside the Python floor.

Every figure is a ratio to F, a bare `python -c pass` of the same interpreter, measured in the
same run and alternated with the command, so a busy machine moves both. Wall time is the
median of --repeat runs; peak RSS comes from the kernel (ru_maxrss of the child).

    python benchmarks/bench.py                 # 10, 100, 1,000 and 10,000 stages + examples
    python benchmarks/bench.py --stages 10 1000 --repeat 15
    python benchmarks/bench.py --peers         # also cookiecutter, copier and projen (peers.py)
    python benchmarks/bench.py --stages --pre-commit   # examples, and our hook inside pre-commit

Targets (issue #19) are printed next to each figure; the exit code is 1 if any target is missed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
MLOPS = str(Path(PYTHON).parent / "mlops")
PRE_COMMIT = str(Path(PYTHON).parent / "pre-commit")
# What pre-commit needs to install mlops-compiler from a copy of this checkout.
HOOK_REPO_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "bin")
HOOK_REPO_FOLDERS = ("mlops_compiler", "templates", "schemas")


@dataclass(frozen=True)
class Measurement:
    name: str
    seconds: float
    floor: float
    rss_mib: float
    target: str = ""
    ok: bool = True

    @property
    def ratio(self) -> float:
        return self.seconds / self.floor


def run_once(
    argv: list[str], cwd: Path, env: dict[str, str] | None = None
) -> tuple[float, float, int]:
    """Wall seconds, peak RSS (MiB) and exit code of one cold run."""
    start = time.perf_counter()
    process = subprocess.Popen(
        argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def measure(  # type: ignore[no-untyped-def]
    name: str,
    argv: list[str],
    cwd: Path,
    repeat: int,
    prepare=None,
    floor: list[str] | None = None,
    env: dict[str, str] | None = None,
    expect: int = 0,
) -> Measurement:
    """Median wall time of ``argv`` and of the floor (`python -c pass`), run alternately.

    Every run must exit with ``expect``: a benchmark that timed an error path would publish
    figures for work that was never done.
    """
    times, floors, rss = [], [], []
    for _ in range(repeat):
        if prepare is not None:
            prepare()
        seconds, peak, code = run_once(argv, cwd, env)
        if code != expect:
            raise SystemExit(f"bench: {name}: `{' '.join(argv)}` exited {code}, not {expect}")
        times.append(seconds)
        rss.append(peak)
        floors.append(run_once(floor or [PYTHON, "-c", "pass"], cwd, env)[0])
    return Measurement(name, statistics.median(times), statistics.median(floors), max(rss))


def spec_with_stages(count: int) -> str:
    """A valid spec with a chain of ``count`` stages, params and one entry point.

    One flow mapping a line, with short paths: 10,000 stages must fit under the spec's 1 MiB
    cap (written in block style, with a `desc`, they were 1.6 MiB).
    """
    lines = [
        "version: 1",
        "project: {name: bench, python: '3.11', dependencies: [scikit-learn]}",
        "params:",
        "  train: {lr: 0.1, epochs: 3}",
        "pipeline:",
        "  stages:",
    ]
    for index in range(count):
        dep = f"d/s{index - 1}.csv" if index else "raw.csv"
        lines.append(
            f"    s{index}: {{cmd: python s.py {index}, deps: [s.py, {dep}],"
            f" params: [train.lr], outs: [d/s{index}.csv]}}"
        )
    lines += ["entry_points:", "  main: {command: 'python s.py {n}', parameters: {n: int}}"]
    return "\n".join(lines) + "\n"


def bench_project(folder: Path, repeat: int, label: str) -> list[Measurement]:
    spec = folder / "mlops.yaml"
    results = []
    mlops = [MLOPS]
    results.append(
        measure(
            f"{label}: compile (fresh)",
            [*mlops, "compile"],
            folder,
            repeat,
            prepare=lambda: _clean(folder),
        )
    )
    subprocess.run([*mlops, "compile"], cwd=folder, check=True, capture_output=True)
    results.append(
        measure(
            f"{label}: compile --check, unchanged", [*mlops, "compile", "--check"], folder, repeat
        )
    )
    results.append(
        measure(
            f"{label}: compile --check --no-fast, unchanged",
            [*mlops, "compile", "--check", "--no-fast"],
            folder,
            repeat,
        )
    )
    original = spec.read_text()
    spec.write_text(original + "# an edit\n")
    results.append(
        measure(
            f"{label}: compile --check, spec changed",
            [*mlops, "compile", "--check"],
            folder,
            repeat,
            expect=0,  # compiled again from the edited spec; no output changed, so nothing is stale
        )
    )
    spec.write_text(original)
    results.append(measure(f"{label}: validate", [*mlops, "validate"], folder, repeat))
    return results


def _clean(folder: Path) -> None:
    """Remove every generated file (as the manifest lists them) and the manifest itself."""
    import json

    manifest = folder / ".mlops/manifest.json"
    if manifest.is_file():
        for relative in json.loads(manifest.read_text())["files"]:
            (folder / relative).unlink(missing_ok=True)
    shutil.rmtree(folder / ".mlops", ignore_errors=True)


def bench_pre_commit(scratch: Path, repeat: int) -> list[Measurement]:
    """`pre-commit run mlops-check` beside two no-op hooks, in a throw-away project.

    As a user gets it: the hook repository is a git copy of this checkout (edits not yet
    committed included), and pre-commit installs mlops-compiler from it into a hook environment
    of its own (`pip install .`, a wheel: the `mlops` script as installers write it). Both
    no-ops run `true`: one as a `language: python` hook, which pays what pre-commit does for
    every Python hook (it checks the environment's health by starting its Python twice, ~15 ms),
    so the ratio is what our hook's own process adds, interpreter start included; the other
    as a `language: system` hook, which pays for nothing. Building the hook environments needs
    the package index once.
    """
    hooks, project = scratch / "hook-repo", scratch / "pre-commit-project"
    hooks.mkdir()
    for name in HOOK_REPO_FILES:
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy2
        copy(ROOT / name, hooks / name)
    for name in HOOK_REPO_FOLDERS:
        shutil.copytree(ROOT / name, hooks / name, ignore=shutil.ignore_patterns("__pycache__"))
    rev = _git_commit(hooks)
    shutil.copytree(ROOT / "examples/quickstart", project)
    (project / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {hooks.as_uri()}\n"
        f"    rev: {rev}\n"
        "    hooks: [{id: mlops-check}]\n"
        "  - repo: local\n"
        "    hooks:\n"
        "      - {id: noop-python, name: no-op, entry: 'true', language: python,"
        " pass_filenames: false, always_run: true}\n"
        "      - {id: noop-system, name: no-op, entry: 'true', language: system,"
        " pass_filenames: false, always_run: true}\n"
    )
    _git_commit(project)
    env = {**os.environ, "PRE_COMMIT_HOME": str(scratch / "pre-commit-home")}
    subprocess.run([PRE_COMMIT, "install-hooks"], cwd=project, env=env, check=True)
    run = [PRE_COMMIT, "run", "--all-files"]
    for hook in ("mlops-check", "noop-python", "noop-system"):  # each passes, or no timing
        subprocess.run([*run, hook], cwd=project, env=env, check=True, capture_output=True)
    return [
        measure(
            f"pre-commit run mlops-check, x = run {noop}",
            [*run, "mlops-check"],
            project,
            repeat,
            floor=[*run, noop],
            env=env,
        )
        for noop in ("noop-python", "noop-system")
    ]


def _git_commit(folder: Path) -> str:
    """`git init` and commit everything in ``folder``; the commit's id."""
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
    git += ["-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]
    for argv in (["init", "-q"], ["add", "-A"], ["commit", "-q", "--no-verify", "-m", "bench"]):
        subprocess.run([*git, *argv], cwd=folder, check=True, capture_output=True)
    completed = subprocess.run(
        [*git, "rev-parse", "HEAD"], cwd=folder, check=True, capture_output=True, text=True
    )
    return completed.stdout.strip()


IMPORT_FLOOR_NAME = "import floor: pydantic (+ types), jinja2, yaml; no work"
IMPORT_FLOOR = [PYTHON, "-c", "import pydantic, pydantic.types, pydantic.fields, jinja2, yaml"]
"""What a full compile cannot avoid importing, for comparison with its own figures."""

PEER_TARGETS = {"cookiecutter": 1.0, "copier": 2.5, "projen": 5.0}
"""How many times faster than each peer our fresh compile of the largest example must be."""


def bench_peers(scratch: Path, example: Path, ours: Measurement, repeat: int) -> list[Measurement]:
    """Each peer doing comparable work (see peers.py), judged against our fresh compile.

    The speed-up compares ratios to F, each taken beside its own floor, so that load on the
    machine while one of them ran moves its floor with it.
    """
    from peers import clear, prepare  # benchmarks/peers.py: installs the peers on first use

    runs, problems = prepare(scratch, example)
    for problem in problems:
        print(f"peers: {problem}", file=sys.stderr)
    rows = []
    for run in runs:
        result = measure(
            run.name, run.argv, run.cwd, repeat, prepare=lambda run=run: clear(run), env=run.env
        )
        needed = PEER_TARGETS[run.name.split()[0]]
        speedup = result.ratio / ours.ratio
        target = f"mlops {speedup:.2f}x faster, >= {needed}x"
        ok = speedup >= needed
        rows.append(Measurement(run.name, result.seconds, result.floor, result.rss_mib, target, ok))
    return rows


def byte_compile() -> None:
    """Write the package's .pyc files first, as pip does when it installs a wheel.

    An editable install writes them on first import, unless PYTHONDONTWRITEBYTECODE is set (as
    on some CI machines): then every run would compile the package from source, a cost no
    installed copy pays. compileall writes them whatever that variable says.
    """
    where = "import mlops_compiler, os; print(os.path.dirname(mlops_compiler.__file__))"
    found = subprocess.run([PYTHON, "-c", where], capture_output=True, text=True, check=True)
    package = found.stdout.strip()  # the copy `mlops` runs, not necessarily this checkout's
    subprocess.run([PYTHON, "-m", "compileall", "-q", package], check=True)


TARGETS = {
    ("examples", "compile --check, unchanged"): ("x", 1.2),
    ("1000", "compile --check, unchanged"): ("x", 1.6),
    ("10000", "compile --check, unchanged"): ("x", 2.5),
    ("pre-commit", "x = run noop-python"): ("x", 1.2),
    ("largest example", "compile (fresh)"): ("x", 18.0),
    ("1000", "compile (fresh)"): ("s", 0.25),
    ("10000", "compile (fresh)"): ("s", 1.5),
}
"""Issue #19's targets: (where, what) -> (ratio to F or seconds, the limit)."""


def judge(result: Measurement, scope: str) -> Measurement:
    for (where, what), (unit, limit) in TARGETS.items():
        if where == scope and result.name.endswith(what):
            value = result.ratio if unit == "x" else result.seconds
            times = "x no-op" if scope == "pre-commit" else "x F"
            target = f"<= {limit}{times if unit == 'x' else ' s'}"
            ok = value <= limit
            if scope == "10000" and what == "compile (fresh)":
                target += ", <= 150 MiB"
                ok = ok and result.rss_mib <= 150
            if scope == "largest example" and what == "compile (fresh)":
                target += ", <= 40 MiB"
                ok = ok and result.rss_mib <= 40
            return Measurement(
                result.name, result.seconds, result.floor, result.rss_mib, target, ok
            )
    return result


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--stages", type=int, nargs="*", default=[10, 100, 1000, 10000])
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument(
        "--pre-commit",
        action="store_true",
        help="also time our pre-commit hook beside a no-op hook (installs a hook environment)",
    )
    parser.add_argument(
        "--peers",
        action="store_true",
        help="also cookiecutter, copier and projen on comparable work (installs them once)",
    )
    args = parser.parse_args()
    byte_compile()
    rows: list[Measurement] = []
    with tempfile.TemporaryDirectory() as scratch:
        rows.append(measure(IMPORT_FLOOR_NAME, IMPORT_FLOOR, Path(scratch), args.repeat))
        for example in sorted(ROOT.glob("examples/*/mlops.yaml")):
            copy = Path(scratch) / example.parent.name
            shutil.copytree(example.parent, copy)
            scope = "examples"
            for result in bench_project(copy, args.repeat, f"example {copy.name}"):
                rows.append(judge(result, scope))
        largest = max(ROOT.glob("examples/*/mlops.yaml"), key=lambda p: len(p.read_text()))
        for count in args.stages:
            folder = Path(scratch) / f"stages-{count}"
            folder.mkdir()
            (folder / "mlops.yaml").write_text(spec_with_stages(count))
            repeat = max(3, args.repeat // (3 if count >= 10000 else 1))
            for result in bench_project(folder, repeat, f"{count} stages"):
                rows.append(judge(result, str(count)))
        for index, row in enumerate(rows):
            if row.name == f"example {largest.parent.name}: compile (fresh)":
                rows[index] = judge(row, "largest example")
        if args.peers:
            ours = next(
                row
                for row in rows
                if row.name.endswith("compile (fresh)")
                and row.name.startswith(f"example {largest.parent.name}:")
            )
            rows += bench_peers(Path(scratch), largest.parent, ours, args.repeat)
        hook_rows = []
        if args.pre_commit:
            for result in bench_pre_commit(Path(scratch), args.repeat):
                hook_rows.append(judge(result, "pre-commit"))
    floor = statistics.median(row.floor for row in rows)
    python = sys.version.split()[0]
    floor_ms = f"{floor * 1e3:.1f} ms"
    print(f"machine: {os.cpu_count()} cores, Python {python}; F (python -c pass) = {floor_ms}")
    print(f"{'what':58} {'wall':>9} {'x F':>7} {'peak RSS':>10}  target")
    for row in rows:
        mark = "" if not row.target else ("  ok" if row.ok else "  MISSED")
        figures = f"{row.seconds * 1000:7.1f}ms {row.ratio:7.2f} {row.rss_mib:8.1f}MiB"
        print(f"{row.name:58} {figures}  {row.target}{mark}")
    if hook_rows:
        print(f"{'pre-commit (every run with --all-files)':58} {'wall':>9} {'x no-op':>7}")
    for row in hook_rows:
        mark = "" if not row.target else ("  ok" if row.ok else "  MISSED")
        figures = f"{row.seconds * 1000:7.1f}ms {row.ratio:7.2f}"
        print(f"{row.name:58} {figures}  no-op {row.floor * 1000:.1f}ms  {row.target}{mark}")
    return 0 if all(row.ok for row in [*rows, *hook_rows]) else 1


if __name__ == "__main__":
    sys.exit(main())
