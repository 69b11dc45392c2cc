"""The published JSON Schema is the models' own, and every example satisfies it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from mlops_compiler.commands.schema import schema_document, schema_text
from mlops_compiler.load.loader import load_spec_file

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(ROOT.glob("examples/*/mlops.yaml"))


def test_committed_schema_is_current() -> None:
    committed = (ROOT / "schemas/mlops.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run `make regen` (mlops schema > schemas/mlops.schema.json)"


def test_every_field_is_described() -> None:
    document = schema_document()
    undocumented = [
        f"{model}.{name}"
        for model, definition in {"MlopsSpec": document, **document["definitions"]}.items()
        for name, field in definition.get("properties", {}).items()
        if "description" not in field
    ]
    assert undocumented == []


@pytest.mark.parametrize("spec", EXAMPLES, ids=[p.parent.name for p in EXAMPLES])
def test_examples_satisfy_the_schema(spec: Path) -> None:
    jsonschema.validate(load_spec_file(spec).data, json.loads(schema_text()))


def test_examples_point_editors_at_the_schema() -> None:
    for spec in EXAMPLES:
        first = spec.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../../schemas/mlops.schema.json"
