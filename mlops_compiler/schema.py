"""The published JSON Schema of mlops.yaml, generated from the models (never edited by hand)."""

from __future__ import annotations

import json
from typing import Any

from mlops_compiler.schema_examples import fill_examples


def schema_document() -> dict[str, Any]:
    """The JSON Schema, with descriptions and examples taken from the models."""
    from mlops_compiler.spec import MlopsSpec

    generated = MlopsSpec.model_json_schema(mode="validation")
    body = fill_examples({key: value for key, value in generated.items() if key != "title"})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "mlops.yaml",
        **body,
    }


def schema_text() -> str:
    """The schema as committed in schemas/mlops.schema.json (stable bytes)."""
    return json.dumps(schema_document(), indent=2, ensure_ascii=False) + "\n"
