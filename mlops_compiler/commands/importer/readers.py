"""Read a repository's files the way their owning tools do, without importing the tools.

DVC reads dvc.yaml and params files with ruamel.yaml's safe loader (YAML 1.2); MLflow reads
MLproject and its environment file with PyYAML's ``safe_load`` (YAML 1.1: ``on`` is true);
DVC reads .dvc/config with configobj. Importing compares data as the owning tool sees it, so
each kind of file is read with the same rules. A file that does not parse becomes an
``Unreadable`` with the line and column of the problem.
"""

from __future__ import annotations

import configparser
import io
from pathlib import Path
from typing import Any, Literal

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError as RuamelMarkedError
from ruamel.yaml.error import YAMLError as RuamelError

from mlops_compiler.dataclass import dataclass
from mlops_compiler.errors import SpecError
from mlops_compiler.load.builder import MAX_ALIAS_REVISITS, MAX_DEPTH
from mlops_compiler.load.compose import MAX_NODES, NodeBudgetError, compose_marked
from mlops_compiler.load.expansion import alias_bomb
from mlops_compiler.load.specfile import read_capped
from mlops_compiler.render.engine import ini_sections

Reader = Literal["dvc", "mlflow", "ini", "workflow", "dockerfile"]


@dataclass(frozen=True)
class Unreadable:
    """A file that does not parse: where, and why."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}" + (f":{self.column}" if self.column is not None else "")
        return f"{where}: {self.message}"


def read_file(root: Path, relative: str, reader: Reader) -> Any:
    """The data in ``root/relative`` as ``reader``'s tool sees it, or an ``Unreadable``."""
    text = read_text(root, relative)
    return text if isinstance(text, Unreadable) else parse_text(text, relative, reader)


def read_text(root: Path, relative: str) -> str | Unreadable:
    """The text of ``root/relative`` (UTF-8, at most 1 MiB), or an ``Unreadable``."""
    path = root / relative
    try:  # the spec's own guards: regular files only, never blocking (a FIFO), under a cap
        raw = read_capped(path)
    except SpecError as exc:
        first = exc.diagnostics[0]
        message = first.message.replace(str(path), "it").replace("refused here,", "refused")
        span = first.span
        if span is None:
            return Unreadable(relative, message)
        return Unreadable(relative, message, span.line, span.column)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = len(raw[raw.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8", "replace"))
        hint = " (a UTF-16 file? save it as UTF-8)" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else ""
        message = f"not UTF-8 (byte 0x{raw[exc.start]:02x}){hint}"
        return Unreadable(relative, message, line, column + 1)
    return text


def parse_text(text: str, relative: str, reader: Reader) -> Any:
    """``text`` parsed as ``reader``'s tool parses it, or an ``Unreadable``."""
    if reader == "ini":
        return _parse_ini(text, relative)
    if reader in ("dvc", "workflow", "mlflow"):
        refused = _hostile_yaml(text, relative)
        if refused is not None:
            return refused
    if reader in ("dvc", "workflow"):  # GitHub reads workflows as YAML 1.2 too (`on` is a key)
        return _parse_ruamel(text, relative)
    if reader == "dockerfile":
        return _parse_dockerfile(text, relative)
    return _parse_pyyaml(text, relative)


def _hostile_yaml(text: str, relative: str) -> Unreadable | None:
    """The spec loader's limits, before a reader that has none sees the text: more nodes,
    nesting deeper than the spec's, or aliases that expand past its budget (billion laughs)."""
    try:
        node = compose_marked(text, MAX_NODES)
    except NodeBudgetError as exc:  # ruamel and PyYAML would build them all
        message = f"more than {exc.budget} keys, values and items"
        return Unreadable(relative, message, exc.mark.line + 1, exc.mark.column + 1)
    except yaml.YAMLError as exc:  # libyaml stops at 1,000 levels; ruamel would go on
        if "nesting depth" not in str(exc):
            return None  # the owning tool's reader says where the syntax error is
        node, deep = None, True
    except RecursionError:
        node, deep = None, True
    else:
        deep = node is not None and _deeper_than(node, MAX_DEPTH)
    if deep:
        return Unreadable(relative, f"nesting is deeper than {MAX_DEPTH} levels")
    if node is not None and alias_bomb(node, MAX_ALIAS_REVISITS, MAX_DEPTH) is not None:
        return Unreadable(relative, f"aliases expand to more than {MAX_ALIAS_REVISITS} nodes")
    return None


def _deeper_than(root: yaml.Node, limit: int) -> bool:
    """Whether any collection under ``root`` is nested more than ``limit`` levels deep."""
    stack = [(root, 0)]
    seen: set[int] = set()
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        if id(node) in seen or not isinstance(node, yaml.SequenceNode | yaml.MappingNode):
            continue
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack += [(item, depth + 1) for item in node.value]
        else:
            stack += [(child, depth + 1) for pair in node.value for child in pair]
    return False


def _parse_ruamel(text: str, relative: str) -> Any:
    try:
        data = YAML(typ="safe").load(text)  # exactly how DVC parses dvc.yaml
    except RuamelMarkedError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = str(exc.problem or exc.context or "invalid YAML")
        return _unreadable_at(relative, message, mark)
    except RuamelError as exc:
        return Unreadable(relative, f"YAML error: {str(exc).splitlines()[0]}")
    return {} if data is None else data  # DVC reads an empty file as an empty mapping


def _parse_pyyaml(text: str, relative: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = str(exc.problem or exc.context or "invalid YAML")
        return _unreadable_at(relative, message, mark)
    except yaml.YAMLError as exc:
        return Unreadable(relative, f"YAML error: {str(exc).splitlines()[0]}")


def _unreadable_at(relative: str, message: str, mark: Any) -> Unreadable:
    if mark is None:
        return Unreadable(relative, f"YAML syntax error: {message}")
    return Unreadable(relative, f"YAML syntax error: {message}", mark.line + 1, mark.column + 1)


def _parse_dockerfile(text: str, relative: str) -> Any:
    """Instructions as ``[KEYWORD, [flags], arguments]``, continuations joined, comments out."""
    from mlops_compiler.families.delivery.documents import read_dockerfile

    try:
        return read_dockerfile(text)
    except ValueError as exc:
        return Unreadable(relative, f"not a Dockerfile this reader follows: {exc}")


def _parse_ini(text: str, relative: str) -> Any:
    """configobj's reading of .dvc/config, as sections of string options."""
    parser = configparser.ConfigParser(
        interpolation=None,
        delimiters=("=",),
        comment_prefixes=("#", ";"),
        inline_comment_prefixes=("#",),
        strict=True,
    )
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    try:
        parser.read_file(io.StringIO(text), relative)
    except configparser.Error as exc:
        line = getattr(exc, "lineno", None)
        return Unreadable(relative, str(exc.message).splitlines()[0], line)
    return ini_sections(parser)
