"""Grouping claims into incidents, and building an event from a group."""

from __future__ import annotations

import datetime as dt
from typing import Iterable, Sequence

from ..records import Claim, Event, EventDate, EventStatus, Modality, SourceKind, Victims, content_id

NO_EVENT = {Modality.PLANNED, Modality.THREATENED}


def eligible(claim: Claim) -> bool:
    return not claim.date.background and claim.modality not in NO_EVENT


def place_key(claim: Claim) -> str:
    place = claim.geocode.place if claim.geocode and claim.geocode.place else None
    if place is not None and claim.geocode.geo_precision == 1:
        return place.id
    return (claim.place.mention if claim.place else "").casefold()


def _close(a: dt.date | None, b: dt.date | None, window: int) -> bool:
    return a is None or b is None or abs((a - b).days) <= window


def _actors_fit(a: Claim, b: Claim) -> bool:
    left = {x for x in (a.actor1, a.actor2) if x}
    right = {x for x in (b.actor1, b.actor2) if x}
    return not left or not right or bool(left & right)


def same_incident(a: Claim, b: Claim, window: int = 1) -> bool:
    return (a.event_type == b.event_type and _close(a.date.date, b.date.date, window)
            and place_key(a) == place_key(b) and _actors_fit(a, b))


def resolve(claims: Iterable[Claim], window: int = 1) -> list[Event]:
    """Deterministic: claims are taken in id order, so input order does not matter."""
    groups: list[list[Claim]] = []
    for claim in sorted((c for c in claims if eligible(c)), key=lambda c: c.id):
        for group in groups:
            if all(same_incident(claim, other, window) for other in group):
                group.append(claim)
                break
        else:
            groups.append([claim])
    return sorted((build_event(g) for g in groups), key=lambda e: (e.date.date or dt.date.min, e.id))


def _lead(group: Sequence[Claim]) -> Claim:
    """The claim that speaks for the event: most specific type, precise place, a date."""
    return max(group, key=lambda c: (_priority(c.sub_event_type), c.date.precision == 1,
                                     bool(c.geocode and c.geocode.place), bool(c.actor2), c.id))


def _priority(sub_event_type: str) -> int:
    order = ["Other", "Armed clash", "Attack", "Shelling/artillery/missile attack",
             "Air/drone strike", "Remote explosive/landmine/IED", "Suicide bomb",
             "Government regains territory", "Non-state actor overtakes territory"]
    return order.index(sub_event_type) if sub_event_type in order else 1


def build_event(group: Sequence[Claim]) -> Event:
    lead = _lead(group)
    figures = [c.fatalities.value for c in group if c.fatalities and c.fatalities.value is not None]
    low = min(figures) if figures else None
    high = max(figures) if figures else None
    best = _best(group)
    sources = tuple(sorted({c.attributed_to or c.outlet for c in group if c.attributed_to or c.outlet}))
    contested = (len(set(figures)) > 1) or any(c.modality == Modality.DENIED for c in group)
    status = (EventStatus.CONTESTED if contested else
              EventStatus.CORROBORATED if len(sources) > 1 else EventStatus.SINGLE_SOURCE)
    victims = max((c.victims for c in group), key=lambda v: (not v.is_empty(), v.civilians or 0,
                                                              sum(v.per_side.values())),
                  default=Victims())
    notes = ""
    if low != high:
        notes = "fatalities disputed: " + "; ".join(
            f"{c.attributed_to or c.outlet or 'unattributed'} says {c.fatalities.words or c.fatalities.value}"
            for c in sorted(group, key=lambda c: c.id) if c.fatalities)
    return Event(
        id=content_id(*sorted(c.id for c in group)), date=lead.date, event_type=lead.event_type,
        sub_event_type=lead.sub_event_type, actor1=lead.actor1, actor2=lead.actor2,
        geocode=lead.geocode, place=lead.place, fatalities_low=low, fatalities_best=best,
        fatalities_high=high, victims=victims,
        civilian_targeting=any(c.civilian_targeting for c in group), status=status,
        claim_ids=tuple(sorted(c.id for c in group)), sources=sources,
        outlets=tuple(sorted({c.outlet for c in group if c.outlet})), notes=notes)


def _best(group: Sequence[Claim]) -> int | None:
    """The most credible figure: independent monitors over parties, then the highest."""
    with_figures = [c for c in group if c.fatalities and c.fatalities.value is not None]
    if not with_figures:
        return None
    rank = {SourceKind.MONITOR: 0, SourceKind.OFFICIAL: 1, SourceKind.WITNESS: 2,
            SourceKind.MEDIA: 3, SourceKind.UNKNOWN: 4, SourceKind.PARTY: 5}
    best = min(with_figures, key=lambda c: (rank[c.source_kind], -(c.fatalities.value or 0)))
    return best.fatalities.value
