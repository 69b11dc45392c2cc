"""Validate loaded data against the spec models, with every error at its line and column."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from pydantic import BaseModel, ValidationError

from mlops_compiler.errors import Diagnostic, Loc, SpecError
from mlops_compiler.load.loader import LoadedDocument
from mlops_compiler.spec import MlopsSpec
from mlops_compiler.spec.base import NAME_PATTERN, Explained
from mlops_compiler.spec.deploy import K8S_NAME_PATTERN, QUANTITY_PATTERN
from mlops_compiler.spec.monitoring import ABSOLUTE_PATH_PATTERN, DURATION_PATTERN
from mlops_compiler.spec.project import PYTHON_PATTERN

_SECRET_KEYS = {"password", "secret_access_key", "access_key_id", "token", "secret", "key"}


def validate_document(document: LoadedDocument) -> MlopsSpec:
    """Turn loaded data into an ``MlopsSpec``; raise ``SpecError`` listing every problem."""
    try:
        return MlopsSpec.model_validate(document.data)
    except ValidationError as exc:
        diagnostics = _diagnostics_from(exc, document)
        raise SpecError(document.path, document.lines, diagnostics) from None


def _diagnostics_from(exc: ValidationError, document: LoadedDocument) -> list[Diagnostic]:
    grouped: dict[Loc, list[dict[str, Any]]] = defaultdict(list)
    for error in exc.errors(include_url=False):
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
        hint = _MISSING_HINTS.get(str(field), f"add `{field}:`")
        return Diagnostic(
            f"missing required key `{field}`",
            span=document.span_of(loc, key=True),
            loc=loc,
            hint=hint,
        )
    on_key = bool(first.get("on_key"))
    explained = _explained(loc, document.data)
    message = _type_message(errors)
    if explained is not None and explained.problem is not None and kind in _BOUNDS:
        message = explained.problem.format(value=first.get("input"))
    advice = _hint(loc, errors, document) or (explained.hint if explained else None)
    return Diagnostic(message, span=document.span_of(loc, key=on_key), loc=loc, hint=advice)


_BOUNDS = frozenset({"greater_than", "greater_than_equal", "less_than", "less_than_equal"})


def _explained(loc: Loc, data: Any) -> Explained | None:
    """The words the field's constrained type gives (found by walking the models to it)."""
    if not loc or not isinstance(loc[-1], str):
        return None
    model: Any = MlopsSpec
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


_MISSING_HINTS = {
    "do": "put the stage body (`cmd`, `deps`, `outs`, ...) under `do:`",
    "kind": "add `kind:`, one of: `s3`, `gs`, `azure`, `ssh`, `http`, `local`",
    "version": "add `version: 1` as the first line",
}


def closest(word: str, options: list[str]) -> str | None:
    """The option a typo most likely meant; transposed letters win (`dpes` is `deps`)."""
    anagrams = [option for option in options if sorted(option) == sorted(word)]
    if anagrams:
        return anagrams[0]
    import difflib  # only for a misspelt key

    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return close[0] if close else None


def _unknown_key(loc: Loc, document: LoadedDocument) -> Diagnostic:
    key = str(loc[-1])
    allowed = _allowed_keys(loc[:-1], document.data)
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


def _allowed_keys(parent: Loc, data: Any) -> list[str]:
    """The field names of the model that sits at ``parent`` (found by walking the models)."""
    model: Any = MlopsSpec
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


_TYPE_NOUNS = {
    "string_type": "a string",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "int_type": "an integer",
    "int_parsing": "an integer",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "none_required": "nothing (null)",
}


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value!r})"
    if isinstance(value, str):
        return f"a string (`{value}`)" if len(value) < 40 else "a string"
    return "a list" if isinstance(value, list) else "a mapping"


def _type_message(errors: list[dict[str, Any]]) -> str:
    nouns = [_TYPE_NOUNS[e["type"]] for e in errors if e["type"] in _TYPE_NOUNS]
    if nouns and len(nouns) == len(errors):
        unique = list(dict.fromkeys(nouns))
        wanted = ", ".join(unique[:-1]) + (" or " if len(unique) > 1 else "") + unique[-1]
        return f"expected {wanted}, got {_describe(errors[0]['input'])}"
    messages: list[str] = []
    for error in errors:
        text = _plain_message(error)
        if text not in messages:
            messages.append(text)
    if len(messages) == 1:
        return messages[0]
    return "expected one of: " + "; ".join(messages)


_PATTERN_MESSAGES = {
    NAME_PATTERN: "is not a valid name: use letters, digits, `-` and `_`,"
    " starting with a letter or digit",
    PYTHON_PATTERN: 'is not a Python version like "3.11"',
    K8S_NAME_PATTERN: "is not a Kubernetes name: lowercase letters, digits and `-`,"
    " starting and ending with a letter or digit",
    DURATION_PATTERN: "is not a Prometheus duration",
    QUANTITY_PATTERN: "is not a Kubernetes quantity",
    ABSOLUTE_PATH_PATTERN: "is not an absolute path",
}
_PATTERN_HINTS = {
    K8S_NAME_PATTERN: "for example `production` or `staging-eu`",
    DURATION_PATTERN: "a number and a unit (ms, s, m, h, d, w, y): `30s`, `15m`, `1h30m`",
    QUANTITY_PATTERN: "CPU in cores or millicores (`1`, `250m`), memory with a suffix (`512Mi`)",
    ABSOLUTE_PATH_PATTERN: "where the secret is mounted: `/etc/alertmanager/secrets/<name>`",
}


