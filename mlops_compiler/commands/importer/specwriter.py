"""Write the imported spec as YAML a person can keep editing, with where each part came from.

ruamel.yaml's round-trip emitter writes the data with comments (`# from az2014/dvc.yaml`).
Strings that the compiler's own loader would read as something else (`on`, `1_000`, `null`)
or that YAML 1.1 tools read differently are quoted, and the text is loaded back with that
loader before it is returned: it must give exactly the data it was written from.
"""

from __future__ import annotations

import io
import math
import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString, SingleQuotedScalarString

from mlops_compiler.commands.importer.carry import same_data
from mlops_compiler.errors import InternalError, Loc, SpecError
from mlops_compiler.load.loader import load_spec_bytes, resolve_plain_scalar
from mlops_compiler.load.yaml11 import yaml11_trap

_FLOW_SAFE = re.compile(r"^[A-Za-z0-9_./@+=-][A-Za-z0-9_./@+=: -]*$")
FLOW_WIDTH = 72

HEADER = (
    "Imported by `mlops import` from the files named in the comments below.\n"
    "Run `mlops compile` to take those files over; from then on, edit this file instead."
)


def write_spec(data: dict[str, Any], comments: dict[Loc, str]) -> str:
    """``data`` as mlops.yaml text, ``comments`` at the end of the keys they are keyed by."""
    for literal in (True, False):
        text = _emit(data, comments, literal=literal)
        if _reads_back(text, data):
            return text
    raise InternalError(
        "the imported spec does not read back to the data it was written from", [text]
    )


def _emit(data: dict[str, Any], comments: dict[Loc, str], *, literal: bool) -> str:
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.representer.add_representer(float, _represent_float)
    yaml.representer.add_representer(type(None), _represent_null)
    node = _node(data, (), comments, literal)
    node.yaml_set_start_comment(HEADER)
    stream = io.StringIO()
    yaml.dump(node, stream)
    return stream.getvalue()


def _represent_float(representer: Any, value: float) -> Any:
    """Floats both YAML 1.1 and 1.2 read as floats: `1.0e-05`, never `1e-05` (a 1.1 string)."""
    if math.isnan(value):
        text = ".nan"
    elif math.isinf(value):
        text = ".inf" if value > 0 else "-.inf"
    else:
        text = repr(value)
        mantissa, _, exponent = text.partition("e")
        if exponent and "." not in mantissa:
            text = f"{mantissa}.0e{exponent}"
    return representer.represent_scalar("tag:yaml.org,2002:float", text)


def _represent_null(representer: Any, _value: None) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


def _node(value: Any, loc: Loc, comments: dict[Loc, str], literal: bool) -> Any:
    if isinstance(value, dict):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[_key(key)] = _node(item, (*loc, key), comments, literal)
            comment = comments.get((*loc, key))
            if comment is not None:
                column = 2 * len(loc) + len(key) + 3
                mapping.yaml_add_eol_comment(comment, _key(key), column=column)
        if len(loc) > 1 and loc not in comments and value and _flow_mapping(value):
            mapping.fa.set_flow_style()
        return mapping
    if isinstance(value, list):
        sequence = CommentedSeq(
            _node(item, (*loc, i), comments, literal) for i, item in enumerate(value)
        )
        if value and _flow(value):
            sequence.fa.set_flow_style()
        return sequence
    if isinstance(value, str):
        return _string(value, literal=literal)
    return value


def _key(key: str) -> Any:
    """Keys are read by the compiler's loader only (YAML 1.2): quote what it reads otherwise."""
    return SingleQuotedScalarString(key) if resolve_plain_scalar(key) != key else key


def _string(value: str, *, literal: bool) -> Any:
    if literal and "\n" in value.rstrip("\n") and _literal_safe(value):
        return LiteralScalarString(value)
    if resolve_plain_scalar(value) != value or yaml11_trap(value, value) is not None:
        return SingleQuotedScalarString(value)
    return value


def _literal_safe(value: str) -> bool:
    lines = value.rstrip("\n").split("\n")
    return (
        all(line.isprintable() and line == line.rstrip() for line in lines)
        and not value.startswith((" ", "\t"))
        and not value.endswith("\n\n")
    )


def _flow(items: list[Any]) -> bool:
    """Short lists of plain words read better on one line: `deps: [src/train.py, data]`."""
    if not all(_flow_scalar(item) for item in items):
        return False
    return sum(len(str(item)) + 2 for item in items) <= FLOW_WIDTH


def _flow_mapping(mapping: dict[str, Any]) -> bool:
    """Small mappings of plain values too: `alpha: {type: float, default: 0.5}`."""
    if len(mapping) > 4 or not all(_flow_scalar(key) for key in mapping):
        return False
    if not all(_flow_scalar(item) for item in mapping.values()):
        return False
    return sum(len(key) + len(str(item)) + 4 for key, item in mapping.items()) <= FLOW_WIDTH


def _flow_scalar(item: Any) -> bool:
    if isinstance(item, bool) or item is None:
        return True
    if isinstance(item, int | float):
        return math.isfinite(item)
    if not isinstance(item, str) or not _FLOW_SAFE.match(item):
        return False
    return (
        not (": " in item or item.endswith(":") or " #" in item)
        and _string(item, literal=False) is item
    )


def _reads_back(text: str, data: dict[str, Any]) -> bool:
    try:
        document = load_spec_bytes(text.encode("utf-8"), Path("mlops.yaml"))
    except SpecError:
        return False
    return same_data(document.data, data) and not document.warnings
