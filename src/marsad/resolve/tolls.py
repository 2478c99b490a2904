"""Tolls as timelines: cumulative figures per victim group, perpetrator, place and source.

A toll ("more than 200 civilians killed by coalition raids since June 6") is never an event
and never added to events. Tolls are grouped into lines — one per (outcome, victims,
perpetrator, place) — each a timeline of what every source said, oldest first. Each line
also says what the coded events inside its scope add up to, so an analyst sees how much of a
toll the event data covers ("coded events: 11 of more than 200").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Sequence

from ..records import Count, CountQualifier, Event, Toll
from .sites import Site, site_for, sites_fit

CIVILIANS = "civilians"
UNSPECIFIED = frozenset({"", "unspecified", "people"})


@dataclass(frozen=True)
class TollKey:
    outcome: str
    victims: str
    perpetrator: str
    place: str  # display name of the place

    def label(self) -> str:
        by = f" by {self.perpetrator}" if self.perpetrator else ""
        return f"{self.victims} {self.outcome}{by} in {self.place or 'unknown place'}"


@dataclass(frozen=True)
class TollLine:
    """One timeline of a toll, with how far coded events account for its latest figure."""

    key: TollKey
    entries: tuple[Toll, ...]  # oldest first
    coded: int  # fatalities of the coded events in the latest entry's scope (their low figure)
    coded_events: tuple[str, ...]

    @property
    def latest(self) -> Toll:
        return self.entries[-1]

    def comparison(self) -> str:
        latest = count_text(self.latest.count)
        n = len(self.coded_events)
        if self.latest.outcome != "killed":
            return f"latest {latest}; events code deaths, not {self.latest.outcome}"
        gap = (self.latest.count.value or 0) - self.coded
        tail = f", {gap} not coded as events" if gap > 0 else ""
        return f"coded events: {self.coded} in {n} event(s) against the latest toll, {latest}{tail}"


def count_text(count: Count) -> str:
    """A count as the source said it, with the figure it is coded as when they differ."""
    words = count.words or ("no figure given" if count.value is None else str(count.value))
    if count.qualifier is CountQualifier.VAGUE and count.value is not None:
        return f"{words} (coded {count.value})"
    return words


def entry_text(toll: Toll) -> str:
    """ "more than 200 by 2017-07-02 (since 2017-06-06), Syrian Observatory for Human Rights" """
    when = f" by {toll.period_end}" if toll.period_end else ""
    since = f" (since {toll.period_start})" if toll.period_start else ""
    who = toll.claimed_by or toll.outlet or "unattributed"
    return f"{count_text(toll.count)}{when}{since}, {who}"


def _place_name(toll: Toll) -> str:
    place = toll.geocode.place if toll.geocode and toll.geocode.place else None
    if place is not None:
        return place.name
    return toll.place.mention if toll.place else ""


def _key(toll: Toll) -> TollKey:
    return TollKey(outcome=toll.outcome, victims=toll.victims or "unspecified",
                   perpetrator=toll.perpetrator, place=_place_name(toll))


def _order(toll: Toll) -> tuple:
    return (toll.period_end or dt.date.min, toll.count.value or 0, toll.claimed_by, toll.id)


def timelines(tolls: Iterable[Toll], events: Sequence[Event] = ()) -> list[TollLine]:
    """Every toll line, sorted by label; ``events`` are compared with each line's latest toll."""
    lines: dict[TollKey, list[Toll]] = {}
    for toll in tolls:
        lines.setdefault(_key(toll), []).append(toll)
    result = []
    for key in sorted(lines, key=lambda k: (k.place, k.victims, k.perpetrator, k.outcome)):
        entries = tuple(sorted(lines[key], key=_order))
        inside = [e for e in events if in_scope(e, entries[-1])]
        result.append(TollLine(key=key, entries=entries,
                               coded=sum(_victims_in(e, entries[-1]) for e in inside),
                               coded_events=tuple(e.id for e in inside)))
    return result


def in_scope(event: Event, toll: Toll) -> bool:
    """The event falls in the toll's period and place, by its perpetrator, with its victims."""
    day = event.date.date
    if day is None or (toll.period_end and day > toll.period_end):
        return False
    if toll.period_start and day < toll.period_start:
        return False
    if toll.perpetrator and event.actor1 != toll.perpetrator:
        return False
    if not _place_fits(site_for(event.place, event.geocode), site_for(toll.place, toll.geocode)):
        return False
    return _victims_in(event, toll) > 0


def _place_fits(event_site: Site, toll_site: Site) -> bool:
    """Inside the toll's place: the same town (any part of it) or the toll's province."""
    if toll_site.level == 3:
        return True
    if toll_site.coarse:
        return event_site.region == toll_site.region
    return event_site.root == toll_site.root and (not toll_site.sub or sites_fit(event_site, toll_site))


def _victims_in(event: Event, toll: Toll) -> int:
    """The event's dead who belong to the toll's victim group (conservative figure)."""
    total = event.fatalities_low or 0
    victims = toll.victims or ""
    if victims.casefold() in UNSPECIFIED:
        return total
    if victims.casefold() == CIVILIANS:
        if event.victims.civilians is not None:
            return event.victims.civilians
        return total if event.actor2 == "Civilians" else 0
    return event.victims.per_side.get(victims, 0)
