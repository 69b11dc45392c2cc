"""Edit mlops.yaml in place, keeping the user's indentation, quoting, comments and key order.

`mlops absorb` writes values back into the spec. A YAML round trip (even ruamel's) re-indents
sequences and re-flows collections the user laid out by hand, so the diff of mlops.yaml would
touch lines nobody changed. This editor works on the text instead: it finds the span of the value
(the loader records one for every key and value), replaces only those characters, and inserts new
keys or list items as lines in the style around them (block or flow, the sequence indentation the
file already uses). Every edit is re-read and compared with the data it must give; anything the
editor cannot place that way raises ``EditError`` and the caller falls back to a round trip.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import yaml

from mlops_compiler.errors import Loc, SpecError
from mlops_compiler.load.loader import LoadedDocument, load_spec_bytes

_PLAIN = re.compile(r"[A-Za-z0-9_./@~][A-Za-z0-9_./@+~=<>-]*( [A-Za-z0-9_./@+~=<>-]+)*")
"""Strings written without quotes (anything else is double-quoted, JSON style)."""


class EditError(Exception):
    """The edit cannot be made in place; the caller rewrites the document instead."""


class SpecEditor:
    """A spec's text with in-place edits; ``text`` is the result."""

    def __init__(self, text: str, path: Path = Path("mlops.yaml")) -> None:
        self.bom = text.startswith("\ufeff")
        self.text = text.removeprefix("\ufeff")
        self.path = path
        self.expected = copy.deepcopy(self._load().data)

    @property
    def result(self) -> str:
        """The edited text, checked: it must read back to exactly the data the edits made."""
        if self._load().data != self.expected:
            raise EditError("the edited text does not read back to the edited data")
        return ("\ufeff" if self.bom else "") + self.text

    def set(self, loc: Loc, value: Any) -> None:
        """Make ``loc`` hold ``value``, creating the mappings on the way as needed."""
        _assign(self.expected, loc, copy.deepcopy(value))
        self._set(tuple(loc), value)

    def append(self, loc: Loc, item: Any) -> None:
        """Append ``item`` to the list at ``loc`` (created when missing)."""
        current = _get(self.expected, loc)
        if current is _MISSING:
            self.set(loc, [item])
            return
        if not isinstance(current, list):
            raise EditError(f"{_dotted(loc)} is not a list")
        current.append(copy.deepcopy(item))
        self._append(tuple(loc), item)

    # -- the edits --------------------------------------------------------------------------

    def _load(self) -> LoadedDocument:
        try:
            return load_spec_bytes(self.text.encode("utf-8"), self.path)
        except SpecError as exc:
            raise EditError(f"the edited text does not load: {exc}") from None

    def _set(self, loc: Loc, value: Any) -> None:
        document = self._load()
        old = _get(document.data, loc)
        if old is _MISSING:
            self._insert(document, loc, value)
            return
        if type(old) is type(value) and old == value:
            return
        if isinstance(old, dict) and isinstance(value, dict) and value:
            for key, item in value.items():
                self._set((*loc, key), item)
            if any(key not in value for key in old):
                raise EditError(f"{_dotted(loc)}: deleting keys is not an in-place edit")
            return
        if isinstance(old, list) and isinstance(value, list) and old and len(value) >= len(old):
            for index, item in enumerate(value[: len(old)]):
                self._set((*loc, index), item)
            for item in value[len(old) :]:
                self._append(loc, item)
            return
        self._replace(document, loc, value)

    def _replace(self, document: LoadedDocument, loc: Loc, value: Any) -> None:
        span = document.value_spans[loc]
        start, end = (
            self._offset(span.line, span.column),
            self._offset(span.end_line, span.end_column),
        )
        original = self.text[start:end]
        if span.line == span.end_line or original.lstrip()[:1] in ("[", "{"):
            self.text = self.text[:start] + _flow(value, like=original) + self.text[end:]
            return
        raise EditError(f"{_dotted(loc)}: a block collection is replaced only item by item")

    def _append(self, loc: Loc, item: Any) -> None:
        document = self._load()
        span = document.value_spans[loc]
        start, end = (
            self._offset(span.line, span.column),
            self._offset(span.end_line, span.end_column),
        )
        body = self.text[start:end]
        if body.startswith("["):
            close = start + body.rindex("]")
            inner = self.text[start + 1 : close].strip()
            self.text = (
                self.text[:close] + (", " if inner else "") + _flow(item) + self.text[close:]
            )
            return
        if not body.startswith("-"):
            raise EditError(f"{_dotted(loc)}: not a list written in a way the editor knows")
        last = self._last_content_line(span.line, span.end_line, span.end_column)
        self._insert_line(last, " " * (span.column - 1) + "- " + _flow(item))

    def _insert(self, document: LoadedDocument, loc: Loc, value: Any) -> None:
        parent, key = loc[:-1], loc[-1]
        container = _get(document.data, parent)
        if container is _MISSING:
            self._insert(document, parent, {key: value})
            return
        if not isinstance(container, dict) or not isinstance(key, str):
            raise EditError(f"{_dotted(parent)} is not a mapping")
        if not parent:
            indent, end_line = 0, len(self.text.splitlines())
            if container:
                last_key = list(container)[-1]
                end_line = self._last_content_line(1, *self._end_of(document, (last_key,)))
            self._insert_line(end_line, self._block_entry(document, key, value, 0))
            return
        span = document.value_spans[parent]
        start = self._offset(span.line, span.column)
        if self.text[start] == "{":
            end = self._offset(span.end_line, span.end_column)
            close = start + self.text[start:end].rindex("}")
            inner = self.text[start + 1 : close].strip()
            entry = f"{_flow_scalar_or_key(key)}: {_flow(value)}"
            self.text = self.text[:close] + (", " if inner else "") + entry + self.text[close:]
            return
        first = document.key_spans[(*parent, next(iter(container)))]
        last = self._last_content_line(span.line, span.end_line, span.end_column)
        indent = first.column - 1
        self._insert_line(last, self._block_entry(document, key, value, indent))

    # -- text helpers -----------------------------------------------------------------------

    def _block_entry(self, document: LoadedDocument, key: str, value: Any, indent: int) -> str:
        """``key: value`` at ``indent``: mappings as blocks, lists as `- item` lines, else flow."""
        unit = _indent_unit(document)
        pad = " " * indent
        head = f"{pad}{_flow_scalar_or_key(key)}:"
        if isinstance(value, dict) and value:
            return "\n".join(
                [head]
                + [self._block_entry(document, k, v, indent + unit) for k, v in value.items()]
            )
        if isinstance(value, list) and value:
            dash = " " * (indent + (unit if _indented_sequences(document) else 0))
            return "\n".join([head] + [f"{dash}- {_flow(item)}" for item in value])
        return f"{head} {_flow(value)}"

    def _end_of(self, document: LoadedDocument, loc: Loc) -> tuple[int, int]:
        span = document.value_spans[loc]
        return span.end_line, span.end_column

    def _last_content_line(self, first: int, end_line: int, end_column: int) -> int:
        """The last line (1-based) in [first, end) holding more than blanks or a comment."""
        lines = self.text.split("\n")
        last = (
            end_line
            if end_column > 1 and lines[end_line - 1][: end_column - 1].strip()
            else end_line - 1
        )
        last = min(last, len(lines))
        while last > first and (
            not lines[last - 1].strip() or lines[last - 1].lstrip().startswith("#")
        ):
            last -= 1
        return last

    def _insert_line(self, after: int, line: str) -> None:
        lines = self.text.split("\n")
        trailing = lines and lines[-1] == ""
        body = lines[:-1] if trailing else lines
        body[after:after] = line.split("\n")
        self.text = "\n".join(body) + ("\n" if trailing else "")

    def _offset(self, line: int, column: int) -> int:
        offset = 0
        for _ in range(line - 1):
            offset = self.text.index("\n", offset) + 1
        return offset + column - 1


