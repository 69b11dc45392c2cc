"""Validators of the spec's sections from core schemas written to Python ahead of time.

Pydantic builds a model's validator in two steps: it generates a core schema from the classes
(Python, ~80 ms for the whole spec), then pydantic-core compiles that schema (Rust, ~30 ms).
Building them through pydantic also loads its plugin machinery, and with it
``importlib.metadata`` (~20 ms; no setting avoids the import: ``PYDANTIC_DISABLE_PLUGINS``
only skips the scan). `make regen` writes each top-level section's core schema as Python into
``compiled_schemas/`` (committed, like the compiled templates); a compile compiles only the
schemas of the sections its spec has, with ``pydantic_core.SchemaValidator``, pydantic's own
public core, so the result is the same models and the same errors.

The set records the fingerprint of the spec modules and the pydantic and pydantic-core
versions it came from; when any differs, validation goes through ``MlopsSpec.model_validate``
as before. A stale set can cost time, never correctness: ``tests/unit/test_precompiled_schemas.py``
keeps the committed one fresh and checks that both paths agree on every case.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pydantic
import pydantic_core
from pydantic_core import SchemaValidator, ValidationError

from mlops_compiler.fingerprint import sha256_hex

COMPILED_PACKAGE = "mlops_compiler.validate.compiled_schemas"
COMPILED_DIR = Path(__file__).resolve().parent / "compiled_schemas"
SPEC_DIR = Path(__file__).resolve().parents[1] / "spec"
TOP = "_top"
"""The module holding the top level: which keys may appear, which must."""

_validators: dict[str, SchemaValidator] = {}


def spec_fingerprint() -> str:
    """sha256 over the spec modules' sources, in name order (what the schemas come from)."""
    digest = [
        f"{source.name}:{sha256_hex(source.read_bytes())}"
        for source in sorted(SPEC_DIR.glob("*.py"))
    ]
    return sha256_hex("\n".join(digest).encode())


def stamp(fingerprint: str) -> str:
    """The package marker of a compiled set: what it came from, and for which pydantic."""
    return (
        '"""Core schemas of the spec\'s sections, by `make regen` (see validate.precompiled).'
        "\n\nGenerated: do not edit. Used only while the values below match this installation.\n"
        '"""\n\n'
        f'SPEC_FINGERPRINT = "{fingerprint}"\n'
        f'PYDANTIC_VERSION = "{pydantic.VERSION}"\n'
        f'PYDANTIC_CORE_VERSION = "{pydantic_core.__version__}"\n'
    )


def available() -> bool:
    """Whether the committed set was written from these spec modules, for this pydantic."""
    try:
        text = (COMPILED_DIR / "__init__.py").read_text(encoding="utf-8")
    except OSError:
        return False
    return text == stamp(spec_fingerprint())


def validate_sections(
    data: dict[str, Any], fields: list[str]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Each section of ``data`` validated by its own schema; the errors as pydantic orders them.

    Pydantic validates a model's fields in their declared order, then reports unknown keys in
    the data's order: the errors come back in that order, their locations from the top.
    """
    errors_by_field: dict[str, list[dict[str, Any]]] = {name: [] for name in fields}
    extra: list[dict[str, Any]] = []
    for error in _errors(_validator(TOP), data):
        if error["type"] == "extra_forbidden" or error["loc"][0] not in errors_by_field:
            extra.append(error)
        else:
            errors_by_field[str(error["loc"][0])].append(error)
    values: dict[str, Any] = {}
    for name in fields:
        if name not in data:
            continue
        try:
            values[name] = _validator(name).validate_python(data[name])
        except ValidationError as exc:
            errors_by_field[name] += _prefixed(name, _error_list(exc))
    ordered = [error for name in fields for error in errors_by_field[name]]
    return values, ordered + extra


def _validator(name: str) -> SchemaValidator:
    if name not in _validators:
        module = importlib.import_module(f"{COMPILED_PACKAGE}.{name}")
        _validators[name] = SchemaValidator(module.SCHEMA)
    return _validators[name]


def _errors(validator: SchemaValidator, value: Any) -> list[dict[str, Any]]:
    try:
        validator.validate_python(value)
    except ValidationError as exc:
        return _error_list(exc)
    return []


def _error_list(exc: ValidationError) -> list[dict[str, Any]]:
    return [dict(error) for error in exc.errors(include_url=False)]


def _prefixed(name: str, errors: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for error in errors:
        yield {**error, "loc": (name, *error["loc"])}
