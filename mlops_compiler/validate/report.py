"""Pydantic's errors as positioned diagnostics: one per place, with words and a hint.

Imported only when a spec is invalid (``document.validate_document``): a valid spec never
pays for the messages, the hints, or the model walk that finds allowed keys.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from mlops_compiler.errors import Diagnostic, Loc
from mlops_compiler.load.loader import LoadedDocument
from mlops_compiler.validate.hints import hint_for
from mlops_compiler.validate.messages import MISSING_HINTS, closest, type_message
from mlops_compiler.validate.models import allowed_keys, explained_at

_SECRET_KEYS = {"password", "secret_access_key", "access_key_id", "token", "secret", "key"}


def diagnostics_from(errors: list[dict[str, Any]], document: LoadedDocument) -> list[Diagnostic]:
    grouped: dict[Loc, list[dict[str, Any]]] = defaultdict(list)
    for error in errors:
        entry = dict(error)
        entry["on_key"] = "[key]" in error["loc"]
        grouped[_data_path(error["loc"], document.data)].append(entry)
    return [
        _diagnostic(loc, errors, document)
        for loc, errors in grouped.items()
        if not _superseded(loc, errors, grouped)
    ]


def _superseded(loc: Loc, errors: list[dict[str, Any]], grouped: dict[Loc, Any]) -> bool:
    """A union member that failed at ``loc`` while another member got further explains less."""
    if any(error["type"] in ("missing", "extra_forbidden") for error in errors):
        return False
    return any(len(other) > len(loc) and other[: len(loc)] == loc for other in grouped)


def _data_path(loc: tuple[Any, ...], data: Any) -> Loc:
    """Drop the parts of a Pydantic location that are not in the data (union tags, validators).

    An ``extra_forbidden`` key is absent from the model but present in the data, so it stays.
    """
    path: list[str | int] = []
    node = data
    for part in loc:
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            path.append(part)
            node = node[part]
    return tuple(path)


def _diagnostic(loc: Loc, errors: list[dict[str, Any]], document: LoadedDocument) -> Diagnostic:
    first = errors[0]
    kind = first["type"]
    if kind == "extra_forbidden":
        return _unknown_key(loc, document)
    if kind == "missing":
        field = first["loc"][-1]
        hint = MISSING_HINTS.get(str(field), f"add `{field}:`")
        return Diagnostic(
            f"missing required key `{field}`",
            span=document.span_of(loc, key=True),
            loc=loc,
            hint=hint,
        )
    on_key = bool(first.get("on_key"))
    explained = explained_at(loc, document.data)
    message = type_message(errors)
    if explained is not None and explained.problem is not None and kind in _BOUNDS:
        message = explained.problem.format(value=first.get("input"))
    advice = hint_for(loc, errors, document) or (explained.hint if explained else None)
    return Diagnostic(message, span=document.span_of(loc, key=on_key), loc=loc, hint=advice)


_BOUNDS = frozenset({"greater_than", "greater_than_equal", "less_than", "less_than_equal"})


def _unknown_key(loc: Loc, document: LoadedDocument) -> Diagnostic:
    key = str(loc[-1])
    allowed = allowed_keys(loc[:-1], document.data)
    close = closest(key, allowed)
    secret = key.lower() in _SECRET_KEYS
    if secret:
        hint = "credentials never go in mlops.yaml: keep them in .dvc/config.local or a CI secret"
    elif key in ("foreach", "matrix") and {"foreach", "matrix"} & set(allowed):
        hint = "use `foreach` or `matrix`, not both"
    elif close:
        hint = f"did you mean `{close}`?"
    elif allowed:
        hint = "allowed keys: " + ", ".join(f"`{name}`" for name in allowed)
    else:
        hint = None
    return Diagnostic(
        f"unknown key `{key}`",
        span=document.span_of(loc, key=True),
        loc=loc,
        hint=hint,
        redact=secret,
    )
