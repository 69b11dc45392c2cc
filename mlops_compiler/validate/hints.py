"""The hint under a validation error: what to write instead, guessed from the value."""

from __future__ import annotations

from typing import Any

from mlops_compiler.errors import Loc
from mlops_compiler.load.loader import LoadedDocument
from mlops_compiler.spec.base import NAME_PATTERN
from mlops_compiler.spec.deploy import K8S_NAME_PATTERN, QUANTITY_PATTERN
from mlops_compiler.spec.monitoring import ABSOLUTE_PATH_PATTERN, DURATION_PATTERN
from mlops_compiler.validate.messages import MISSING_HINTS, closest

_PATTERN_HINTS = {
    K8S_NAME_PATTERN: "for example `production` or `staging-eu`",
    DURATION_PATTERN: "a number and a unit (ms, s, m, h, d, w, y): `30s`, `15m`, `1h30m`",
    QUANTITY_PATTERN: "CPU in cores or millicores (`1`, `250m`), memory with a suffix (`512Mi`)",
    ABSOLUTE_PATH_PATTERN: "where the secret is mounted: `/etc/alertmanager/secrets/<name>`",
}


_EMPTY_HINTS: dict[Loc, str] = {
    ("data", "remotes"): "declare at least one remote, or remove `data:`",
    ("pipeline", "stages"): "declare at least one stage, or remove `pipeline:`",
}
_SCHEME_KINDS = {"s3": "s3", "gs": "gs", "azure": "azure", "ssh": "ssh", "http": "http"}


def hint_for(loc: Loc, errors: list[dict[str, Any]], document: LoadedDocument) -> str | None:
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
        return f"add `kind: {guess}`" if guess else MISSING_HINTS["kind"]
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
    return _fallbackhint_for(loc, kinds, value)


def _fallbackhint_for(loc: Loc, kinds: set[str], value: Any) -> str | None:
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
