"""Words for what an import did: taken over, kept verbatim and why, left alone, unreadable.

Pure functions from an ``ImportResult`` to text; the CLI decides where it goes.
"""

from __future__ import annotations

from pathlib import Path

from mlops_compiler.commands.importer.session import ImportResult
from mlops_compiler.commands.importer.sources import Skipped, Source
from mlops_compiler.render.engine import GENERATED_MARKER

_WHAT = {
    "pipeline": "DVC pipeline",
    "params": "params file",
    "dvc_config": "DVC remotes and settings",
    "mlproject": "MLflow project",
    "env": "MLflow environment",
    "file": "carried as it is (`files`)",
}


def import_report(result: ImportResult, *, check: bool) -> str:
    """The report of `mlops import` (``check``: of `mlops import --check`)."""
    lines = [_headline(result, check=check)]
    width = max((len(source.path) for source in result.adopted), default=0)
    if result.adopted:
        lines.append("  taken over (compiling mlops.yaml reproduces each one exactly, as data):")
        for source in result.adopted:
            lines.append(f"    {'exact  ' if check else ''}{_taken(source, width)}")
    verbatim = [source for source in result.adopted if source.patches]
    if verbatim:
        lines.append("  kept verbatim under `overrides:` (mlops.yaml does not model them):")
        for source in verbatim:
            lines += [f"    {source.path}: {_patch_text(patch)}" for patch in source.patches]
            lines += [f"      why: {reason}" for reason in source.reasons]
    for verdict, title in (
        ("unreadable", "could not be read (the rest is imported):"),
        ("refused", "not taken over (they stay as they are):"),
        ("left", "left as they are:"),
    ):
        skipped = [item for item in result.skipped if item.verdict == verdict]
        if skipped:
            lines.append(f"  {title}")
            lines += [f"    {_skipped(item)}" for item in skipped]
    if result.created:
        lines.append("  compile will also create: " + ", ".join(result.created))
    commented = _comments(result)
    if commented:
        lines.append(
            "  comments are not data, so compile will not keep these (copy what matters into"
            " mlops.yaml): " + ", ".join(commented)
        )
    return "\n".join(lines) + "\n"


def _headline(result: ImportResult, *, check: bool) -> str:
    found = len(result.adopted) + sum(1 for item in result.skipped if item.verdict != "left")
    if check:
        return (
            f"mlops import --check: {len(result.adopted)} of {found} file(s) round-trip exactly"
            " (nothing written)"
        )
    return f"mlops import: {len(result.adopted)} of {found} file(s) taken over"


def _taken(source: Source, width: int) -> str:
    what = _WHAT[source.kind]
    if source.patches:
        what += f", {len(source.patches)} part(s) verbatim"
    return f"{source.path.ljust(width)}  {what}"


def _patch_text(patch: dict[str, object]) -> str:
    for op in ("set", "delete", "append"):
        if op in patch:
            return f"{op} {patch[op]}"
    return str(patch)  # pragma: no cover - carry makes only these three


def _skipped(item: Skipped) -> str:
    return item.reason if item.verdict == "unreadable" else f"{item.path}: {item.reason}"


def _comments(result: ImportResult) -> list[str]:
    found = []
    for source in result.adopted:
        if source.kind == "file":  # carried as text: its comments are kept
            continue
        count = _comment_lines(result.root / source.path)
        if count:
            found.append(f"{source.path} ({count} line{'s' if count > 1 else ''})")
    return found


def _comment_lines(path: Path) -> int:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return 0
    header = header_lines(text)
    return sum(1 for line in text.splitlines()[header:] if _has_comment(line))


def header_lines(text: str) -> int:
    """How many of the first lines are a generated-file header (mlops writes those back)."""
    lines = text.splitlines()
    if lines and GENERATED_MARKER in lines[0]:
        return 2 if len(lines) > 1 and "`mlops compile`" in lines[1] else 1
    return 0


def _has_comment(line: str) -> bool:
    """A `#` (or `;` in .dvc/config) that starts a comment: at the start, or after a space,
    outside quotes."""
    if line.lstrip().startswith(("#", ";")):
        return True
    quote = ""
    for index, char in enumerate(line):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and index and line[index - 1] in " \t":
            return True
    return False


def failed(result: ImportResult) -> bool:
    """Whether something that should be taken over is not (`--check` exits 1)."""
    return any(item.verdict in ("unreadable", "refused") for item in result.skipped)
