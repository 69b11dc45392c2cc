"""Bounded synthetic traffic to a local serving process: a fixed count, a timeout per request."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections import Counter

from mlops_compiler.commands.watch.services import HOST

MAX_REQUESTS = 2000
"""However a caller asks, no more than this many requests in one call."""


def send(port: int, path: str, body: bytes, count: int, *, timeout: float = 5.0) -> Counter[int]:
    """POST ``body`` to ``127.0.0.1:port/path`` ``count`` times; the answers' status codes."""
    codes: Counter[int] = Counter()
    url = f"http://{HOST}:{port}{path}"
    for _ in range(min(count, MAX_REQUESTS)):
        request = urllib.request.Request(
            url, data=body, method="POST", headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                codes[answer.status] += 1
        except urllib.error.HTTPError as error:
            codes[error.code] += 1
    return codes
