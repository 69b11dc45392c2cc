"""Jinja filters that serialize a value for its target format.

Every user value reaches a template only through one of these, so no value can add a key,
a line or a section to an output. YAML scalars are emitted so that YAML 1.1 readers (PyYAML:
MLflow) and YAML 1.2 readers (ruamel: DVC; GitHub) read back the same value.
"""

from __future__ import annotations

import functools
import json
import math
import re
import shlex
from typing import Any

import yaml

from mlops_compiler.load.scalars import resolve_plain_scalar

_YAML11_EXTRA_BOOLEANS = frozenset({"y", "Y", "n", "N"})
"""YAML 1.1 booleans PyYAML does not quote (it does not resolve them), but other readers do."""
_SAFE_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_./+-]*(?: [A-Za-z0-9_./+=-]+)*")
"""Words and paths that every YAML reader takes as the same plain string (no `:`, `#`, quotes,
flow indicators, leading digits or dots)."""
_YAML11_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})
_FLOW_INDICATORS = re.compile(r"[,\[\]{}#:]")
_INI_SAFE = re.compile(r"^[A-Za-z0-9_./:@~+=%-][A-Za-z0-9_./:@~+=%-]*$")


def yaml_scalar(value: Any, flow: bool = False) -> str:
    """One YAML scalar on one line: plain when unambiguous in YAML 1.1 and 1.2, else quoted.

    ``flow`` is for scalars inside ``[...]`` or ``{...}``, where commas and brackets end a
    plain scalar.
    """
    if type(value) is str and _SAFE_PLAIN.fullmatch(value) and value.lower() not in _YAML11_WORDS:
        return value  # the common case first: one call per value of a 10,000-stage dvc.yaml
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _yaml_float(value)
    if not isinstance(value, str):
        raise TypeError(f"yaml_scalar takes scalars, not {type(value).__name__}")
    if _SAFE_PLAIN.fullmatch(value) and value.lower() not in _YAML11_WORDS:
        return value  # the common case, without PyYAML's emitter (10,000 stages: ~1 s)
    return _yaml_string(value, flow)


@functools.lru_cache(maxsize=4096)
def _yaml_string(value: str, flow: bool) -> str:
    if not value.isprintable():
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted one
    if value in _YAML11_EXTRA_BOOLEANS:
        return f"'{value}'"
    emitted: str = yaml.safe_dump(
        value, default_flow_style=True, width=2**31, allow_unicode=True, explicit_end=False
    )
    emitted = emitted.removesuffix("\n").removesuffix("\n...").rstrip("\n")
    plain = bool(emitted) and emitted[0] not in "'\""
    if plain and (
        resolve_plain_scalar(emitted) != value or (flow and _FLOW_INDICATORS.search(emitted))
    ):
        return "'" + value.replace("'", "''") + "'"
    return emitted


def _yaml_float(value: float) -> str:
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value)
    if "e" in text and "." not in text.split("e")[0]:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}.0e{exponent}"
    return text


def yaml_block(value: Any, indent: int = 0) -> str:
    """A nested value as block YAML, sequences not indented past their key (DVC's own style).

    The result starts on the line after its key; callers write ``key:`` then this. Empty
    collections and scalars come back inline, preceded by a space.
    """
    if isinstance(value, dict) and value:
        return "\n" + "\n".join(_mapping_lines(value, indent))
    if isinstance(value, list | tuple) and value:
        return "\n" + "\n".join(_sequence_lines(value, indent))
    return " " + yaml_inline(value)


def yaml_document(mapping: dict[str, Any]) -> str:
    """A whole YAML document from data, for files whose data was patched by `overrides:`."""
    if not mapping:
        return "{}\n"
    return "\n".join(_mapping_lines(mapping, 0)) + "\n"


def yaml_inline(value: Any) -> str:
    """A value in flow style on one line: ``[a, b]``, ``{k: v}`` or a scalar."""
    if isinstance(value, dict):
        inner = ", ".join(f"{yaml_scalar(k, True)}: {yaml_inline(v)}" for k, v in value.items())
        return "{" + inner + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(yaml_inline(item) for item in value) + "]"
    return yaml_scalar(value, flow=True)


