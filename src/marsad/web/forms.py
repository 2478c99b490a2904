"""Checking what clients send: filters, ids, free text. Every refusal names the field and the fix."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from ..records import EventStatus
from ..store import EventFilter
from .errors import BadRequest

EVENT_ID = re.compile(r"^[0-9a-f]{4,32}$")
STATUSES = tuple(s.value for s in EventStatus)


def clean_text(value: str | None, name: str, *, max_len: int = 200, required: bool = False,
               multiline: bool = False) -> str:
    """Text without control characters (a NUL would break PostgreSQL), trimmed and bounded."""
    value = (value or "").strip()
    if required and not value:
        raise BadRequest(f"{name}: this field is required")
    if len(value) > max_len:
        raise BadRequest(f"{name}: at most {max_len} characters (got {len(value)})")
    allowed = "\n\r\t" if multiline else "\t"
    if any(unicodedata.category(c) in ("Cc", "Cs") and c not in allowed for c in value):
        raise BadRequest(f"{name}: contains control characters; send plain text")
    return value


def parse_date(value: str | None, name: str) -> dt.date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadRequest(f"{name}: {value[:40]!r} is not a date; write YYYY-MM-DD") from None


def event_id(value: str) -> str:
    if not EVENT_ID.match(value or ""):
        raise BadRequest(f"{value[:40]!r} is not an event id (4 to 32 hex digits)")
    return value


@dataclass(frozen=True)
class Filters:
    """The filters as the URL carries them (strings), and the store's filter built from them."""

    since: str = ""
    until: str = ""
    type: str = ""
    place: str = ""
    actor: str = ""
    status: str = ""
    source: str = ""

    @classmethod
    def read(cls, since=None, until=None, type=None, place=None, actor=None, status=None,
             source=None) -> "Filters":
        values = {k: clean_text(v, k) for k, v in dict(
            since=since, until=until, type=type, place=place, actor=actor, status=status,
            source=source).items()}
        filters = cls(**values)
        filters.to_filter()  # refuse bad dates and statuses now
        return filters

    def to_filter(self) -> EventFilter:
        if self.status and self.status not in STATUSES:
            raise BadRequest(f"status: {self.status[:40]!r} is not a status; use one of "
                             f"{', '.join(STATUSES)}")
        since, until = parse_date(self.since, "since"), parse_date(self.until, "until")
        if since and until and since > until:
            raise BadRequest("since: the start date is after the end date (until)")
        return EventFilter(since=since, until=until, event_type=self.type or None,
                           actor=self.actor or None, place=self.place or None,
                           status=self.status or None, source=self.source or None)

    def query(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v}
