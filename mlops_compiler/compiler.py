"""The façade: one call from a spec path to everything it generates, writing nothing."""

from __future__ import annotations

from pathlib import Path

from mlops_compiler import ir
from mlops_compiler.loader import load_spec_file
from mlops_compiler.lower import lower_spec
from mlops_compiler.render import OutputTree, render_project
from mlops_compiler.spec import MlopsSpec
from mlops_compiler.validate import validate_document


def load_and_validate(spec_path: Path) -> MlopsSpec:
    """Load and validate the spec; raise ``SpecError`` with every positioned problem."""
    return validate_document(load_spec_file(spec_path))


def lower_file(spec_path: Path) -> ir.Project:
    """Load, validate and lower the spec to the IR (all checks, no rendering)."""
    document = load_spec_file(spec_path)
    return lower_spec(validate_document(document), document)


def compile_spec(spec_path: Path) -> OutputTree:
    """Every file ``spec_path`` generates, rendered and verified in memory."""
    return render_project(lower_file(spec_path))
