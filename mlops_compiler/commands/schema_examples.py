"""Give every property of the JSON Schema an example, so editors show one on hover.

A field's own ``examples=`` wins. A field without one gets the first of: its ``const`` or first
``enum`` value, a meaningful default (not null, not empty), or an object assembled from the
examples of the model it refers to. A field none of these covers keeps no example, and
``tests/test_schema.py`` names it, so that its model gets an explicit ``examples=``.
"""

from __future__ import annotations

from typing import Any

_NONE: Any = object()


def fill_examples(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with ``examples`` added to each property that has none and can get one."""
    definitions: dict[str, Any] = document.get("$defs", {})
    for model in [document, *definitions.values()]:
        for schema in model.get("properties", {}).values():
            if "examples" not in schema:
                example = _example(schema, definitions, frozenset())
                if example is not _NONE:
                    schema["examples"] = [example]
    return document


def _example(schema: dict[str, Any], definitions: dict[str, Any], seen: frozenset[str]) -> Any:
    if schema.get("examples"):
        return schema["examples"][0]
    if "const" in schema:
        return schema["const"]
    if schema.get("enum"):
        return schema["enum"][0]
    if "default" in schema and schema["default"] not in (None, [], {}, ""):
        return schema["default"]
    if "$ref" in schema:
        name = str(schema["$ref"]).rsplit("/", 1)[-1]
        if name in seen or name not in definitions:
            return _NONE
        return _model_example(definitions[name], definitions, seen | {name})
    for option in schema.get("anyOf", []) + schema.get("oneOf", []):
        if option.get("type") != "null":
            found = _example(option, definitions, seen)
            if found is not _NONE:
                return found
    if schema.get("type") == "array" and isinstance(schema.get("items"), dict):
        item = _example(schema["items"], definitions, seen)
        return _NONE if item is _NONE else [item]
    return _NONE


def _model_example(model: dict[str, Any], definitions: dict[str, Any], seen: frozenset[str]) -> Any:
    """The model's required fields; for a model with none, its fields that have an example.

    Only required fields where there are some: optional ones may exclude each other
    (`dependencies` and `requirements`).
    """
    if "properties" not in model:
        return _example(model, definitions, seen)
    required = [name for name in model["properties"] if name in model.get("required", [])]
    if not required:
        example = {
            name: schema["examples"][0]
            for name, schema in model["properties"].items()
            if schema.get("examples")
        }
        return example or _NONE
    example = {}
    for name in required:
        value = _example(model["properties"][name], definitions, seen)
        if value is _NONE:
            return _NONE
        example[name] = value
    return example
