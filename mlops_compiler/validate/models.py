"""Which spec model sits at a place in the data: for the allowed keys of an unknown one, and
for the words a constrained type gives (``spec.base.Explained``).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from mlops_compiler.errors import Loc
from mlops_compiler.spec import whole_model
from mlops_compiler.spec.base import Explained


def explained_at(loc: Loc, data: Any) -> Explained | None:
    """The words the field's constrained type gives (found by walking the models to it)."""
    if not loc or not isinstance(loc[-1], str):
        return None
    model: Any = whole_model()
    node = data
    for part in loc[:-1]:
        try:
            node = node[part] if isinstance(node, dict | list) else None  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return None
        model = _child_model(model, part, node)
        if model is None:
            return None
    if model is _STAGE:
        model = _stage_model(node)
    fields = getattr(model, "model_fields", None)
    field = fields.get(loc[-1]) if fields else None
    return None if field is None else _explained_in([*field.metadata, field.annotation])


def _explained_in(items: list[Any]) -> Explained | None:
    import typing

    for item in items:
        if isinstance(item, Explained):
            return item
        found = _explained_in(list(typing.get_args(item)))
        if found is not None:
            return found
    return None


def allowed_keys(parent: Loc, data: Any) -> list[str]:
    """The field names of the model that sits at ``parent`` (found by walking the models)."""
    model: Any = whole_model()
    node = data
    for part in parent:
        node = node[part] if isinstance(node, dict | list) else None  # type: ignore[index]
        model = _child_model(model, part, node)
        if model is None:
            return []
    if model is _STAGE:
        model = _stage_model(node)
    fields = getattr(model, "model_fields", None)
    return list(fields) if fields else []


def _child_model(model: Any, part: str | int, node: Any) -> Any:
    if isinstance(model, type) and issubclass(model, BaseModel):
        if not isinstance(part, str) or part not in model.model_fields:
            return None
        return _model_in(model.model_fields[part].annotation, node)
    if isinstance(model, _Container):
        return _model_in(model.item, node)
    if model is _STAGE:
        return _child_model(_stage_model(node), part, node)
    return None


def _stage_model(node: Any) -> Any:
    from mlops_compiler.spec.pipeline import ForeachStage, MatrixStage, StageBody

    if isinstance(node, dict) and "foreach" in node:
        return ForeachStage
    return MatrixStage if isinstance(node, dict) and "matrix" in node else StageBody


class _Container:
    def __init__(self, item: Any):
        self.item = item


_STAGE = object()


def _model_in(annotation: Any, node: Any) -> Any:
    """The model (or container of models) an annotation holds, picked by the data's shape."""
    import typing

    from mlops_compiler.spec.pipeline import StageBody

    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _model_in(args[0], node)
    if origin in (list, dict):
        return _Container(args[-1])
    if origin in (typing.Union, __import__("types").UnionType):
        kind = node.get("kind") if isinstance(node, dict) else None
        candidates = [_model_in(arg, node) for arg in args]
        models = [c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)]
        if any(issubclass(m, StageBody) for m in models):
            return _STAGE
        for candidate in models:
            literal = candidate.model_fields.get("kind")
            if literal is not None and kind in typing.get_args(literal.annotation):
                return candidate
        containers = [c for c in candidates if isinstance(c, _Container)]
        if isinstance(node, dict | list) and containers and not models:
            return containers[0]
        return models[0] if len(models) == 1 else (containers[0] if containers else None)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None
