"""YAML 1.2 core-schema scalars: the only plain spellings that are not strings.

Shared by the loader, the read-back of generated YAML and the filters that must quote what
would otherwise resolve to something else.
"""

from __future__ import annotations

import math
import re
from typing import Any

from mlops_compiler.load.yaml11 import TRAP_FIRST

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT_DEC = re.compile(r"^[-+]?[0-9]+$")
_INT_OCT = re.compile(r"^0o[0-7]+$")
_INT_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")


NOT_STRING_FIRST = frozenset("~nNtTfF+-.0123456789")
"""First characters of the YAML 1.2 core schema's nulls, booleans and numbers."""
PLAIN_SPECIAL_FIRST = NOT_STRING_FIRST | TRAP_FIRST
"""A plain scalar starting otherwise is a string with no YAML 1.1 trap (nothing to record)."""


def resolve_plain_scalar(text: str) -> Any:
    """YAML 1.2 core schema: only these spellings are not strings."""
    if text and text[0] not in NOT_STRING_FIRST:
        return text  # most scalars: skip the eight patterns below
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT_DEC.match(text):
        return int(text)
    if _INT_OCT.match(text):
        return int(text[2:], 8)
    if _INT_HEX.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    if _INF.match(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN.match(text):
        return math.nan
    return text
