"""Read back a YAML output we generated, fast: its YAML 1.2 data, if YAML 1.1 agrees.

Every YAML output is parsed back and compared with what the IR meant (``render.py``). The exact
way reads it twice: with the loader (YAML 1.2, spans, warnings, an alias pre-count) and with
PyYAML's constructor (YAML 1.1). For a 10,000-stage dvc.yaml those two readings cost more than
all the rest of a compile. Our outputs need no spans or warnings, and both readings start from
the same libyaml parse, so they can only differ where a plain scalar resolves differently (or
where the 1.2 loader refuses something). This reads the composed nodes once, builds the YAML
1.2 data the loader would build and checks each plain scalar's YAML 1.1 reading on the way.

It only ever vouches for an output: anything unusual (a `!` anywhere, an alias, a duplicate
key, a scalar that YAML 1.1 reads differently, a refused character, ...) gives None, and the
caller takes the exact path, whose messages say what is wrong.
"""

from __future__ import annotations

from typing import Any

import yaml

from mlops_compiler.load.builder import MAX_DEPTH
from mlops_compiler.load.compose import compose_marked
from mlops_compiler.load.scalars import NOT_STRING_FIRST, resolve_plain_scalar
from mlops_compiler.load.textscan import refused_characters, refused_in_value
from mlops_compiler.load.yaml11 import PYYAML_ANY_FIRST, PYYAML_NOT_STRING_FIRST, pyyaml_agrees

_MAY_RESOLVE_FIRST = NOT_STRING_FIRST | PYYAML_NOT_STRING_FIRST
"""A plain scalar starting otherwise is its own text in both YAML versions."""


class _NotVouchedError(Exception):
    """Something this reader does not vouch for; the exact path decides."""


def read_back(text: str) -> dict[str, Any] | None:
    """The YAML 1.2 data of ``text`` when YAML 1.1 (PyYAML) reads the same, else None.

    None means "not vouched for", not "wrong": the caller then parses ``text`` the exact
    (slow) way. When this returns data, the loader would return the same data for ``text``
    and PyYAML's ``safe_load`` would too.
    """
    # Every tag starts with `!`. A `!` tag makes libyaml resolve even a quoted scalar
    # implicitly (PyYAML reads `! "1"` as 1), which the nodes do not show; with no `!` at all,
    # every node is untagged and only plain scalars can read differently.
    if PYYAML_ANY_FIRST or "!" in text or not _encodable(text) or refused_characters(text):
        return None
    try:
        root = compose_marked(text)
    except yaml.YAMLError:
        return None
    if type(root) is not yaml.MappingNode:
        return None  # empty, or not a mapping: the loader refuses both
    # Without a `*` there is no alias, so no node is shared and no identity needs tracking.
    seen: set[int] | None = set() if "*" in text else None
    try:
        data: dict[str, Any] = _value(root, 0, seen)
    except (_NotVouchedError, ValueError):  # ValueError: an integer too long to convert
        return None
    return data


def _encodable(text: str) -> bool:
    """The exact path encodes the text to UTF-8 first (a lone surrogate fails there)."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return not text.startswith("\ufeff")  # the loader would drop it as a byte-order mark


def _value(node: yaml.Node, depth: int, seen: set[int] | None) -> Any:
    if seen is not None:
        _visit(node, seen)
    if type(node) is yaml.ScalarNode:
        text: str = node.value
        style: str | None = node.style
        if not style and text and text[0] not in _MAY_RESOLVE_FIRST:
            return text  # most values: a string in both versions
        return _scalar(text, style)
    if depth >= MAX_DEPTH:
        raise _NotVouchedError  # its items would be nested deeper than the loader allows
    if type(node) is yaml.SequenceNode:
        items: Any = [_value(item, depth + 1, seen) for item in node.value]
    else:
        items = _mapping(node, depth, seen)
    if seen is None:
        node.value = []  # read: let the subtree go now (no node is shared; see Builder.build)
    return items


def _mapping(node: yaml.Node, depth: int, seen: set[int] | None) -> dict[str, Any]:
    if depth >= MAX_DEPTH:
        raise _NotVouchedError
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if seen is not None:
            _visit(key_node, seen)
        if type(key_node) is not yaml.ScalarNode:
            raise _NotVouchedError  # a collection as a key: the loader refuses it
        key = key_node.value
        style = key_node.style
        if style or not key or key[0] in _MAY_RESOLVE_FIRST:
            if not style and key == "<<":
                raise _NotVouchedError  # a merge key: the loader refuses it
            key = _scalar(key, style)
        if type(key) is not str or key in result:
            raise _NotVouchedError
        result[key] = _value(value_node, depth + 1, seen)
    return result


def _visit(node: yaml.Node, seen: set[int]) -> None:
    """A node reached twice is an alias; the loader's alias budget and cycle checks decide."""
    if id(node) in seen:
        raise _NotVouchedError
    seen.add(id(node))


def _scalar(text: str, style: str | None) -> Any:
    if style:  # quoted or block: a string in both versions (there is no tag)
        if style == '"' and refused_in_value(text) is not None:
            raise _NotVouchedError  # an escape that spells a refused character
        return text
    value = resolve_plain_scalar(text)
    if not pyyaml_agrees(text, value):
        raise _NotVouchedError
    return value
