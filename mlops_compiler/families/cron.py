"""Check a five-field cron expression the way GitHub Actions schedules read it (POSIX cron)."""

from __future__ import annotations

import re

MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
DAYS = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")
FIELDS: tuple[tuple[str, int, int, tuple[str, ...]], ...] = (
    ("minute", 0, 59, ()),
    ("hour", 0, 23, ()),
    ("day of month", 1, 31, ()),
    ("month", 1, 12, MONTHS),
    ("day of week", 0, 6, DAYS),
)
_ITEM = re.compile(r"^(\*|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)?)(?:/([0-9]+))?$")


def cron_problem(expression: str) -> tuple[str, str] | None:
    """``(message, offending text)`` for an invalid expression, else None."""
    fields = expression.split()
    if len(fields) != len(FIELDS):
        return (
            f"a cron schedule has 5 fields (minute hour day-of-month month day-of-week),"
            f" not {len(fields)}",
            expression,
        )
    for text, (name, low, high, names) in zip(fields, FIELDS, strict=True):
        for item in text.split(","):
            problem = _item_problem(item, name, low, high, names)
            if problem:
                return problem, item or text
    return None


def _item_problem(item: str, name: str, low: int, high: int, names: tuple[str, ...]) -> str | None:
    match = _ITEM.match(item)
    if match is None:
        return f"`{item}` is not a valid {name} field"
    span, step = match.groups()
    if step is not None and int(step) < 1:
        return f"the step of `{item}` must be at least 1"
    if span == "*":
        return None
    for bound in span.split("-"):
        value = _value(bound, names)
        if value is None or not low <= value <= high:
            return f"`{bound}` is out of range for the {name} ({low}-{high})"
    return None


def _value(text: str, names: tuple[str, ...]) -> int | None:
    if text.isdigit():
        return int(text)
    upper = text.upper()
    if upper in names:
        return names.index(upper) + (1 if names is MONTHS else 0)
    return None
