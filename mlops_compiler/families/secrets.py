"""Find secrets written into the spec: values that look like keys, tokens or passwords.

The spec is committed to git; credentials belong in GitHub Actions secrets (or DVC's
config.local), and the spec names them. A match is reported at the nearest key, with the line
redacted, so the secret is not echoed into terminals and CI logs.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from mlops_compiler.errors import Diagnostic, Loc
from mlops_compiler.load.loader import LoadedDocument

_VALUE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"), "an AWS access key id"),
    (re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b"), "a GitHub token"),
    (re.compile(r"\bgithub_pat_[A-Za-z0-9_]{22,}"), "a GitHub token"),
    (re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"), "a private key"),
    (re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}"), "a Slack token"),
    (re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b"), "a Google API key"),
    (re.compile(r"\b[a-z][a-z0-9+.-]*://[^/\s:@]+:[^/\s@]+@"), "a password in a URL"),
)
_NEEDLES = re.compile(r"AKIA|ASIA|gh[pousr]_|github_pat_|-----BEGIN|xox[abprs]-|AIza|://")
"""Text that every match of ``_VALUE_PATTERNS`` contains; one search for it rules out all seven
for most values (three times faster). Keep it in step with the patterns (a test checks)."""
_AWS_SECRET_LENGTH = 40
_AWS_SECRET = re.compile(r"(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])")
_SECRET_KEYS = re.compile(
    r"(?i)^(password|passwd|pwd|secret|secret_key|secret_access_key|client_secret|api_key"
    r"|apikey|access_token|auth_token|token|private_key)$"
)
_REFERENCE = re.compile(r"^\$\{\{\s*(secrets|github|vars)\.[A-Za-z0-9_.-]+\s*\}\}$")
"""A GitHub expression naming a secret (or the workflow token): a reference, not a secret."""
_SECRET_ENV_NAME = re.compile(
    r"^(?:[A-Z0-9]+_)*(?:PASSWORD|PASSWD|PWD|SECRET|SECRET_KEY|TOKEN|API_KEY|APIKEY"
    r"|ACCESS_KEY|PRIVATE_KEY|CREDENTIALS?)(?:_[A-Z0-9]+)*$"
)
"""An environment variable's name that says it holds a secret: `DB_PASSWORD`, `GITHUB_TOKEN`,
`MLFLOW_TRACKING_PASSWORD`, `AWS_SECRET_ACCESS_KEY` (upper case only: `pad_token: "[PAD]"` is a
tokenizer setting, not a credential)."""
_NAMES_ONLY = ("secrets", "remote_credentials")
"""Mappings whose values are secret names, not secrets."""

HINT = (
    "store it as a GitHub Actions secret and give its name here (`*_secret: NAME`, "
    "`secrets: {VAR: NAME}`); workflows reference it as `${{ secrets.NAME }}`"
)


def find_secrets(document: LoadedDocument) -> list[Diagnostic]:
    """A positioned, redacted error for every value in the spec that looks like a secret."""
    diagnostics = []
    found: list[tuple[Loc, str]] = []
    _scan(document.data, (), found)
    for loc, what in found:
        key_loc = _nearest_key(loc)
        diagnostics.append(
            Diagnostic(
                f"{what} is written into the spec",
                span=document.span_of(key_loc, key=True),
                loc=loc,
                hint=HINT,
                redact=True,
            )
        )
    return diagnostics


def _scan(node: dict[str, Any] | list[Any], loc: Loc, found: list[tuple[Loc, str]]) -> None:
    """Append ``(location, what it looks like)`` for each suspicious string under ``node``.

    A plain recursion that makes a location only for collections and hits: a generator per
    level, and a location per string, made this a tenth of compiling 10,000 stages.
    """
    children = node.items() if isinstance(node, dict) else enumerate(node)
    for part, value in children:
        if isinstance(part, str) and _NEEDLES.search(part):  # a key can hold a secret too
            what = next((what for pattern, what in _VALUE_PATTERNS if pattern.search(part)), None)
            if what is not None:
                found.append(((*loc, part), f"{what} (as a key)"))
                continue
        if isinstance(value, str):
            if (
                len(value) < _AWS_SECRET_LENGTH
                and not _NEEDLES.search(value)
                and (not isinstance(part, str) or not _secret_key(part))
            ):
                continue  # most values: ``_looks_like`` would say None, without a call
            what = _looks_like(loc, part, value)
            if what is not None:
                found.append(((*loc, part), what))
        elif isinstance(value, dict | list):
            _scan(value, (*loc, part), found)


def _looks_like(parent: Loc, key: str | int, value: str) -> str | None:
    """What the string ``value`` at ``(*parent, key)`` looks like, if a secret."""
    if _NEEDLES.search(value):
        for pattern, what in _VALUE_PATTERNS:
            if pattern.search(value):
                return what
    if len(value) >= _AWS_SECRET_LENGTH:  # shorter values cannot hold a secret access key
        for match in _AWS_SECRET.finditer(value):
            word = match.group()
            mixed = any(c.isupper() for c in word) and any(c.islower() for c in word)
            if mixed and any(c.isdigit() for c in word) and not _path_like(word):
                return "an AWS secret access key"
    names_only = bool(parent) and str(parent[-1]) in _NAMES_ONLY
    reference = _REFERENCE.match(value) is not None  # a step's `token: ${{ secrets.X }}`
    if isinstance(key, str) and value and not names_only and not reference and _secret_key(key):
        return f"a literal `{key}`"
    return None


_PATH_SEGMENT = re.compile(r"\d+|[A-Za-z][a-z]*(?:[A-Z][a-z]*)*")
"""A word, a camelCase word or an index: what the segments of a JSON Pointer or a path are."""


def _path_like(word: str) -> bool:
    """A JSON Pointer or path (`/spec/template/spec/containers/0/envFrom`), not random base64.

    A secret access key is 40 random characters: its `/`-separated pieces are not words.
    """
    segments = [segment for segment in word.split("/") if segment]
    return len(segments) > 1 and all(_PATH_SEGMENT.fullmatch(segment) for segment in segments)


@functools.lru_cache(maxsize=1024)
def _secret_key(key: str) -> bool:
    """Keys repeat (`cmd`, `desc`, once per stage) and the pattern ignores case, so cache.

    `*_secret` keys name a secret (`password_secret: REG_PASSWORD`); they never hold one."""
    if key.endswith(("_secret", "_secrets")):
        return False
    return _SECRET_KEYS.match(key) is not None or _SECRET_ENV_NAME.match(key) is not None


def _nearest_key(loc: Loc) -> Loc:
    """The location of the closest mapping key: its line shows no list item's value."""
    end = len(loc)
    while end and not isinstance(loc[end - 1], str):
        end -= 1
    return loc[:end]