def _mapping_lines(mapping: dict[str, Any], indent: int) -> list[str]:
    pad = " " * indent
    lines = []
    for key, item in mapping.items():
        lines.append(f"{pad}{yaml_scalar(key)}:{yaml_block(item, indent + 2)}")
    return lines


def _sequence_lines(items: list[Any] | tuple[Any, ...], indent: int) -> list[str]:
    pad = " " * indent
    lines = []
    for item in items:
        if isinstance(item, dict) and item:
            nested = _mapping_lines(item, indent + 2)
            lines.append(f"{pad}- {nested[0].lstrip()}")
            lines.extend(nested[1:])
        elif isinstance(item, list | tuple) and item:
            nested = _sequence_lines(item, indent + 2)
            lines.append(f"{pad}- {nested[0].lstrip()}")
            lines.extend(nested[1:])
        else:
            lines.append(f"{pad}- {yaml_inline(item)}")
    return lines


def ini_value(value: Any) -> str:
    """A configobj value (DVC's config format): bare when safe, else double-quoted."""
    text = str(value).lower() if isinstance(value, bool) else str(value)
    if "\n" in text or "\r" in text:
        raise ValueError("configuration values cannot span lines")
    if _INI_SAFE.match(text):
        return text
    if '"' in text:
        return "'" + text + "'"
    return '"' + text + '"'


def yaml_literal(value: str, indent: int) -> str:
    """A multi-line string as a literal block scalar (scripts stay readable); any string a
    literal block cannot carry exactly comes back as a quoted scalar instead."""
    body = value[:-1] if value.endswith("\n") else value
    lines = body.split("\n")
    plain = all(char in "\n\t" or char.isprintable() for char in value)
    if (
        "\n" not in value
        or not body.strip()
        or not plain
        or body.startswith((" ", "\t"))
        or value.endswith("\n\n")
        or any(line != line.rstrip() for line in lines)
    ):
        return " " + yaml_scalar(value)
    pad = " " * indent
    indicator = "|" if value.endswith("\n") else "|-"
    return f" {indicator}\n" + "\n".join(pad + line if line else "" for line in lines)


def shell_word(value: Any) -> str:
    """One POSIX shell word (``sh -c`` reads back exactly ``value``)."""
    return shlex.quote(str(value))


def docker_json(value: Any) -> str:
    """A Dockerfile exec-form argument list: a JSON array of strings on one line."""
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise TypeError("docker_json takes a list of strings")
    return json.dumps(list(value))


_DOCKER_BARE = re.compile(r"^[A-Za-z0-9_./:@%+,=-]+$")


def docker_env(value: Any) -> str:
    """An ENV value: bare when safe, else single-quoted (no `$` expansion, as in sh)."""
    text = str(value)
    if any(ord(char) < 32 or ord(char) == 127 for char in text):
        raise ValueError("Dockerfile ENV values are one line without control characters")
    if _DOCKER_BARE.match(text):
        return text
    if "'" in text:
        if "$" in text:
            raise ValueError("an ENV value cannot hold both `'` and `$`")
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return "'" + text + "'"


def comment(value: Any) -> str:
    """Text for a `# ...` comment: one line, or an error."""
    text = str(value)
    if not text.isprintable():
        raise ValueError("a comment must be one printable line")
    return text


def json_document(value: Any) -> str:
    """A whole JSON document: two-space indent, keys in the order given, no final newline."""
    return json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False)


FILTERS = {
    "json": json_document,
    "yaml_literal": yaml_literal,
    "sh": shell_word,
    "docker_json": docker_json,
    "docker_env": docker_env,
    "comment": comment,
    "yaml": yaml_scalar,
    "yaml_block": yaml_block,
    "yaml_inline": yaml_inline,
    "ini": ini_value,
}
