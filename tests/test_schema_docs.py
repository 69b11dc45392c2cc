"""Editor and reference documentation: every field of the schema has a description and an
example, every example is valid for its field, and docs/spec.md is generated from the models."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest

from mlops_compiler.commands.reference import reference_markdown
from mlops_compiler.commands.schema import schema_document

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT = schema_document()
PROPERTIES = [
    (f"{model}.{name}", schema)
    for model, definition in {"MlopsSpec": DOCUMENT, **DOCUMENT["definitions"]}.items()
    for name, schema in definition.get("properties", {}).items()
]

PENDING_EXAMPLES: set[str] = set()
"""Fields of sections still being written that have no example yet (a ratchet: it only shrinks).
Owners: add `examples=` to the field (or make its default or sub-model give one), then remove it
here; a new field without an example fails the first test."""


def test_every_field_has_a_description_and_an_example() -> None:
    undescribed = [name for name, schema in PROPERTIES if not schema.get("description")]
    without_example = {name for name, schema in PROPERTIES if not schema.get("examples")}
    assert undescribed == []
    assert sorted(without_example - PENDING_EXAMPLES) == [], "add `examples=` to these fields"
    assert sorted(PENDING_EXAMPLES - without_example) == [], "remove these from PENDING_EXAMPLES"


@pytest.mark.parametrize(
    ("name", "schema"),
    [(name, schema) for name, schema in PROPERTIES if schema.get("examples")],
    ids=[name for name, schema in PROPERTIES if schema.get("examples")],
)
def test_every_example_is_valid_for_its_field(name: str, schema: dict[str, Any]) -> None:
    validator = jsonschema.Draft7Validator({"definitions": DOCUMENT["definitions"], **schema})
    for example in schema["examples"]:
        errors = [error.message for error in validator.iter_errors(example)]
        assert errors == [], f"{name}: example {example!r}"


def test_the_committed_reference_is_current() -> None:
    committed = (ROOT / "docs/spec.md").read_text(encoding="utf-8")
    assert committed == reference_markdown(), "run `make regen` (mlops schema --markdown)"


def test_the_reference_has_a_row_for_every_top_level_key() -> None:
    text = reference_markdown()
    for key in DOCUMENT["properties"]:
        assert f"| `{key}` |" in text
