"""Find secrets written into the spec: values that look like keys, tokens or passwords.

The spec is committed to git; credentials belong in GitHub Actions secrets (or DVC's
config.local), and the spec names them. A match is reported at the nearest key, with the line
redacted, so the secret is not echoed into terminals and CI logs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from mlops_compiler.errors import Diagnostic
from mlops_compiler.loader import LoadedDocument

Loc = tuple[str | int, ...]

_VALUE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"), "an AWS access key id"),
    (re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b"), "a GitHub token"),
    (re.compile(r"\bgithub_pat_[A-Za-z0-9_]{22,}"), "a GitHub token"),
    (re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"), "a private key"),
    (re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}"), "a Slack token"),
    (re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b"), "a Google API key"),
    (re.compile(r"\b[a-z][a-z0-9+.-]*://[^/\s:@]+:[^/\s@]+@"), "a password in a URL"),
)
_AWS_SECRET = re.compile(r"(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])")
_SECRET_KEYS = re.compile(
    r"(?i)^(password|passwd|pwd|secret|secret_key|secret_access_key|client_secret|api_key"
    r"|apikey|access_token|auth_token|token|private_key)$"
)
_NAMES_ONLY = ("secrets", "remote_credentials")
"""Mappings whose values are secret names, not secrets."""

HINT = (
    "store it as a GitHub Actions secret and give its name here (`*_secret: NAME`, "
    "`secrets: {VAR: NAME}`); workflows reference it as `${{ secrets.NAME }}`"
)


def find_secrets(document: LoadedDocument) -> list[Diagnostic]:
    """A positioned, redacted error for every value in the spec that looks like a secret."""
    diagnostics = []
    for loc, value in _strings(document.data, ()):
        what = _looks_like(loc, value)
        if what is None:
            continue
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


def _strings(node: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, (*loc, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, (*loc, index))
    elif isinstance(node, str):
        yield loc, node


def _looks_like(loc: Loc, value: str) -> str | None:
    for pattern, what in _VALUE_PATTERNS:
        if pattern.search(value):
            return what
    for match in _AWS_SECRET.finditer(value):
        word = match.group()
        mixed = any(c.isupper() for c in word) and any(c.islower() for c in word)
        if mixed and any(c.isdigit() for c in word):
            return "an AWS secret access key"
    names_only = len(loc) >= 2 and str(loc[-2]) in _NAMES_ONLY
    key = loc[-1] if loc else None
    if isinstance(key, str) and _SECRET_KEYS.match(key) and value and not names_only:
        return f"a literal `{key}`"
    return None


def _nearest_key(loc: Loc) -> Loc:
    """The location of the closest mapping key: its line shows no list item's value."""
    end = len(loc)
    while end and not isinstance(loc[end - 1], str):
        end -= 1
    return loc[:end]
