"""What the pages and the API show: events, claims with their evidence, tolls, control.

Reads the store and returns small typed views; knows who may see what (``public_reviewed_only``,
rejected events, field reports). Writes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from ..errors import NotFound
from ..records import Claim, Control, Event, EventStatus, Report, Toll
from ..store import EventFilter, Store
from .accounts import User, allowed

CONTEXT_CHARS = 600  # report text shown either side of an evidence sentence


@dataclass(frozen=True)
class Evidence:
    """A claim's sentence within its report: the text before, the sentence, the text after."""

    before: str
    sentence: str
    after: str
    start: int
    end: int
    exact: bool  # the stored offsets point at the sentence (False: found by search)


@dataclass(frozen=True)
class ClaimView:
    claim: Claim
    report: Report
    evidence: Evidence


@dataclass(frozen=True)
class EventView:
    event: Event
    claims: list[ClaimView]
    field_report: bool
    rejected: bool = False


@dataclass
class Page:
    events: list[Event]
    total: int
    limit: int
    offset: int
    field_event_ids: set[str] = field(default_factory=set)


def locate(report: Report, claim: Claim, context: int = CONTEXT_CHARS) -> Evidence:
    """The evidence sentence by its stored character offsets, checked against its text."""
    span = claim.evidence
    text = report.text
    start, end, exact = span.start, span.end, True
    if text[start:end] != span.text:
        found = text.find(span.text) if span.text else -1
        exact = False
        if found >= 0:
            start, end = found, found + len(span.text)
        else:
            start = end = min(start, len(text))
    lo, hi = max(0, start - context), min(len(text), end + context)
    before = ("…" if lo else "") + text[lo:start]
    after = text[end:hi] + ("…" if hi < len(text) else "")
    return Evidence(before, text[start:end], after, start, end, exact)


class Catalogue:
    """The store as a visitor with a given account sees it."""

    def __init__(self, store: Store, *, public_reviewed_only: bool = False,
                 rejected: "callable | None" = None):
        self.store = store
        self.public_reviewed_only = public_reviewed_only
        self._rejected = rejected or (lambda: set())

    # -- visibility ---------------------------------------------------------------------------

    def reviewed_only(self, user: User | None) -> bool:
        return self.public_reviewed_only and not allowed(user, "see_unreviewed")

    def visible(self, event: Event, user: User | None, rejected: set[str]) -> bool:
        if event.id in rejected and not allowed(user, "review"):
            return False
        if self.reviewed_only(user) and event.status != EventStatus.REVIEWED:
            return False
        return True

    # -- events -------------------------------------------------------------------------------

    def events(self, user: User | None, where: EventFilter = EventFilter(),
               limit: int = 100, offset: int = 0) -> Page:
        rejected = self._rejected()
        found = [e for e in self.store.events(where) if self.visible(e, user, rejected)]
        found.sort(key=lambda e: (e.date.date or dt.date.min, e.id), reverse=True)
        return Page(found[offset:offset + limit], len(found), limit, offset,
                    self.field_event_ids(found))

    def event(self, event_id: str, user: User | None) -> EventView:
        event = self.store.event(event_id)
        rejected = self._rejected()
        if not self.visible(event, user, rejected):
            raise NotFound(f"no event {event_id!r} is visible to you; sign in to see events "
                           "that are not reviewed yet")
        claims = self.store.claims(event.claim_ids)
        reports = {r.id: r for r in self.store.reports({c.report_id for c in claims})}
        views = [ClaimView(c, reports[c.report_id], locate(reports[c.report_id], c))
                 for c in claims if c.report_id in reports]
        field_report = any(v.report.kind == "field" for v in views)
        if field_report and not allowed(user, "see_field_reports"):
            views = [v for v in views if v.report.kind != "field"]
        return EventView(event, views, field_report, event.id in rejected)

    def field_event_ids(self, events: Sequence[Event]) -> set[str]:
        """The events that rest on at least one field report."""
        field_reports = {r for r, kind in self._report_kinds().items() if kind == "field"}
        if not field_reports:
            return set()
        claim_ids = {c for e in events for c in e.claim_ids}
        from_field = {c.id for c in self.store.claims(claim_ids) if c.report_id in field_reports}
        return {e.id for e in events if from_field.intersection(e.claim_ids)}

    def _report_kinds(self) -> dict[str, str]:
        return {r.id: r.kind for r in self.store.reports()}

    def review_queue(self, user: User | None) -> Page:
        """Events not yet reviewed or rejected, those from field reports first."""
        rejected = self._rejected()
        pending = [e for e in self.store.events()
                   if e.status != EventStatus.REVIEWED and e.id not in rejected]
        fields = self.field_event_ids(pending)
        pending.sort(key=lambda e: (e.id not in fields, -(e.date.date or dt.date.min).toordinal(),
                                    e.id))
        return Page(pending, len(pending), len(pending), 0, fields)

    # -- reports, tolls, control --------------------------------------------------------------

    def reports(self, user: User | None, kind: str | None = None,
                limit: int = 100, offset: int = 0) -> tuple[list[Report], int]:
        found = self.store.reports()
        if not allowed(user, "see_field_reports"):
            found = [r for r in found if r.kind != "field"]
        if self.reviewed_only(user):
            reviewed = self.store.events(EventFilter(status=EventStatus.REVIEWED.value))
            backing = {c.report_id for c in self.store.claims(
                {c for e in reviewed for c in e.claim_ids})}
            found = [r for r in found if r.id in backing]
        if kind:
            found = [r for r in found if r.kind == kind]
        found.sort(key=lambda r: (r.published or dt.date.min, r.id), reverse=True)
        return found[offset:offset + limit], len(found)

    def tolls(self, victims: str | None = None) -> list[Toll]:
        tolls = self.store.tolls()
        if victims:
            tolls = [t for t in tolls if victims.casefold() in t.victims.casefold()]
        return sorted(tolls, key=lambda t: (t.victims, t.claimed_by,
                                            t.period_end or dt.date.min))

    def controls(self, place: str | None = None) -> list[Control]:
        found = self.store.controls()
        if place:
            found = [c for c in found if _place_matches(c, place)]
        return sorted(found, key=lambda c: (c.place.mention, c.date.date or dt.date.min))


def _place_matches(control: Control, place: str) -> bool:
    names: Iterable[str] = [control.place.mention, *control.place.parents]
    if control.geocode and control.geocode.place:
        names = [*names, control.geocode.place.name]
    return any(place.casefold() in (n or "").casefold() for n in names)


def group(items: Iterable, key) -> dict[str, list]:
    out: dict[str, list] = {}
    for item in items:
        out.setdefault(key(item), []).append(item)
    return out
