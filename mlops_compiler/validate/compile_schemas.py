"""Write the compiled section schemas (`make regen`); see ``validate.precompiled``.

Kept apart from ``precompiled`` so that a compile, which only reads the set, never loads this.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pydantic

from mlops_compiler.validate.precompiled import COMPILED_DIR, TOP, spec_fingerprint, stamp


def section_schemas(model: type[pydantic.BaseModel]) -> dict[str, dict[str, Any]]:
    """The top level and each field's schema of ``model``, with the definitions each needs."""
    full: dict[str, Any] = model.__pydantic_core_schema__  # type: ignore[assignment]
    definitions: dict[str, Any] = {}
    root = full
    if full["type"] == "definitions":
        definitions = {item["ref"]: item for item in full["definitions"]}
        root = full["schema"]
    root = definitions.get(root.get("schema_ref", ""), root)
    fields_schema = root["schema"]
    sections: dict[str, dict[str, Any]] = {}
    for name, field in fields_schema["fields"].items():
        sections[name] = _with_definitions(field["schema"], definitions)
    top_fields = {
        name: {**field, "schema": _any_like(field["schema"])}
        for name, field in fields_schema["fields"].items()
    }
    sections[TOP] = {
        "type": "model-fields",
        "fields": top_fields,
        "extra_behavior": "forbid",
        "model_name": fields_schema.get("model_name", model.__name__),
    }
    return sections


def _any_like(schema: dict[str, Any]) -> dict[str, Any]:
    """Any value, keeping the field's default: the top level checks only presence."""
    if schema["type"] == "default":
        return {**schema, "schema": {"type": "any"}}
    return {"type": "any"}


def _with_definitions(schema: dict[str, Any], definitions: dict[str, Any]) -> dict[str, Any]:
    needed: dict[str, Any] = {}
    pending = list(_refs(schema))
    while pending:
        ref = pending.pop()
        if ref in needed:
            continue
        needed[ref] = definitions[ref]
        pending += _refs(definitions[ref])
    if not needed:
        return schema
    ordered = [definitions[ref] for ref in definitions if ref in needed]
    return {"type": "definitions", "schema": schema, "definitions": ordered}


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if node.get("type") == "definition-ref":
            yield node["schema_ref"]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from _refs(value)


class _Source:
    """Python source for one schema: literals as they are, classes and functions by import."""

    def __init__(self) -> None:
        self.imports: dict[str, str] = {}
        self.refs: dict[str, str] = {}

    def emit(self, node: Any, indent: int = 0, owner: Any = None, field: str = "") -> str:
        """``node`` as an expression; ``owner`` and ``field`` say which model field it is in."""
        pad, inner = "    " * indent, "    " * (indent + 1)
        if isinstance(node, dict):
            if node.get("type") == "model" and isinstance(node.get("cls"), type):
                owner = node["cls"]
            items = []
            for key, value in node.items():
                if key == "metadata":  # JSON Schema hooks, never read to validate
                    continue
                if key in ("ref", "schema_ref") and isinstance(value, str):
                    value = self._ref(value)
                if key == "fields" and node.get("type") == "model-fields":
                    text = self._fields(value, indent + 1, owner)
                else:
                    text = self.emit(value, indent + 1, owner, field)
                items.append(f"{inner}{key!r}: {text},")
            return "{\n" + "\n".join(items) + f"\n{pad}}}" if items else "{}"
        if isinstance(node, list | tuple):
            left, right = ("[", "]") if isinstance(node, list) else ("(", ")")
            if not node:
                return left + right
            items = [f"{inner}{self.emit(value, indent + 1, owner, field)}," for value in node]
            return left + "\n" + "\n".join(items) + f"\n{pad}{right}"
        if node is None or isinstance(node, bool | int | float | str):
            return repr(node)
        return self._reference(node, owner, field)

    def _fields(self, fields: dict[str, Any], indent: int, owner: Any) -> str:
        pad, inner = "    " * indent, "    " * (indent + 1)
        items = [
            f"{inner}{name!r}: {self.emit(value, indent + 1, owner, name)},"
            for name, value in fields.items()
        ]
        return "{\n" + "\n".join(items) + f"\n{pad}}}"

    def _ref(self, ref: str) -> str:
        """Pydantic's refs end in an object id: numbered in order instead, so regen is stable."""
        return self.refs.setdefault(ref, f"{ref.split(':')[0]}:{len(self.refs)}")

    def _reference(self, node: Any, owner: Any, field: str) -> str:
        module = getattr(node, "__module__", None)
        qualname = getattr(node, "__qualname__", "")
        if module and "<" not in qualname and _resolve(module, qualname) is node:
            return f"{self._alias(module)}.{qualname}"
        fields = getattr(owner, "model_fields", {})
        if field in fields and fields[field].default_factory is node:
            where = f"{self._alias(owner.__module__)}.{owner.__qualname__}"
            return f"{where}.model_fields[{field!r}].default_factory"
        raise TypeError(f"cannot write {node!r} into a compiled schema ({owner}.{field})")

    def _alias(self, module: str) -> str:
        if module not in self.imports:
            alias = "_" + module.rsplit(".", 1)[-1]
            while alias in self.imports.values():
                alias += "_"
            self.imports[module] = alias
        return self.imports[module]


def _resolve(module: str, qualname: str) -> Any:
    target: Any = importlib.import_module(module)
    for part in qualname.split("."):
        target = getattr(target, part, None)
    return target


def module_source(schema: dict[str, Any]) -> str:
    """One compiled-schema module: its imports, then ``SCHEMA``."""
    source = _Source()
    body = source.emit(schema)
    imports = "".join(
        f"from {module.rsplit('.', 1)[0]} import {module.rsplit('.', 1)[1]} as {alias}\n"
        if "." in module
        else f"import {module} as {alias}\n"
        for module, alias in sorted(source.imports.items())
    )
    return (
        '"""Generated by `make regen` (validate.precompiled): do not edit."""\n\n'
        + imports
        + f"\nSCHEMA = {body}\n"
    )


def write_compiled_set(target: Path = COMPILED_DIR) -> None:
    """Write every section's module and the stamp into ``target``, replacing what was there.

    Written beside ``target`` first and swapped in, so that an error leaves the old set whole.
    """
    import shutil
    import tempfile

    from mlops_compiler.spec import whole_model

    scratch = Path(tempfile.mkdtemp(prefix=".compiled-", dir=target.parent))
    try:
        for name, schema in section_schemas(whole_model()).items():
            (scratch / f"{name}.py").write_text(module_source(schema), encoding="utf-8")
        (scratch / "__init__.py").write_text(stamp(spec_fingerprint()), encoding="utf-8")
        shutil.rmtree(target, ignore_errors=True)
        scratch.rename(target)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main() -> None:
    """Rewrite the committed set (`make regen`)."""
    write_compiled_set()


if __name__ == "__main__":
    main()
