"""Publication dates as the input writes them: read strictly, or refused — never another date.

Feed and page libraries "repair" what they cannot read (feedparser turns ``2024-13-01`` into
2025-01-01 and ``Sat, 01 Jan 0001`` into the year 100; htmldate turns ``2024-13-01`` into
2024-01-13), so marsad reads the date text itself. A date is the day as written, in the
writer's own time zone, and must lie in :data:`YEARS`.
"""

from __future__ import annotations

import datetime as dt
import re

YEARS = range(1800, 2200)  # a news report outside these years is a typing or encoding mistake
MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
                                      "sep", "oct", "nov", "dec"), start=1)}
RFC822 = re.compile(r"^(?:[A-Za-z]+\.?,?\s*)?(\d{1,2})\s+([A-Za-z]{3})[A-Za-z]*\.?\s+(\d+)"
                    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:[A-Za-z]{1,5}|[+-]\d{4}))?)?$")
ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def plausible(day: dt.date, text: str) -> dt.date:
    if day.year not in YEARS:
        raise ValueError(f"{text!r} is in the year {day.year}, not a plausible publication date "
                         f"({YEARS.start} to {YEARS.stop - 1}); correct the date")
    return day


def parse_date(value: object) -> dt.date:
    """An ISO date (or datetime) string; ValueError with a helpful message otherwise."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return plausible(value, value.isoformat())
    text = str(value).strip()
    try:
        day = dt.date.fromisoformat(text) if len(text) <= 10 else \
            dt.datetime.fromisoformat(text).date()
    except ValueError:
        raise ValueError(f"{text[:60]!r} is not a date; write it as YYYY-MM-DD") from None
    return plausible(day, text)


def parse_feed_date(text: str) -> dt.date | None:
    """A feed's date (RFC 822 as RSS writes it, or ISO 8601 as Atom does) as written.

    None for a form this reader does not know; ValueError for a known form that is no date
    (month 13, 30 February, the year 0001).
    """
    text = " ".join(text.split())
    if ISO_DAY.match(text):
        return parse_date(text.replace(" ", "T", 1) if len(text) > 10 else text)
    match = RFC822.match(text)
    if not match:
        return None
    day, month, year = match.groups()
    if month.lower() not in MONTHS or len(year) not in (2, 4):
        raise ValueError(f"{text[:60]!r} is not a date; write it as RFC 822 "
                         "(Mon, 19 Aug 2024 08:00:00 GMT) or YYYY-MM-DD")
    number = int(year) if len(year) == 4 else 2000 + int(year) if int(year) < 50 else \
        1900 + int(year)  # two-digit years as RFC 2822 reads them
    try:
        return plausible(dt.date(number, MONTHS[month.lower()], int(day)), text)
    except ValueError as exc:
        if "plausible" in str(exc):
            raise
        raise ValueError(f"{text[:60]!r} is not a date ({exc}); correct the date") from None


# Where pages state their publication date, most trusted first: Open Graph / article, schema.org,
# Dublin Core and the names that news systems use.
HTML_DATE_FIELDS = ("article:published_time", "og:published_time", "datepublished",
                    "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.created", "date",
                    "pubdate", "publishdate", "publish-date", "parsely-pub-date",
                    "sailthru.date")


def html_stated_date(tree) -> str | None:
    """The first publication date a page states in its metadata (as written), or None."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in HTML_DATE_FIELDS and meta.get("content", "").strip():
            found.setdefault(key, meta.get("content").strip())
    for key in HTML_DATE_FIELDS:
        if key in found:
            return found[key]
    return None
