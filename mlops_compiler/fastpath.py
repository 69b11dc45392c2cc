"""The no-change fast path of `mlops compile --check`: hashes only, nothing heavy imported.

When the manifest says which inputs (spec, params files, template set, generator version)
produced which file hashes, and every one of them is unchanged on disk, the full compile would
find nothing to do. This path proves that with a few sha256 sums and exits, without importing
argparse, json, Pydantic, Jinja or a YAML library (nor `re`, `enum`, `typing`, `pathlib` or
`hashlib`: each costs 1.5 to 7 ms, against ~3 ms for all of this). Anything unexpected (other
flags, a manifest that is not byte for byte what `manifest.manifest_text` writes, a symbolic
link, one changed byte) falls through to the full path, which has the last word; `--no-fast`
forces it (CI should use it: a forged manifest can hide a stale file here).
"""

from __future__ import annotations

import os
import stat
import sys

from mlops_compiler import __version__
from mlops_compiler.fingerprint import (
    BINARY,
    GITIGNORE_PATH,
    GITIGNORE_TEXT,
    MANIFEST_PATH,
    content_hash,
    read_all,
    templates_fingerprint,
)

MAX_BYTES = 64 * 1024 * 1024
"""Larger files are left to the full path (which refuses a spec over 1 MiB anyway)."""

# Not through a link, never blocking on a FIFO, and on Windows no CRLF or Ctrl-Z translation.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | BINARY


class Recorded:
    """What a manifest records: the values the fast path compares with the disk."""

    __slots__ = ("files", "generator_version", "inputs", "spec", "templates")

    def __init__(
        self,
        generator_version: str,
        spec: str,
        templates: str,
        inputs: dict[str, str],
        files: dict[str, tuple[str, str, str, str]],
    ) -> None:
        self.generator_version = generator_version
        self.spec = spec
        self.templates = templates
        self.inputs = inputs
        """sha256 of each input, in the manifest's order (the spec first)."""
        self.files = files
        """(sha256, section, template, mode) of each generated file."""


def try_fast_check(argv: list[str]) -> int | None:
    """0 if `compile --check` provably finds nothing to do; None to run the full compile.

    `-q` (what a pre-commit hook or a script would pass) keeps the path and prints nothing.
    """
    quiet = "-q" in argv or "--quiet" in argv
    spec = _spec_of([arg for arg in argv if arg not in ("-q", "--quiet")] if quiet else argv)
    if spec is None:
        return None
    root = os.path.dirname(os.path.abspath(spec))
    data = read_regular_file(os.path.join(root, MANIFEST_PATH))
    recorded = None if data is None else parse_manifest(data)
    if recorded is None or not _unchanged(recorded, root, os.path.basename(spec)):
        return None
    if not quiet:
        sys.stdout.write(f"mlops: {len(recorded.files)} generated file(s) up to date\n")
    return 0


def _spec_of(argv: list[str]) -> str | None:
    """The spec path if ``argv`` is exactly `compile --check [-f SPEC]`, else None."""
    if argv[:1] != ["compile"] or "--check" not in argv:
        return None
    rest = [arg for arg in argv[1:] if arg != "--check"]
    if not rest:
        return "mlops.yaml"
    if len(rest) == 2 and rest[0] in ("-f", "--file"):
        return rest[1]
    if len(rest) == 1 and rest[0].startswith("--file="):
        return rest[0].removeprefix("--file=")
    return None


def read_regular_file(path: str) -> bytes | None:
    """The bytes of a regular file; None for anything else (a link, FIFO or device: the full
    path decides about those, and opening a FIFO must not block) or an unreadable one."""
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError:
        return None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_BYTES:
            return None
        return read_all(descriptor)
    except OSError:
        return None
    finally:
        os.close(descriptor)


def _unchanged(recorded: Recorded, root: str, spec_name: str) -> bool:
    """Whether the disk holds exactly what ``recorded`` says the last compile read and wrote."""
    if recorded.generator_version != __version__ or recorded.spec != spec_name:
        return False
    if next(iter(recorded.inputs), None) != spec_name or not recorded.files:
        return False
    if recorded.templates != templates_fingerprint():
        return False
    for relative, sha in recorded.inputs.items():
        if _hash_at(root, relative) != sha:
            return False
    for relative, (sha, _section, _template, mode) in recorded.files.items():
        if mode not in ("managed", "seed") or len(sha) != 64:
            return False  # an entry the full path would drop, with a warning
        actual = _hash_at(root, relative)
        # A seed file is the user's once written: only its presence is the compiler's business.
        if actual is None or (mode != "seed" and actual != sha):
            return False
    if _hash_at(root, GITIGNORE_PATH) != content_hash(GITIGNORE_TEXT.encode()):
        return False
    return not _placement_moved(root, recorded, spec_name)


