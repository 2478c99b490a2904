"""What the pages and the API show: events, claims with their evidence, tolls, control.

Reads the store and returns small typed views; knows who may see what (``public_reviewed_only``,
rejected events, field reports). Writes nothing.

A contact's words are the one thing that must never leak. To a visitor without the
``see_field_reports`` permission, an event that rests on a field report is shown only once an
analyst has reviewed it, and then without anything the field report said in its own words: its
place is the gazetteer's name, not the mention; notes, sources and outlets come from the other
reports alone. Tolls and control claims read from field reports are not shown to them at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from ..errors import NotFound
from ..records import Claim, Control, Event, EventStatus, PlaceQuery, Report, Toll
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

    def visible(self, event: Event, user: User | None, rejected: set[str],
                from_field: bool = False) -> bool:
        if event.id in rejected and not allowed(user, "review"):
            return False
        if self.reviewed_only(user) and event.status != EventStatus.REVIEWED:
            return False
        if from_field and not allowed(user, "see_field_reports") \
                and event.status != EventStatus.REVIEWED:
            return False
        return True

    def _shown(self, events: Iterable[Event], user: User | None,
               where: EventFilter = EventFilter()) -> tuple[list[Event], set[str]]:
        """The events this user may see, redacted where they rest on field reports."""
        events = list(events)
        rejected = self._rejected()
        fields = self.field_event_ids(events)
        if allowed(user, "see_field_reports"):
            return [e for e in events if self.visible(e, user, rejected)], fields
        shown = []
        for event in events:
            if not self.visible(event, user, rejected, event.id in fields):
                continue
            if event.id in fields:
                event = self._redacted(event)
                if not where.matches(event):  # no filter may find a contact's words
                    continue
            shown.append(event)
        return shown, fields

    def _redacted(self, event: Event) -> Event:
        """The event without a word taken from a field report."""
        field_reports = self._field_report_ids()
        others = [c for c in self.store.claims(event.claim_ids)
                  if c.report_id not in field_reports]
        place = None
        if event.place is not None:
            name = event.geocode.place.name if event.geocode and event.geocode.place else ""
            place = PlaceQuery(mention=name, country=event.place.country)
        geocode = event.geocode.model_copy(update={"mention": place.mention if place else "",
                                                   "matched_name": ""}) \
            if event.geocode else None
        return event.model_copy(update={
            "place": place, "geocode": geocode, "notes": "",
            "sources": tuple(sorted({c.attributed_to for c in others if c.attributed_to})),
            "outlets": tuple(sorted({c.outlet for c in others if c.outlet}))})

    # -- events -------------------------------------------------------------------------------

    def events(self, user: User | None, where: EventFilter = EventFilter(),
               limit: int = 100, offset: int = 0) -> Page:
        found, fields = self._shown(self.store.events(where), user, where)
        found.sort(key=lambda e: (e.date.date or dt.date.min, e.id), reverse=True)
        return Page(found[offset:offset + limit], len(found), limit, offset,
                    fields.intersection(e.id for e in found))

    def event(self, event_id: str, user: User | None) -> EventView:
        shown, _ = self._shown([self.store.event(event_id)], user)
        if not shown:
            raise NotFound(f"no event {event_id!r} is visible to you; sign in to see events "
                           "that are not reviewed yet")
        event = shown[0]
        rejected = self._rejected()
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
        field_reports = self._field_report_ids()
        if not field_reports:
            return set()
        claim_ids = {c for e in events for c in e.claim_ids}
        from_field = {c.id for c in self.store.claims(claim_ids) if c.report_id in field_reports}
        return {e.id for e in events if from_field.intersection(e.claim_ids)}

    def _field_report_ids(self) -> set[str]:
        return {r.id for r in self.store.reports() if r.kind == "field"}

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

    def _unseen_reports(self, user: User | None) -> set[str]:
        """The reports whose words this user may not read."""
        return set() if allowed(user, "see_field_reports") else self._field_report_ids()

    def tolls(self, user: User | None, victims: str | None = None) -> list[Toll]:
        unseen = self._unseen_reports(user)
        tolls = [t for t in self.store.tolls() if t.report_id not in unseen]
        if victims:
            tolls = [t for t in tolls if victims.casefold() in t.victims.casefold()]
        return sorted(tolls, key=lambda t: (t.victims, t.claimed_by,
                                            t.period_end or dt.date.min))

    def toll_lines(self, user: User | None, tolls: list[Toll]) -> list:
        """The tolls as timelines, each beside what the coded events this user may see add up
        to in its latest entry's period and place."""
        from ..resolve.tolls import timelines

        starts = [t.period_start for t in tolls]
        ends = [t.period_end for t in tolls]
        where = EventFilter(since=None if None in starts else min(starts, default=None),
                            until=None if None in ends else max(ends, default=None))
        events, _ = self._shown(self.store.events(where), user, where)
        return timelines(tolls, events)

    def controls(self, user: User | None, place: str | None = None) -> list[Control]:
        unseen = self._unseen_reports(user)
        found = [c for c in self.store.controls() if c.report_id not in unseen]
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
