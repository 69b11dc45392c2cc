"""The part of GitHub's expression language the generated workflows use.

`${{ a.b.c }}` (a context path; a missing one is the empty string, as on GitHub), string
literals in single quotes, `==`, `!=`, `&&`, `||`. Anything else raises ``UnsupportedError``: the
step is reported as not rehearsable instead of being guessed at.
"""

from __future__ import annotations

import re
from typing import Any

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
TOKEN = re.compile(r"\s*(?:('(?:[^']|'')*')|(==|!=|&&|\|\|)|([A-Za-z_][A-Za-z0-9_.-]*))")


class UnsupportedError(ValueError):
    """An expression outside the subset a rehearsal evaluates."""


def _value(token: str, context: dict[str, Any]) -> Any:
    if token.startswith("'"):
        return token[1:-1].replace("''", "'")
    if token in ("true", "false"):
        return token == "true"
    node: Any = context
    for part in token.split("."):
        if not isinstance(node, dict):
            return ""
        node = node.get(part, "")
    return node


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens, position = [], 0
    while position < len(text):
        match = TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise UnsupportedError(f"cannot evaluate {text!r} here")
        literal, operator, name = match.groups()
        tokens.append(("op", operator) if operator else ("value", literal or name))
        position = match.end()
        if not text[position:].strip():
            break
    return tokens


def evaluate(text: str, context: dict[str, Any]) -> Any:
    """The value of one expression (the text inside `${{ }}`, or an `if:`)."""
    tokens = _tokens(text)
    for operator in ("||", "&&"):
        if ("op", operator) in tokens:
            index = tokens.index(("op", operator))
            left = " ".join(_untoken(t) for t in tokens[:index])
            right = " ".join(_untoken(t) for t in tokens[index + 1 :])
            a = evaluate(left, context)
            if operator == "&&":
                return evaluate(right, context) if truthy(a) else a
            return a if truthy(a) else evaluate(right, context)
    if len(tokens) == 1 and tokens[0][0] == "value":
        return _value(tokens[0][1], context)
    if len(tokens) == 3 and tokens[1] in (("op", "=="), ("op", "!=")):
        a, b = (_value(tokens[i][1], context) for i in (0, 2))
        equal = _compare(a) == _compare(b)
        return equal if tokens[1][1] == "==" else not equal
    raise UnsupportedError(f"cannot evaluate {text!r} here")


def _untoken(token: tuple[str, str]) -> str:
    return token[1]


def _compare(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def truthy(value: Any) -> bool:
    return bool(value) and value not in ("", "false", "0")


def substitute(text: str, context: dict[str, Any]) -> str:
    """`text` with every `${{ }}` replaced by its value."""
    return EXPRESSION.sub(lambda m: _string(evaluate(m.group(1), context)), text)


def _string(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    return "" if value is None else str(value)


def condition(text: str, context: dict[str, Any]) -> bool:
    """An `if:` (with or without `${{ }}`)."""
    match = EXPRESSION.fullmatch(text.strip())
    return truthy(evaluate(match.group(1) if match else text, context))