def _placement_moved(root: str, recorded: Recorded, spec_name: str) -> bool:
    """Whether a git root appeared above a spec whose workflows were written in its folder.

    Where the workflows go depends on the nearest `.git` (load/repository.py) unless the spec
    says `repository_root:`; hashes cannot see a `git init` in a parent folder, so the full
    path decides whenever a spec that does not say it has a `.git` above it and in-folder
    workflows. (A manifest with root workflows, `../.github/...`, never gets here: `_hash_at`
    refuses `..`.)
    """
    if not any(path.startswith(".github/workflows/") for path in recorded.files):
        return False
    folder = os.path.realpath(root)  # as load/repository.py resolves it
    if os.path.exists(os.path.join(folder, ".git")):
        return False
    parent = os.path.dirname(folder)
    while parent != folder:
        if os.path.exists(os.path.join(parent, ".git")):
            spec = read_regular_file(os.path.join(root, spec_name)) or b""
            return b"repository_root:" not in spec
        folder, parent = parent, os.path.dirname(parent)
    return False


def _hash_at(root: str, relative: str) -> str | None:
    """The content hash of a project file; None if unreadable or the path leaves the project."""
    parts = relative.split("/")
    if ".." in parts or "" in parts or "\\" in relative or ":" in relative:
        return None
    data = read_regular_file(os.path.join(root, *parts))
    return None if data is None else content_hash(data)


def parse_manifest(data: bytes) -> Recorded | None:
    """The manifest's values, if ``data`` is exactly what `manifest_text` writes for them.

    A reader for one layout instead of `json` (~1.6 ms to import): the values are read from
    their lines, the text they would be written as is rebuilt, and anything that does not
    rebuild to the same bytes (an escape, a reordered, extra or missing key, other spacing, a
    hand edit of any kind) is None, so the full path reads it with the real JSON parser.
    """
    try:
        text = data.decode()
        lines = text.split("\n")
        header = [_strings(line) for line in lines[:6]]
        # `"inputs": {` ... `},` or, empty, `"inputs": {},`; `"files": {` comes next
        inputs_end = 6 if lines[6].endswith("{},") else lines.index("  },", 7)
        inputs = dict(_pair(line) for line in lines[7:inputs_end])
        files = {}
        for start in range(inputs_end + 2, len(lines) - 3, 6):
            path = _strings(lines[start])[0]
            entry = [_strings(line)[1] for line in lines[start + 1 : start + 5]]
            files[path] = (entry[0], entry[1], entry[2], entry[3])
        recorded = Recorded(header[3][1], header[4][1], header[5][1], inputs, files)
    except (UnicodeDecodeError, ValueError, IndexError):
        return None
    return recorded if manifest_layout(recorded) == text else None


def _strings(line: str) -> list[str]:
    """The quoted strings of a manifest line; ValueError if one needs an escape in JSON."""
    # The rest of a line is spaces and `{}:,`: the line is printable if its strings are.
    if "\\" in line or not line.isprintable():
        raise ValueError(line)
    return line.split('"')[1::2]


def _pair(line: str) -> tuple[str, str]:
    key, value = _strings(line)
    return key, value


def manifest_layout(recorded: Recorded) -> str:
    """The text `manifest.manifest_text` writes for these values (`json.dumps`, indent 2).

    Right for strings that JSON writes without escapes; ``_strings`` lets no other through.
    """
    lines = [
        "{",
        '  "format": 1,',
        '  "generator": "mlops-compiler",',
        f'  "generator_version": "{recorded.generator_version}",',
        f'  "spec": "{recorded.spec}",',
        f'  "templates": "{recorded.templates}",',
    ]
    lines += _mapping("inputs", [f'    "{key}": "{sha}"' for key, sha in recorded.inputs.items()])
    entries = [
        f'    "{path}": {{\n      "sha256": "{sha}",\n      "section": "{section}",\n'
        f'      "template": "{template}",\n      "mode": "{mode}"\n    }}'
        for path, (sha, section, template, mode) in sorted(recorded.files.items())
    ]
    return "\n".join([*lines, *_mapping("files", entries)])[:-1] + "\n}\n"


def _mapping(key: str, items: list[str]) -> list[str]:
    if not items:
        return [f'  "{key}": {{}},']
    return [f'  "{key}": {{', ",\n".join(items), "  },"]
