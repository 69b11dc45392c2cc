"""Words for what an import did: taken over, kept verbatim and why, left alone, unreadable.

Pure functions from an ``ImportResult`` to text; the CLI decides where it goes.
"""

from __future__ import annotations

import unicodedata

from mlops_compiler.commands.importer.comments import (
    comment_start,
    header_lines,
    yaml_comment_lines,
)
from mlops_compiler.commands.importer.readers import read_text
from mlops_compiler.commands.importer.session import ImportResult
from mlops_compiler.commands.importer.sources import Skipped, Source

_WHAT = {
    "pipeline": "DVC pipeline",
    "params": "params file",
    "dvc_config": "DVC remotes and settings",
    "mlproject": "MLflow project",
    "env": "MLflow environment",
    "image": "modelled by `images`",
    "workflow": "modelled by `ci`, `cd` or `retraining`",
    "file": "verbatim under `files:` (why: below)",
}


def import_report(result: ImportResult, *, check: bool) -> str:
    """The report of `mlops import` (``check``: of `mlops import --check`)."""
    lines = [_headline(result, check=check)]
    exact = [source for source in result.adopted if source.kind not in ("image", "workflow")]
    width = max((len(source.path) for source in exact), default=0)
    if exact:
        lines.append("  taken over (compiling mlops.yaml reproduces each one exactly, as data):")
        for source in exact:
            lines.append(f"    {'exact  ' if check else ''}{_taken(source, width)}")
    lines += _modelled(result)
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
    if result.seeded:
        lines.append(
            "  compile would replace these, which are not taken over: mlops.yaml keeps them as"
            " they are (`overrides: {PATH: {mode: seed}}`): " + ", ".join(result.seeded)
        )
    if result.created:
        lines.append("  compile will also create: " + ", ".join(result.created))
    for rule in result.allowed:
        lines.append(
            f"  mlops.yaml relaxes the security rule `{rule}` (`allow:`), to carry actions the"
            " workflows use by a tag or a branch: pin them to commits, then delete it"
            " (`mlops compile --strict` refuses it)"
        )
    moved, lost = _comments(result)
    if moved:
        lines.append(
            "  comments moved to mlops.yaml, beside what they describe (generated files carry"
            " none; edit them there): " + ", ".join(moved)
        )
    if lost:
        lines.append(
            "  comments mlops.yaml does not keep (copy what matters into mlops.yaml): "
            + ", ".join(lost)
        )
    return "\n".join(_visible(line) for line in lines) + "\n"


def _visible(line: str) -> str:
    """``line`` with control and invisible characters shown as `<U+000A>`: a folder named
    `x<LF>::error::...` must not start a line GitHub Actions reads as a workflow command."""
    return "".join(
        char
        if char.isprintable() and unicodedata.category(char) != "Cf"
        else f"<U+{ord(char):04X}>"
        for char in line
    )


def _modelled(result: ImportResult) -> list[str]:
    """Dockerfiles `images` now writes (each difference listed), and files carried as text."""
    lines = []
    images = [source for source in result.adopted if source.image is not None]
    if images:
        lines.append(
            "  modelled (compile writes them anew from mlops.yaml, stricter than before;"
            " `--keep-behaviour` carries them as they are instead):"
        )
        for source in images:
            assert source.image is not None
            lines.append(f"    {source.path}: images.{source.image.name}")
            lines += [f"      differs: {difference}" for difference in source.image.differences]
    workflows = [source for source in result.adopted if source.workflow is not None]
    if workflows:
        lines.append(
            "  modelled workflows (compile writes the section's workflow in their place and"
            " deletes the original; `--keep-behaviour` carries them as they are instead):"
        )
        for source in workflows:
            model = source.workflow
            assert model is not None
            partly = "partly modelled" if model.patches else "modelled"
            lines.append(f"    {source.path}: {partly} by `{model.section}` ({model.target})")
            lines += [
                f"      carried: {_patch_text(patch)} ({_step_text(patch)})"
                for patch in model.patches
            ]
            lines += [f"      differs: {difference}" for difference in model.differences]
    carried = [source for source in result.adopted if source.kind == "file"]
    if carried:
        lines.append("  verbatim (carried under `files:` as they are):")
        lines += [f"    {source.path}: {source.verbatim}" for source in carried]
    return lines


def _step_text(patch: dict[str, object]) -> str:
    step = patch.get("value")
    if "set" in patch and isinstance(step, dict):
        return "the variables " + ", ".join(map(str, step))
    if isinstance(step, dict):
        if isinstance(step.get("uses"), str):
            return f"uses {step['uses']}"
        run = str(step.get("run", "")).strip().split("\n", 1)[0]
        return f"run {run[:50]}"
    return str(step)  # pragma: no cover - a carried step is a mapping


def _headline(result: ImportResult, *, check: bool) -> str:
    found = len(result.adopted) + sum(1 for item in result.skipped if item.verdict != "left")
    modelled = sum(1 for source in result.adopted if source.kind in ("image", "workflow"))
    anew = f", {modelled} modelled anew" if modelled else ""
    if check:
        exact = len(result.adopted) - modelled
        return (
            f"mlops import --check: {exact} of {found} file(s) round-trip exactly{anew}"
            " (nothing written)"
        )
    return f"mlops import: {len(result.adopted)} of {found} file(s) taken over{anew}"


def _taken(source: Source, width: int) -> str:
    what = _WHAT[source.kind]
    if source.patches:
        what += f", partly modelled: {len(source.patches)} part(s) carried under `overrides:`"
    return f"{source.path.ljust(width)}  {what}"


def _patch_text(patch: dict[str, object]) -> str:
    for op in ("set", "delete", "append"):
        if op in patch:
            return f"{op} {patch[op]}"
    return str(patch)  # pragma: no cover - carry makes only these three


def _skipped(item: Skipped) -> str:
    return item.reason if item.verdict == "unreadable" else f"{item.path}: {item.reason}"


def _comments(result: ImportResult) -> tuple[list[str], list[str]]:
    """Per file taken over: its comment lines now in mlops.yaml, and those that are not."""
    moved, lost = [], []
    for source in result.adopted:
        if source.kind == "file":  # carried as text: its comments are kept
            continue
        text = read_text(result.root, source.path)
        if not isinstance(text, str):
            continue
        if source.reader == "ini":
            count, dropped = 0, _ini_comment_lines(text)
        elif source.kind in ("image", "workflow"):  # all above its section
            dropped = source.comments.dropped
            count = sum(len(lines) for lines in source.comments.above.values())
        else:
            dropped = source.comments.dropped
            count = len(yaml_comment_lines(text)) - dropped
        if count:
            moved.append(_lines(source.path, count))
        if dropped:
            lost.append(_lines(source.path, dropped))
    return moved, lost


def _lines(path: str, count: int) -> str:
    return f"{path} ({count} line{'s' if count > 1 else ''})"


def _ini_comment_lines(text: str) -> int:
    lines = text.split("\n")[header_lines(text) :]
    return sum(1 for line in lines if comment_start(line, "#;") is not None)


def failed(result: ImportResult) -> bool:
    """Whether something that should be taken over is not (`--check` exits 1)."""
    return any(item.verdict in ("unreadable", "refused") for item in result.skipped)
