"""The `mlops import` figures on a corpus of real repositories, as the README reports them.

    PYTHONPATH=. .venv/bin/python scripts/import_figures.py [../shared/corpus]

For every repository folder of the corpus (read in place; the CLI runs on copies in a temporary
folder):

- internal errors (exit 70) of `mlops import`, `mlops compile` and `mlops compile --check`, on
  a copy as found and on a copy with every line end CRLF;
- workflows and Dockerfiles found, and how many are modelled by spec sections rather than
  carried verbatim under `files:`;
- comment lines of the files taken over, and how many of them mlops.yaml keeps (the same text
  in a comment of the imported spec).

`tests/e2e/test_import_corpus.py` computes the same figures with `figures()` and checks that
the README states them.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from mlops_compiler.cli.main import main
from mlops_compiler.commands.importer import ImportResult, import_repository
from mlops_compiler.commands.importer.comments import comment_start, yaml_comment_lines
from mlops_compiler.commands.importer.readers import read_text

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
INTERNAL_ERROR = 70


@dataclass
class Figures:
    """What the README's import section reports."""

    repositories: int = 0
    exit_70: int = 0
    exit_70_crlf: int = 0
    workflows: int = 0
    workflows_modelled: int = 0
    dockerfiles: int = 0
    dockerfiles_modelled: int = 0
    comment_lines: int = 0
    comments_kept: int = 0
    exits: dict[str, list[int]] = field(default_factory=dict)


def figures(corpus: Path, *, run_cli: bool = True) -> Figures:
    """The figures over every repository folder of ``corpus``."""
    result = Figures()
    for repo in sorted(p for p in corpus.iterdir() if p.is_dir()):
        result.repositories += 1
        with tempfile.TemporaryDirectory() as folder:
            imported = import_repository(_copy(repo, Path(folder) / "found", crlf=False))
            _count_files(imported, result)
            _count_comments(imported, result)  # reads the copy's files
        if run_cli:
            with tempfile.TemporaryDirectory() as folder:
                for crlf in (False, True):
                    codes = _round_trip(repo, Path(folder) / ("crlf" if crlf else "lf"), crlf=crlf)
                    result.exits[f"{repo.name}{' (CRLF)' if crlf else ''}"] = codes
                    if INTERNAL_ERROR in codes:
                        if crlf:
                            result.exit_70_crlf += 1
                        else:
                            result.exit_70 += 1
    return result


def _count_files(imported: ImportResult, result: Figures) -> None:
    every = [s.path for s in imported.adopted] + [s.path for s in imported.skipped]
    modelled = {s.path for s in imported.adopted if s.kind != "file"}
    for path in every:
        if path.startswith(".github/workflows/"):
            result.workflows += 1
            result.workflows_modelled += path in modelled
        elif "dockerfile" in path.rsplit("/", 1)[-1].lower():
            result.dockerfiles += 1
            result.dockerfiles_modelled += path in modelled


def _count_comments(imported: ImportResult, result: Figures) -> None:
    """Comment lines of the files taken over, and those whose text mlops.yaml keeps."""
    in_spec = Counter(_comments_of(imported.spec_text, ini=False))
    for source in imported.adopted:
        if source.kind == "file":
            continue  # carried as text, comments and all
        text = read_text(imported.root, source.path)
        if not isinstance(text, str):
            continue
        for body in _comments_of(
            text, ini=source.reader == "ini", docker=source.reader == "dockerfile"
        ):
            result.comment_lines += 1
            if in_spec[body] > 0:
                in_spec[body] -= 1
                result.comments_kept += 1


def _comments_of(text: str, *, ini: bool, docker: bool = False) -> list[str]:
    lines = text.split("\n")
    if ini or docker:
        starts = ("#", ";") if ini else ("#",)
        numbers = [i for i, line in enumerate(lines) if line.lstrip().startswith(starts)]
    else:
        numbers = sorted(yaml_comment_lines(text))
    bodies = []
    for number in numbers:
        start = comment_start(lines[number], "#;") or 0
        bodies.append(lines[number][start + 1 :].strip())
    return bodies


def _copy(repo: Path, copy: Path, *, crlf: bool) -> Path:
    """A writable copy of ``repo`` (``crlf``: every line end CRLF, as a Windows checkout).

    Always a copy, also just to import: a repository of `tests/data/` lies inside the project's
    own git checkout, where import would take it for a folder of a monorepo (its workflows
    would then be the root's, which GitHub never runs from there).
    """
    shutil.copytree(repo, copy)
    for path in sorted(copy.rglob("*")):
        path.chmod(0o755 if path.is_dir() else 0o644)
        if crlf and path.is_file():
            data = path.read_bytes().replace(b"\r\n", b"\n")
            path.write_bytes(data.replace(b"\n", b"\r\n"))
    return copy


def _round_trip(repo: Path, copy: Path, *, crlf: bool) -> list[int]:
    """Exit codes of import, compile, compile --check on a copy of ``repo``."""
    _copy(repo, copy, crlf=crlf)
    spec = str(copy / "mlops.yaml")
    codes = []
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        for argv in (
            ["import", str(copy)],
            ["compile", "-f", spec],
            ["compile", "--check", "-f", spec],
        ):
            codes.append(main(argv))
            if codes[-1] != 0:
                break
    shutil.rmtree(copy)
    return codes


def percent(done: int, total: int) -> str:
    """`12 / 16 (75.0%)`, or `0 / 0 (none in the corpus)`."""
    if not total:
        return "0 / 0 (none in the corpus)"
    return f"{done} / {total} ({done / total:.1%})"


def report(result: Figures) -> str:
    """The figures as the README's table rows."""
    return "\n".join(
        [
            "| figure | measured |",
            "|---|---|",
            f"| repositories | {result.repositories} |",
            f"| exit 70 (import, compile, --check), as found | {result.exit_70} |",
            f"| exit 70, CRLF copies | {result.exit_70_crlf} |",
            f"| workflows modelled | {percent(result.workflows_modelled, result.workflows)} |",
            "| Dockerfiles modelled |"
            f" {percent(result.dockerfiles_modelled, result.dockerfiles)} |",
            f"| comment lines kept | {percent(result.comments_kept, result.comment_lines)} |",
        ]
    )


if __name__ == "__main__":
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CORPUS
    measured = figures(corpus)
    print(report(measured))
    for name, codes in measured.exits.items():
        if codes != [0, 0, 0]:
            print(f"{name}: exit codes {codes}")
