"""The published JSON Schema of mlops.yaml, generated from the models (never edited by hand)."""

from __future__ import annotations

import ast
import inspect
import itertools
import json
import sys
from functools import cache
from typing import Any

from pydantic import BaseModel

from mlops_compiler.commands.schema_examples import fill_examples

SCHEMA_ID = "https://json.schemastore.org/mlops-compiler.json"
"""The schema's stable address: SchemaStore's name for it (docs/editors.md, the catalog entry).

Editors cache a schema by its `$id`; it changes only with a new major version of the format.
"""

DRAFT = "http://json-schema.org/draft-07/schema#"
"""Draft 7: what yaml-language-server, Ajv's default class and SchemaStore all read in full."""


def schema_document() -> dict[str, Any]:
    """The JSON Schema (draft 7), with descriptions and examples taken from the models."""
    from mlops_compiler.spec import whole_model

    generated = whole_model().model_json_schema(mode="validation")
    with_descriptions = describe_fields(generated, whole_model())
    body = fill_examples({k: v for k, v in with_descriptions.items() if k != "title"})
    return {
        "$schema": DRAFT,
        "$id": SCHEMA_ID,
        "title": "mlops.yaml",
        **as_draft7(body),
    }


_NAMES = ("properties", "patternProperties", "definitions", "$defs")
"""Keywords whose value maps names (not keywords) to schemas."""
_DATA = ("examples", "default", "const", "enum")
"""Keywords whose value is data, never walked."""


def as_draft7(node: Any, *, names: bool = False) -> Any:
    """Pydantic's 2020-12 output in draft 7: `$defs` becomes `definitions` (and every `$ref` to
    it), and OpenAPI's `discriminator`, which Ajv's strict mode rejects as an unknown keyword,
    is dropped (`oneOf` with a `const` per branch says the same to a validator)."""
    if isinstance(node, list):
        return [as_draft7(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted: dict[str, Any] = {}
    for key, value in node.items():
        if names:
            converted[key] = as_draft7(value)
        elif key == "discriminator":
            continue
        elif key == "$ref" and isinstance(value, str):
            converted[key] = value.replace("#/$defs/", "#/definitions/", 1)
        elif key in _DATA:
            converted[key] = value
        else:
            converted["definitions" if key == "$defs" else key] = as_draft7(
                value, names=key in _NAMES
            )
    return converted


def schema_text() -> str:
    """The schema as committed in schemas/mlops.schema.json (stable bytes)."""
    return json.dumps(schema_document(), indent=2, ensure_ascii=False) + "\n"


def describe_fields(document: dict[str, Any], root: type[BaseModel]) -> dict[str, Any]:
    """``document`` with each property described by its field's attribute docstring.

    Pydantic can do this itself (``use_attribute_docstrings``), but it reads and parses the
    source of every model when the class is created, which cost every `mlops` run ~80 ms of
    start-up. Only the schema needs the descriptions, so they are read here, once per module.
    As Pydantic does, a description that merely repeats the referenced model's is left out, and
    a property's keys stay in alphabetical order.
    """
    models = {}
    for model in _models_under(root):
        models[model.__name__] = model
        # Pydantic's name for a definition whose class name is taken twice:
        models[f"{model.__module__}.{model.__qualname__}".replace(".", "__")] = model
    definitions: dict[str, Any] = document.get("$defs", {})
    for name, schema in [(root.__name__, document), *definitions.items()]:
        if name in models and "properties" in schema:
            _describe(schema["properties"], models[name], definitions)
    return document


def _describe(properties: dict[str, Any], model: type[BaseModel], definitions: Any) -> None:
    for field_name, field in model.model_fields.items():
        prop = properties.get(field.alias or field_name)
        doc = _field_docstring(model, field_name)
        if prop is None or doc is None or "description" in prop:
            continue
        referenced = definitions.get(str(prop.get("$ref", "")).rsplit("/", 1)[-1], {})
        if len(prop) == 1 and referenced.get("description") == doc:
            continue
        properties[field.alias or field_name] = dict(sorted({**prop, "description": doc}.items()))


def _models_under(root: type[BaseModel]) -> list[type[BaseModel]]:
    """Every model class that derives from the root's base (the spec's sections and parts)."""
    found: list[type[BaseModel]] = []
    pending = [root.__mro__[1]]
    while pending:
        model = pending.pop()
        found.append(model)
        pending += model.__subclasses__()
    return found


def _field_docstring(model: type[BaseModel], field_name: str) -> str | None:
    """The docstring under the annotation of ``field_name`` in the class that declares it."""
    for klass in model.__mro__:
        if field_name in inspect.get_annotations(klass):
            return _attribute_docstrings(klass.__module__, klass.__qualname__).get(field_name)
    return None


@cache
def _attribute_docstrings(module: str, qualname: str) -> dict[str, str]:
    """``{attribute: docstring}`` of one class, as Pydantic's ``use_attribute_docstrings``."""
    body = _class_body(_module_tree(module), qualname.split("."))
    docs: dict[str, str] = {}
    for previous, statement in itertools.pairwise(body):
        if (
            isinstance(previous, ast.AnnAssign)
            and isinstance(previous.target, ast.Name)
            and isinstance(statement, ast.Expr)
            and isinstance(statement.value, ast.Constant)
            and isinstance(statement.value.value, str)
        ):
            docs[previous.target.id] = inspect.cleandoc(statement.value.value)
    return docs


@cache
def _module_tree(module: str) -> ast.Module:
    return ast.parse(inspect.getsource(sys.modules[module]))


def _class_body(tree: ast.Module, names: list[str]) -> list[ast.stmt]:
    body: list[ast.stmt] = tree.body
    for name in names:
        body = next(
            node.body for node in body if isinstance(node, ast.ClassDef) and node.name == name
        )
    return body