_MISSING = object()


def _get(data: Any, loc: Loc) -> Any:
    for part in loc:
        found = isinstance(data, dict) and part in data
        if found or (isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)):
            data = data[part]
        else:
            return _MISSING
    return data


def _assign(data: Any, loc: Loc, value: Any) -> None:
    for part in loc[:-1]:
        data = data.setdefault(part, {}) if isinstance(data, dict) else data[part]
    data[loc[-1]] = value


def _dotted(loc: Loc) -> str:
    return ".".join(str(part) for part in loc) or "the document"


def _indent_unit(document: LoadedDocument) -> int:
    """The indentation step the file uses for nested mappings (2 when it shows none)."""
    for loc, span in document.key_spans.items():
        if len(loc) == 2:
            return max(span.column - 1, 1)
    return 2


def _indented_sequences(document: LoadedDocument) -> bool:
    """Whether block sequences sit deeper than their key (`key:\\n  - a`) in this file."""
    for loc, span in document.key_spans.items():
        value = document.value_spans.get(loc)
        data = _get(document.data, loc)
        if value is not None and isinstance(data, list) and data and value.line > span.line:
            return value.column > span.column
    return True


def _flow(value: Any, like: str = "") -> str:
    """``value`` as one line of flow YAML; a string keeps the quote style of ``like``."""
    if isinstance(value, dict):
        inner = ", ".join(f"{_flow_scalar_or_key(k)}: {_flow(v)}" for k, v in value.items())
        return "{" + inner + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    if isinstance(value, str):
        if like.startswith("'") and "'" not in value and "\n" not in value:
            return f"'{value}'"
        if like.startswith('"'):
            return json.dumps(value, ensure_ascii=False)
    return _flow_scalar_or_key(value)


def _flow_scalar_or_key(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and yaml.safe_load(text) == text:
        return text
    return json.dumps(text, ensure_ascii=False)
