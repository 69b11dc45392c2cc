"""The words of a validation error: Pydantic's kinds of failure said as a user would."""

from __future__ import annotations

from typing import Any

from mlops_compiler.spec.base import NAME_PATTERN
from mlops_compiler.spec.deploy import K8S_NAME_PATTERN, QUANTITY_PATTERN
from mlops_compiler.spec.monitoring import ABSOLUTE_PATH_PATTERN, DURATION_PATTERN
from mlops_compiler.spec.project import PYTHON_PATTERN

MISSING_HINTS = {
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


def type_message(errors: list[dict[str, Any]]) -> str:
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
