"""Files compile shares with an owning tool or with the user: taken over when blank, or merged.

`dvc init` creates `.dvc/config` empty; a `.gitignore` or `.gitattributes` is the user's, with
one block of ours.
"""

from __future__ import annotations

ADOPTED_WHEN_BLANK = frozenset({".dvc/config"})
"""Files an owning tool creates empty (`dvc init`, `dvc init -f`): nothing of anyone's to keep,
so compile takes them over instead of refusing them as unowned or edited."""


MERGED = frozenset({".gitignore", ".gitattributes"})
"""Files shared with the user: compile owns one marked block in them, the rest is theirs."""

BLOCK_START, BLOCK_END = b"# >>> mlops-compiler", b"# <<< mlops-compiler"


def merge_block(old: bytes | None, block: bytes) -> bytes:
    """``old`` with its mlops block replaced by ``block`` (appended when it has none)."""
    if not old:
        return block
    start = old.find(BLOCK_START)
    end = old.find(BLOCK_END, start) if start >= 0 else -1
    if start >= 0 and end >= 0:
        stop = old.find(b"\n", end)
        stop = len(old) if stop < 0 else stop + 1
        return old[:start] + block + old[stop:]
    return old + (b"" if old.endswith(b"\n") else b"\n") + block
