"""YAML 1.1 traps: plain scalars that YAML 1.1 readers (PyYAML, many CI tools) read differently.

The compiler reads YAML 1.2 (``on`` is a string, ``0755`` is 755, ``12:30`` is a string). A
person who learnt YAML from 1.1 tools may have meant the other reading, so such a scalar is
valid but suspicious: the loader reports it as a warning (``--strict`` makes it an error), and
quoting the value silences it.
"""

from __future__ import annotations

import datetime
import functools
import math
import re
from typing import Any

import yaml

_RESOLVER = yaml.resolver.Resolver()
_BOOL_11 = {
    **{word: True for word in ("y", "Y", "yes", "Yes", "YES", "on", "On", "ON")},
    **{word: False for word in ("n", "N", "no", "No", "NO", "off", "Off", "OFF")},
}
"""YAML 1.1's booleans beyond true/false (the spec's list; PyYAML leaves out y and n)."""

_NUMBER_LIKE = re.compile(r"^[-+]?[0-9.][0-9a-fA-FxXoObB_:.eE+-]*$|^[0-9]{4}-")
TRAP_FIRST = frozenset({word[0] for word in _BOOL_11} | set("+-.0123456789"))
"""The first characters of everything ``_BOOL_11`` and ``_NUMBER_LIKE`` match."""


def yaml11_trap(text: str, value: Any) -> tuple[str, str] | None:
    """``(message, hint)`` when YAML 1.1 reads the plain scalar ``text`` other than ``value``.

    ``value`` is what the YAML 1.2 core schema made of ``text``.
    """
    if text[:1] not in TRAP_FIRST:
        return None  # most scalars: no boolean word or number starts this way
    if text in _BOOL_11:
        reading: Any = _BOOL_11[text]
    elif _NUMBER_LIKE.match(text):
        reading = _construct_11(text)
        if reading is _UNKNOWN:
            return None
    else:
        return None
    if _same(reading, value):
        return None
    return _explain(text, value, reading)


_UNKNOWN = object()

_PYYAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PYYAML_RESOLVERS = _PYYAML_LOADER.yaml_implicit_resolvers
PYYAML_NOT_STRING_FIRST = frozenset(key for key in _PYYAML_RESOLVERS if key)
"""First characters of the plain scalars PyYAML may read as something other than a string:
its resolver looks a plain scalar up by its first character (an empty one by ``''``)."""
PYYAML_ANY_FIRST = bool(_PYYAML_RESOLVERS.get(None))
"""Resolvers for any first character (none by default): then any plain scalar may resolve."""


def pyyaml_agrees(text: str, value: Any) -> bool:
    """Whether PyYAML's ``safe_load`` (YAML 1.1) reads the plain scalar ``text`` as ``value``.

    Unlike ``yaml11_trap`` (which warns about every YAML 1.1 reader, `y` included), this is
    PyYAML exactly: the parse-back of outputs (``readback.py``) stands in for its reading.
    """
    if text and text[0] not in PYYAML_NOT_STRING_FIRST and not PYYAML_ANY_FIRST:
        return isinstance(value, str)  # PyYAML reads the text; `value` is the text if a str
    return _same(_pyyaml_reading(text), value)


@functools.lru_cache(maxsize=4096)
def _pyyaml_reading(text: str) -> Any:
    """Scalars only (immutable), so sharing cached readings is safe."""
    return _construct_11(text)


def _construct_11(text: str) -> Any:
    """What PyYAML's SafeLoader (YAML 1.1) makes of a plain scalar."""
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    if tag == "tag:yaml.org,2002:str":
        return text
    construct = _SAFE_CONSTRUCTORS.get(tag)
    if construct is None:
        return _UNKNOWN
    try:  # one constructor for every scalar: a loader each was 40 us, most of a number's cost
        return construct(_CONSTRUCTOR, yaml.ScalarNode(tag, text))
    except (yaml.YAMLError, ValueError, OverflowError):
        return _UNKNOWN


_CONSTRUCTOR = yaml.constructor.SafeConstructor()
"""Scalar constructors read only the node they are given (no stream, no state kept)."""
_SAFE_CONSTRUCTORS = yaml.constructor.SafeConstructor.yaml_constructors


def _same(left: Any, right: Any) -> bool:
    if isinstance(left, float) and isinstance(right, float) and math.isnan(left):
        return math.isnan(right)
    return type(left) is type(right) and left == right


def _explain(text: str, value: Any, reading: Any) -> tuple[str, str]:
    message = f"`{text}` is {_noun(value)} in YAML 1.2 (as mlops reads it) but {_noun(reading)}"
    message += " in YAML 1.1"
    if isinstance(reading, bool) and isinstance(value, str):
        hint = f"write `{str(reading).lower()}` for a boolean, or quote it: '{text}'"
    elif isinstance(reading, int) and isinstance(value, int) and text.startswith("0"):
        hint = f"write 0o{text.lstrip('0')} for an octal number, or quote it: '{text}'"
    elif isinstance(value, int | float) and isinstance(reading, str):
        hint = f"write {value!r} so that every reader sees a number, or quote it: '{text}'"
    else:
        hint = f"quote it: '{text}'"
    return message, hint


def _noun(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, datetime.datetime | datetime.date):
        return f"the date {value.isoformat()}"
    return f"the string '{value}'" if isinstance(value, str) else repr(value)
