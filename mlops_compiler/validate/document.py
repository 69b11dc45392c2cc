"""Validate loaded data against the spec models, with every error at its line and column.

Pydantic reports where in its models a value failed; this turns each report into one
diagnostic at the value's place in mlops.yaml, with a message and a hint in the user's words.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from mlops_compiler.errors import SpecError
from mlops_compiler.load.loader import LoadedDocument
from mlops_compiler.spec import MlopsSpec, whole_model
from mlops_compiler.validate import precompiled


def validate_document(document: LoadedDocument) -> MlopsSpec:
    """Turn loaded data into an ``MlopsSpec``; raise ``SpecError`` listing every problem."""
    errors = _errors_or_spec(document.data)
    if isinstance(errors, MlopsSpec):
        return errors
    from mlops_compiler.validate.report import diagnostics_from  # only for an invalid spec

    raise SpecError(document.path, document.lines, diagnostics_from(errors, document))


def _errors_or_spec(data: dict[str, Any]) -> MlopsSpec | list[dict[str, Any]]:
    """The spec, or Pydantic's errors in Pydantic's order.

    Section by section from the compiled schemas when they are fresh (only the sections the
    spec has are built, see ``precompiled``); else by the model, as Pydantic builds it.
    """
    if precompiled.available():
        values, errors = precompiled.validate_sections(data, list(MlopsSpec.model_fields))
        return errors or MlopsSpec.model_construct(**values)
    try:
        return whole_model().model_validate(data)
    except ValidationError as exc:
        return [dict(error) for error in exc.errors(include_url=False)]
