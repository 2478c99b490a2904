"""The words a reader sees for what is not known, in one place: never Python's ``None``."""

from __future__ import annotations

import datetime as dt

from ..records import Count

NO_DATE = "no date given"
WHY_NO_DATE = "no report gives one"
UNKNOWN = "unknown"
NO_FIGURE = "no figure given"


def day(value: dt.date | None, missing: str = NO_DATE) -> str:
    return value.isoformat() if value else missing


def number(value: int | None) -> str:
    return UNKNOWN if value is None else str(value)


def count(value: Count) -> str:
    """A count as its report words it ("dozens"), else its number, else that none was given."""
    return value.words or (NO_FIGURE if value.value is None else str(value.value))
