"""Where the incidents of a gold file were put, apart from whether they matched (issue 14's
measures on the dev corpus):

- for each required incident, the best claim of its reports (same event type first, then a
  day within the gold's tolerance, then the nearest point) and whether that claim's point lies
  within the entry's ``distance_km``: a geocoding figure that typing and merging misses do not hide;
- the events coded at a country's centroid although their claims name a finer place (a town, a
  district): the text said more than the point does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from ..extract.countries import country_of
from ..geo import km_between
from ..records import Claim, Event

COUNTRY_WHERE_PREC = 6  # UCDP's where_prec of a point coded at the country


@dataclass
class Placing:
    placed: int = 0  # required incidents whose best claim lies within the entry's distance
    required: int = 0
    unplaced: list[str] = field(default_factory=list)  # "gold id: why" for the others
    at_country: list[str] = field(default_factory=list)  # "event id: the finer place named"

    @property
    def share(self) -> float:
        return self.placed / self.required if self.required else 0.0

    def as_dict(self) -> dict:
        return {"placed_within": f"{self.placed}/{self.required}",
                "placed_share": round(self.share, 3), "unplaced": self.unplaced,
                "country_centroid_events": len(self.at_country), "at_country": self.at_country}


def placing(gold, claims: dict[str, Claim], events: Sequence[Event]) -> Placing:
    """How well the claims of each required incident's reports were placed, and which events
    sit at a country's centroid while a claim names a finer place."""
    result = Placing()
    by_report: dict[str, list[Claim]] = {}
    for claim in claims.values():
        by_report.setdefault(claim.report_id, []).append(claim)
    for g in gold.events:
        if not g.required:
            continue
        result.required += 1
        mine = [c for r in g.reports for c in by_report.get(r, ())]
        limit = g.distance_km or gold.distance_km
        best = min(mine, key=lambda c: _rank(g, c, gold.date_days), default=None)
        km = _km(g, best) if best is not None else None
        if km is not None and km <= limit:
            result.placed += 1
        else:
            why = "no claim" if best is None else (
                f"not placed ({_named(best)})" if km is None else
                f"{km:.0f} km off at {best.geocode.place.name} ({_named(best)})")
            result.unplaced.append(f"{g.id}: {why}")
    for event in events:
        if event.geocode is None or event.geocode.where_prec < COUNTRY_WHERE_PREC:
            continue
        finer = next((c.place.mention for i in event.claim_ids if (c := claims.get(i))
                      and c.place is not None and not country_of(c.place.mention)), None)
        if finer is not None:
            result.at_country.append(f"{event.id[:8]}: {finer}")
    return result


def _rank(g, claim: Claim, tolerance: int) -> tuple:
    """Its event type first, then a day within the gold's tolerance, then the nearest point:
    a measure of placing, which a date read a day off should not hide."""
    day = claim.date.date
    off = g.days_off(day, tolerance) if day else None
    km = _km(g, claim)
    return (claim.event_type != g.event_type, off is None, km if km is not None else 1e9,
            off or 0, claim.id)


def _km(g, claim: Claim) -> float | None:
    place = claim.geocode.place if claim.geocode else None
    return km_between(g.latitude, g.longitude, place.latitude, place.longitude) if place else None


def _named(claim: Claim) -> str:
    return claim.place.mention if claim.place is not None else "no place named"
