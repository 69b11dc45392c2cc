"""Write the imported spec as YAML a person can keep editing, with where each part came from.

ruamel.yaml's round-trip emitter writes the data with comments (`# from az2014/dvc.yaml`).
Strings that the compiler's own loader would read as something else (`on`, `1_000`, `null`)
or that YAML 1.1 tools read differently are quoted, and the text is loaded back with that
loader before it is returned: it must give exactly the data it was written from.
"""

from __future__ import annotations

import functools
import io
import math
import re
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError as RuamelError
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import LiteralScalarString, SingleQuotedScalarString

from mlops_compiler.commands.importer.carry import same_data
from mlops_compiler.dataclass import dataclass
from mlops_compiler.errors import InternalError, Loc, SpecError
from mlops_compiler.load.loader import load_spec_bytes
from mlops_compiler.load.scalars import resolve_plain_scalar
from mlops_compiler.load.yaml11 import yaml11_trap

_FLOW_SAFE = re.compile(r"^[A-Za-z0-9_./@+=-][A-Za-z0-9_./@+= -]*$")
"""No `:` in a flow scalar: libyaml refuses `{url: s3://bucket}` ("found unexpected ':'")."""
FLOW_WIDTH = 72

HEADER = (
    "Imported by `mlops import` from the files named in the comments below.\n"
    "Run `mlops compile` to take those files over; from then on, edit this file instead."
)


@dataclass(frozen=True)
class _Notes:
    """The comments to write, and what writing them needs."""

    beside: dict[Loc, str]
    above: dict[Loc, list[str]]
    literal: bool

    @functools.cached_property
    def commented(self) -> frozenset[Loc]:
        """Every location with a comment inside it: those are never written in flow style."""
        return frozenset(
            loc[:size] for loc in [*self.beside, *self.above] for size in range(len(loc))
        )


def write_spec(
    data: dict[str, Any],
    comments: dict[Loc, str],
    above: dict[Loc, list[str]] | None = None,
    beside: dict[Loc, str] | None = None,
) -> str:
    """``data`` as mlops.yaml text: ``comments`` (where each part came from) and ``beside``
    (the imported files' own) at the end of the lines of the keys they are keyed by, the lines
    of ``above`` above them. Without the imported files' comments if they cannot be written so
    that the text reads back the same: a comment never fails an import."""
    tries = [({**comments, **_merged(comments, beside or {})}, above or {})]
    if above or beside:
        tries.append((comments, {}))
    for eol, lines in tries:
        for literal in (True, False):
            text = _emit(data, _Notes(eol, lines, literal))
            if _reads_back(text, data):
                return text
    raise InternalError(
        "the imported spec does not read back to the data it was written from", [text]
    )


def _merged(comments: dict[Loc, str], beside: dict[Loc, str]) -> dict[Loc, str]:
    """A file's own end-of-line comment after the `from ...` one at the same key."""
    return {
        loc: f"{comments[loc]}; {text}" if loc in comments else text for loc, text in beside.items()
    }


def _emit(data: dict[str, Any], notes: _Notes) -> str:
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.representer.add_representer(float, _represent_float)
    yaml.representer.add_representer(type(None), _represent_null)
    node = _node(data, (), notes)
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


def _node(value: Any, loc: Loc, notes: _Notes) -> Any:
    if isinstance(value, dict):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[_key(key)] = _node(item, (*loc, key), notes)
            _annotate(mapping, _key(key), (*loc, key), notes, column=2 * len(loc) + len(key) + 3)
        inline = loc not in notes.commented and loc not in notes.beside
        if len(loc) > 1 and inline and value and _flow_mapping(value):
            mapping.fa.set_flow_style()
        return mapping
    if isinstance(value, list):
        sequence = CommentedSeq(_node(item, (*loc, i), notes) for i, item in enumerate(value))
        for index in range(len(value)):
            _annotate(sequence, index, (*loc, index), notes, column=None)
        if value and loc not in notes.commented and _flow(value):
            sequence.fa.set_flow_style()
        return sequence
    if isinstance(value, str):
        return _string(value, literal=notes.literal)
    return value


def _annotate(
    node: CommentedMap | CommentedSeq, key: Any, loc: Loc, notes: _Notes, column: int | None
) -> None:
    """Put the comments of ``loc`` on ``node[key]``: above it, and at the end of its line."""
    lines = notes.above.get(loc)
    if lines:
        node.yaml_set_comment_before_after_key(key, before="\n".join(lines), indent=_indent(loc))
    comment = notes.beside.get(loc)
    if comment is not None:
        if column is None:
            node.yaml_add_eol_comment(comment, key)
        else:
            node.yaml_add_eol_comment(comment, key, column=column)


def _indent(loc: Loc) -> int:
    """The column ruamel writes the key or item at ``loc`` at (mapping 2, sequence 4 offset 2)."""
    column = 0
    for index in range(1, len(loc)):
        if isinstance(loc[index], int):
            column += 4 if isinstance(loc[index - 1], str) else 2
        elif isinstance(loc[index - 1], str):
            column += 2
    return column - 2 if isinstance(loc[-1], int) else column


def _key(key: str) -> Any:
    """Quoted when a common reader reads it as other than a string (`'y'`: YAML 1.1's true)."""
    return key if _plain_string(key) else SingleQuotedScalarString(key)


_STR = "tag:yaml.org,2002:str"
_PYYAML_RESOLVER = yaml.resolver.Resolver()
_RUAMEL_RESOLVER = VersionedResolver(version=(1, 2))


def _plain_string(text: str) -> bool:
    """Whether every common reader reads ``text`` written plain as that string: the compiler's
    loader (YAML 1.2 core), YAML 1.1 (`y`, `on`, `0777`), PyYAML's and ruamel's resolvers
    (both read `2020-01-01` as a date)."""
    value = resolve_plain_scalar(text)
    if value != text or yaml11_trap(text, value) is not None:
        return False
    implicit = (True, False)
    pyyaml_tag: str = _PYYAML_RESOLVER.resolve(yaml.ScalarNode, text, implicit)  # type: ignore[no-untyped-call]
    ruamel_tag: str = _RUAMEL_RESOLVER.resolve(ScalarNode, text, implicit)
    return pyyaml_tag == _STR and ruamel_tag == _STR


def _string(value: str, *, literal: bool) -> Any:
    if literal and "\n" in value.rstrip("\n") and _literal_safe(value):
        return LiteralScalarString(value)
    return value if _plain_string(value) else SingleQuotedScalarString(value)


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
    if not same_data(document.data, data) or document.warnings:
        return False
    return all(same_data(read, data) for read in common_readings(text))


def common_readings(text: str) -> list[Any]:
    """``text`` as the common YAML readers read it: PyYAML and ruamel, pure Python and C.

    pre-commit's `check-yaml` uses ruamel's C loader, editors and scripts PyYAML's; a file one
    of them refuses (libyaml: `{url: s3://x}`) gives ``None`` in its place.
    """
    loaders: list[Any] = [yaml.SafeLoader, getattr(yaml, "CSafeLoader", None)]
    readings = [_pyyaml(text, loader) for loader in loaders if loader is not None]
    return readings + [_ruamel(text, pure=pure) for pure in (True, False)]


def _pyyaml(text: str, loader: Any) -> Any:
    try:
        return yaml.load(text, Loader=loader)  # a safe loader: pure Python or libyaml
    except yaml.YAMLError:
        return None


def _ruamel(text: str, *, pure: bool) -> Any:
    try:
        return YAML(typ="safe", pure=pure).load(text)
    except RuamelError:
        return None
