"""Which claims a claim can reach while grouping: its block.

The grouper (:mod:`marsad.resolve.merge`) compares a claim only with the open groups found
through its index keys: the same event type and region, on the days the claim can mean widened
by the merge window, or (for a claim with no place) the other claims of its report. A claim
joins a group only if it fits every member, so two claims can influence each other's events
only through a chain of claims that each *reach* and *fit* the next (:func:`linked`). The
claims of one such chain-connected component (together with the claims an analyst's decision
names together) are grouped exactly as they would be among all claims: that is what makes
incremental resolution equal to a resolution from scratch.

A :class:`Block` is what reaching needs, read once from a claim; the resolve area keeps one row
per resolved claim in ``resolve_blocks`` so that the claims a new claim can reach are found with
one indexed query, whatever the size of the store.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..records import Claim
from .match import UNDATED, Facts, same_incident

LONG = 31  # days: claims spanning more are few (years, long ranges) and are looked up apart


@dataclass(frozen=True, slots=True)
class Block:
    claim_id: str
    report_id: str
    event_type: str
    region: str
    first: dt.date | None  # None: undated
    last: dt.date | None
    level: int  # the site's level; 3 = no place

    @property
    def long(self) -> bool:
        return self.first is not None and (self.last - self.first).days > LONG

    def row(self) -> dict:
        return dict(claim_id=self.claim_id, report_id=self.report_id,
                    event_type=self.event_type, region=self.region, long=self.long,
                    span_first=self.first, span_last=self.last, level=self.level)


def region_key(region: tuple[str, str]) -> str:
    return "\x1f".join(region)


def block_of(facts: Facts) -> Block:
    claim: Claim = facts.claim
    first, last = (None, None) if facts.span == UNDATED else facts.span
    return Block(claim.id, claim.report_id, claim.event_type, region_key(facts.site.region),
                 first, last, facts.site.level)


def shifted(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days``, held inside the calendar."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def reaches(a: Block, b: Block, window: int) -> bool:
    """The grouper can find one claim's group from the other (by index key or by report)."""
    if a.report_id == b.report_id and 3 in (a.level, b.level):
        return True
    if a.event_type != b.event_type or a.region != b.region:
        return False
    if a.first is None or b.first is None:
        return a.first is None and b.first is None
    return shifted(a.first, -window) <= b.last and b.first <= shifted(a.last, window)


def linked(a: Facts, b: Facts, block_a: Block, block_b: Block, window: int) -> bool:
    """One claim can join a group the other is in: it reaches it and the two fit."""
    return reaches(block_a, block_b, window) and (
        same_incident(a, b, window) or same_incident(b, a, window))
