"""The comments of an imported YAML file, each tied to the key or list item it describes.

Comments are not data, so compile cannot write them back into a generated file (its only
comment is the generated-file header). They move to mlops.yaml, where the files are edited
from now on, by one rule:

- a comment at the end of a line stays at the end of the line of the key (or list item) that
  starts on that line;
- whole-line comments go above the next key or list item, as they were;
- comments after the last key of a file go above the file's section in mlops.yaml.

Where the spec models a part differently (an `outs` entry `model.pkl: {cache: true}` becomes
`{path: model.pkl, cache: true}`), a comment goes to the nearest enclosing key the spec has;
an end-of-line comment that moves so goes above that key, as does one on a list item that
holds a mapping. A `#` line with no text becomes a blank line (ruamel writes no empty comment).
Comments holding characters mlops.yaml refuses are left out (the report counts them).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from mlops_compiler.dataclass import dataclass
from mlops_compiler.load.textscan import refused_characters
from mlops_compiler.render.engine import GENERATED_MARKER

Path = tuple[str | int, ...]


@dataclass
class FileComments:
    """A file's comments by the path (in the file's data) of what they describe."""

    above: dict[Path, list[str]] = field(default_factory=dict)
    """Whole-line comments, above the node at the path (``()``: the file's section)."""
    beside: dict[Path, str] = field(default_factory=dict)
    """End-of-line comments, on the line of the node at the path."""
    dropped: int = 0
    """Comment lines mlops.yaml cannot hold (a refused character)."""


def read_comments(text: str) -> FileComments:
    """Every comment of the YAML ``text``, tied to a node by the rule above."""
    comments = FileComments()
    lines = text.split("\n")
    starts = _node_lines(text)
    if starts is None:
        return comments
    order = sorted(starts)
    for number in sorted(yaml_comment_lines(text)):
        line = lines[number]
        start = comment_start(line)
        if start is None:  # pragma: no cover - the scanner found a `#` here
            continue
        body = line[start:].removeprefix("#").removeprefix(" ").rstrip()
        if refused_characters(body):
            comments.dropped += 1
        elif line[:start].strip() and number in starts:
            comments.beside[starts[number]] = body
        else:
            comments.above.setdefault(_next(order, starts, number), []).append(body)
    return comments


def _next(order: list[int], starts: dict[int, Path], number: int) -> Path:
    """The path of the first node starting after line ``number`` (``()`` if none does)."""
    for line in order:
        if line > number:
            return starts[line]
    return ()


def _node_lines(text: str) -> dict[int, Path] | None:
    """``{0-based line: path}`` of the first key or list item starting on each line."""
    try:
        data = YAML(typ="rt").load(text)
    except YAMLError:
        return None
    starts: dict[int, Path] = {}
    _walk(data, (), starts)
    return starts


def _walk(node: Any, path: Path, starts: dict[int, Path]) -> None:
    lc = getattr(node, "lc", None)
    if isinstance(node, dict) and lc is not None:
        for key, value in node.items():
            position = _position(lc.key, key) if isinstance(key, str) else None
            if position is not None:  # a key merged in by `<<` has no line of its own here
                starts.setdefault(position, (*path, key))
                _walk(value, (*path, key), starts)
    elif isinstance(node, list) and lc is not None:
        for index, value in enumerate(node):
            position = _position(lc.item, index)
            if position is not None:
                starts.setdefault(position, (*path, index))
                _walk(value, (*path, index), starts)


def _position(where: Any, part: str | int) -> int | None:
    try:
        return int(where(part)[0])
    except (KeyError, IndexError, TypeError):
        return None


def place(fragment: Any, path: Path) -> tuple[Path, bool]:
    """The longest prefix of ``path`` that ``fragment`` has, and whether it is all of it."""
    node = fragment
    for size, part in enumerate(path):
        in_mapping = isinstance(node, dict) and isinstance(part, str) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if not (in_mapping or in_list):
            return path[:size], False
        node = node[part]
    return path, True


def yaml_comment_lines(text: str) -> set[int]:
    """The 0-based numbers of the lines of ``text`` that hold a YAML comment, less a
    generated-file header. A `#` inside a block scalar is text: a line counts only if ruamel's
    scanner found its comment (the scanner's own line numbers are not reliable)."""
    scanned: Counter[str] = Counter()
    try:
        for token in YAML(typ="rt").scan(text):
            for comment in _flatten(getattr(token, "comment", None)):
                parts = str(getattr(comment, "value", "")).split("\n")
                scanned.update(part.strip() for part in parts if part.strip().startswith("#"))
    except YAMLError:
        return set()
    found = set()
    lines = text.split("\n")
    for number in range(header_lines(text), len(lines)):
        start = comment_start(lines[number])
        if start is not None and scanned[lines[number][start:].strip()] > 0:
            scanned[lines[number][start:].strip()] -= 1
            found.add(number)
    return found


def _flatten(value: Any) -> list[Any]:
    if isinstance(value, list):
        return [item for part in value for item in _flatten(part)]
    return [] if value is None else [value]


def header_lines(text: str) -> int:
    """How many of the first lines are a generated-file header (mlops writes those back)."""
    lines = text.split("\n")
    if lines and GENERATED_MARKER in lines[0]:
        return 2 if len(lines) > 1 and "`mlops compile`" in lines[1] else 1
    return 0


def comment_start(line: str, prefixes: str = "#") -> int | None:
    """Where the comment of ``line`` starts: a ``#`` (or one of ``prefixes``) at the start or
    after a space, outside quotes; ``None`` if it has none."""
    stripped = line.lstrip()
    if stripped.startswith(tuple(prefixes)):
        return len(line) - len(stripped)
    quote = ""
    for index, char in enumerate(line):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and index and line[index - 1] in " \t":
            return index
    return None


def section_comments(text: str, reader: str) -> FileComments:
    """The comments of a workflow or Dockerfile that a section models, all above that section.

    The generated file has jobs and instructions of its own, so no comment has a line to stay
    on: each goes above the section in mlops.yaml, in the file's order (a Dockerfile's parser
    directives, `# syntax=`, too).
    """
    lines = text.split("\n")
    if reader == "workflow":
        numbers = sorted(yaml_comment_lines(text))
    else:
        numbers = [n for n in range(header_lines(text), len(lines)) if _docker_comment(lines[n])]
    comments = FileComments()
    for number in numbers:
        line = lines[number]
        start = comment_start(line) or 0
        body = line[start:].removeprefix("#").removeprefix(" ").rstrip()
        if refused_characters(body):
            comments.dropped += 1
        else:
            comments.above.setdefault((), []).append(body)
    return comments


def _docker_comment(line: str) -> bool:
    """Docker reads a line starting with `#` as a comment (a `#` later in a line is text)."""
    return line.lstrip().startswith("#")
