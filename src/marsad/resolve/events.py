"""Building one event from a group of claims: its id, type, date, place, actors and figures."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Mapping, Sequence

from ..records import Claim, Event, content_id
from .figures import CREDIBILITY, reconcile
from .match import facts_of, known, span_of, specificity

def event_id(claim_ids: Sequence[str]) -> str:
    """Stable: named after the group's smallest claim id, so an event keeps its id for as long
    as that claim stays in it, whatever else joins or leaves."""
    return content_id("event", min(claim_ids))


def _lead(group: Sequence[Claim]) -> Claim:
    """The claim that speaks for the event: one dated to the day or week (a claim about "a
    month" of attacks does not name this one's type), most specific type, then most credible
    source."""
    return max(group, key=lambda c: (c.date.precision <= 2, specificity(c.sub_event_type),
                                     CREDIBILITY[c.source_kind],
                                     c.date.precision == 1, c.id))


def _date_claim(group: Sequence[Claim]) -> Claim:
    """The narrowest dates, then the day most claims give, then the earliest."""
    widths = {c.id: (span_of(c.date)[1] - span_of(c.date)[0]).days for c in group}
    narrowest = min(widths.values())
    candidates = [c for c in group if widths[c.id] == narrowest]
    votes = Counter(c.date.date for c in candidates)
    return min(candidates, key=lambda c: (-votes[c.date.date], c.date.date or dt.date.max, c.id))


def _place_claim(group: Sequence[Claim], lead: Claim) -> Claim:
    """The most precise place: a part of a town before the town, geocoded before not."""
    def rank(claim: Claim) -> tuple:
        geocode = claim.geocode
        return (facts_of(claim).site.level,
                geocode.geo_precision if geocode and geocode.place else 9,
                claim.id != lead.id, claim.id)
    return min(group, key=rank)


def _actor(lead_value: str, values: list[str]) -> str:
    if known(lead_value):
        return lead_value
    votes = Counter(v for v in values if known(v))
    if not votes:
        return lead_value
    return min(votes, key=lambda v: (-votes[v], v))


def build_event(group: Sequence[Claim], published: Mapping[str, dt.date] | None = None) -> Event:
    group = sorted(group, key=lambda c: c.id)
    lead = _lead(group)
    place = _place_claim(group, lead)
    figures = reconcile(group, published)
    actor1 = _actor(lead.actor1, [c.actor1 for c in group])
    # a side is not its own target: the claims that named it as hit were wrong about one of them
    actor2 = _actor(lead.actor2 if lead.actor2 != actor1 else "",
                    [c.actor2 for c in group if c.actor1 == lead.actor1 and c.actor2 != actor1])
    return Event(
        id=event_id([c.id for c in group]), date=_date_claim(group).date,
        event_type=lead.event_type, sub_event_type=lead.sub_event_type,
        actor1=actor1, actor2=actor2,
        assoc_actor_1=tuple(sorted({a for c in group for a in c.assoc_actor_1})),
        assoc_actor_2=tuple(sorted({a for c in group for a in c.assoc_actor_2})),
        geocode=place.geocode, place=place.place,
        fatalities_low=figures.low, fatalities_best=figures.best, fatalities_high=figures.high,
        victims=figures.victims, civilian_targeting=any(c.civilian_targeting for c in group),
        status=figures.status, claim_ids=tuple(c.id for c in group), sources=figures.sources,
        outlets=tuple(sorted({c.outlet for c in group if c.outlet})), notes=figures.notes)
