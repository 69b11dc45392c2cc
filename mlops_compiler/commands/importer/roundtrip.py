"""Compile an imported spec in memory and compare each file with the one it was imported from.

Nothing is written: the spec text is compiled as if it were `mlops.yaml` in the repository's
folder (params files and requirements are read from there), and every compiled file is read
back with its owning tool's rules and compared, as data, with the original.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mlops_compiler.commands.importer.carry import same_data
from mlops_compiler.commands.importer.readers import Reader, Unreadable, parse_text
from mlops_compiler.dataclass import dataclass
from mlops_compiler.load.loader import load_spec_bytes
from mlops_compiler.lower import lower_spec
from mlops_compiler.render.engine import OutputTree, render_project
from mlops_compiler.validate import validate_document

SPEC_NAME = "mlops.yaml"


def compile_text(text: str, root: Path) -> OutputTree:
    """Every file the spec ``text`` generates, as if it were ``root/mlops.yaml``.

    Raises:
        SpecError: the spec is invalid (each diagnostic has its location in the spec).
        PatchError: an `overrides` patch does not apply.
    """
    document = load_spec_bytes(text.encode("utf-8"), root / SPEC_NAME)
    return render_project(lower_spec(validate_document(document), document))


@dataclass(frozen=True)
class Comparison:
    """One imported file against what compile makes of it."""

    path: str
    exact: bool
    compiled: Any
    """The compiled file as the owning tool reads it (an ``Unreadable`` if it does not parse)."""
    difference: str = ""


def compare(tree: OutputTree, path: str, reader: Reader, original: Any) -> Comparison:
    """Does the compiled ``path`` read, with ``reader``'s rules, as ``original`` does?"""
    output = tree.files.get(path)
    if output is None:
        return Comparison(path, False, None, "compile does not generate it")
    compiled = parse_text(output.text, path, reader)
    if isinstance(compiled, Unreadable):
        return Comparison(path, False, compiled, f"the compiled file does not parse: {compiled}")
    if same_data(compiled, original):
        return Comparison(path, True, compiled)
    return Comparison(path, False, compiled, first_difference(compiled, original))


def first_difference(compiled: Any, original: Any, where: str = "") -> str:
    """Where two data trees first differ, for a person: `stages.train.outs[0]: ... != ...`."""
    if isinstance(compiled, dict) and isinstance(original, dict):
        for key in [*original, *(k for k in compiled if k not in original)]:
            inner = f"{where}.{key}" if where else str(key)
            if key not in compiled:
                return f"{inner}: missing from the compiled file"
            if key not in original:
                return f"{inner}: only in the compiled file"
            if not same_data(compiled[key], original[key]):
                return first_difference(compiled[key], original[key], inner)
    if isinstance(compiled, list) and isinstance(original, list) and len(compiled) == len(original):
        for index, (a, b) in enumerate(zip(compiled, original, strict=True)):
            if not same_data(a, b):
                return first_difference(a, b, f"{where}[{index}]")
    return f"{where or 'the file'}: {original!r} became {compiled!r}"