def _plain_message(error: dict[str, Any]) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern"))
        if pattern in _PATTERN_MESSAGES:
            return f"{_show(value)} {_PATTERN_MESSAGES[pattern]}"
        if pattern.startswith("^") and "://" in pattern:
            scheme = pattern[1:].split("://")[0].replace("?", "").replace("https", "http(s)")
            return f"{_show(value)} must start with `{scheme}://`"
        return f"{_show(value)} does not match the pattern {pattern}"
    if kind == "literal_error":
        expected = _backticks(str(ctx.get("expected")))
        if isinstance(value, str) and value in expected.replace("`", "").split(" or "):
            return f"expected {expected} as a number, got the string `{value}`"
        return f"{_show(value)} is not allowed here; expected {expected}"
    if kind == "union_tag_invalid":
        tags = _backticks(str(ctx.get("expected_tags", "")))
        return f"unknown kind {_show(ctx.get('tag'))}; expected one of {tags}"
    if kind == "union_tag_not_found":
        return f"missing `{ctx.get('discriminator', 'kind').strip(chr(39))}`"
    if kind == "too_short":
        return "must have at least one entry"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    message = str(error["msg"])
    return message[0].lower() + message[1:] if message else message


def _backticks(text: str) -> str:
    """Pydantic quotes choices as 'a', 'b'; we write `a`, `b` everywhere."""
    return text.replace("'", "`")


def _show(value: Any) -> str:
    return f"`{value}`" if isinstance(value, str) else repr(value)


_EMPTY_HINTS: dict[Loc, str] = {
    ("data", "remotes"): "declare at least one remote, or remove `data:`",
    ("pipeline", "stages"): "declare at least one stage, or remove `pipeline:`",
}
_SCHEME_KINDS = {"s3": "s3", "gs": "gs", "azure": "azure", "ssh": "ssh", "http": "http"}


def _hint(loc: Loc, errors: list[dict[str, Any]], document: LoadedDocument) -> str | None:
    raw = document.plain_text.get(loc)
    kinds = {error["type"] for error in errors}
    if raw is not None and kinds & {"string_type", "string_pattern_mismatch"}:
        return f"quote it: '{raw}'"
    first = errors[0]
    value = first.get("input")
    ctx = first.get("ctx") or {}
    if loc == ("version",):
        return "remove the quotes" if isinstance(value, str) else "this compiler reads `version: 1`"
    if first["type"] == "union_tag_invalid" and isinstance(value, dict):
        options = [tag.strip(" '") for tag in str(ctx.get("expected_tags", "")).split(",")]
        guess = closest(str(value.get("kind", "")), options) or _kind_from_url(value)
        return f"did you mean `{guess}`?" if guess else "choose one of the kinds listed"
    if first["type"] == "union_tag_not_found" and isinstance(value, dict):
        guess = _kind_from_url(value)
        return f"add `kind: {guess}`" if guess else _MISSING_HINTS["kind"]
    if first["type"] == "string_pattern_mismatch" and loc[-1:] == ("url",):
        parent: Any = document.data
        for part in loc[:-1]:
            parent = parent[part]
        guess = _kind_from_url(parent)
        return f"did you mean `kind: {guess}`?" if guess else None
    if first["type"] == "string_pattern_mismatch" and ctx.get("pattern") == NAME_PATTERN:
        return "for example `train-model` or `train_model`"
    if first["type"] == "string_pattern_mismatch" and ctx.get("pattern") in _PATTERN_HINTS:
        return _PATTERN_HINTS[str(ctx.get("pattern"))]
    if first["type"] == "literal_error" and isinstance(value, str):
        options = [
            p.strip(" '") for p in str(ctx.get("expected", "")).replace(" or ", ",").split(",")
        ]
        guess = closest(value, options)
        return f"did you mean `{guess}`?" if guess else None
    if first["type"] == "too_short":
        return _EMPTY_HINTS.get(loc, "add an entry, or remove the key")
    if "too_short" in kinds and loc[-1:] == ("cmd",):
        return "write the command as a string, or list at least one command"
    if "list_type" in kinds:
        return "write a list: `[a, b]`, or one `- item` per line"
    return _fallback_hint(loc, kinds, value)


def _fallback_hint(loc: Loc, kinds: set[str], value: Any) -> str | None:
    if kinds & {"bool_type", "bool_parsing"}:
        guess = closest(value, ["true", "false"]) if isinstance(value, str) else None
        return f"did you mean `{guess}`?" if guess else "write `true` or `false`"
    if kinds & {"dict_type", "model_type", "model_attributes_type"}:
        if value is None:
            return "nothing is indented under this key: indent its `key: value` lines below it"
        return "write `key: value` lines, indented under this key"
    return None


def _kind_from_url(remote: dict[str, Any]) -> str | None:
    url = str(remote.get("url", ""))
    scheme = url.split("://")[0] if "://" in url else ""
    if scheme == "https":
        scheme = "http"
    if scheme in _SCHEME_KINDS:
        return _SCHEME_KINDS[scheme]
    return "local" if url.startswith(("/", ".")) else None
