"""Scoring against UCDP GED rows, with each source headline as a (weak) report.

Many GED rows share one headline (round-ups), so the rows are grouped by headline and the
events marsad extracts from a headline are matched, as a set, against that group: date within
the row's [date_start, date_end] (plus the tolerance), the dyad as an unordered pair mapped to
marsad's actor names, the point by distance, and ``best`` deaths.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from ..errors import EvalError
from ..ingest.readers import build_report
from ..records import Event, Report
from ..geo.geocoder import km_between
from ..publish.ucdp import actor_names

@dataclass(frozen=True)
class GedRow:
    id: str
    headline: str
    date_start: dt.date
    date_end: dt.date
    side_a: str
    side_b: str
    latitude: float
    longitude: float
    where_prec: int
    best: int


@dataclass
class UcdpScore:
    headlines: int = 0
    gold_rows: int = 0
    system_events: int = 0
    matched: int = 0
    dates_right: int = 0
    dyads_right: int = 0
    within_25km: int = 0
    deaths_right: int = 0
    per_headline: list[tuple[int, int]] = field(default_factory=list)  # (UCDP rows, marsad events)

    def as_dict(self) -> dict[str, Any]:
        precision = self.matched / self.system_events if self.system_events else 0.0
        recall = self.matched / self.gold_rows if self.gold_rows else 0.0
        same = sum(1 for g, s in self.per_headline if g == s)
        return {
            "headlines": self.headlines, "ucdp_events": self.gold_rows,
            "marsad_events": self.system_events, "matched": self.matched,
            "precision": round(precision, 3), "recall": round(recall, 3),
            "dates_right": self._share(self.dates_right), "dyads_right": self._share(self.dyads_right),
            "within_25km": self._share(self.within_25km), "deaths_right": self._share(self.deaths_right),
            "headlines_with_same_event_count": same,
            "ucdp_events_per_headline": round(self.gold_rows / self.headlines, 2) if self.headlines else 0,
            "marsad_events_per_headline": round(self.system_events / self.headlines, 2) if self.headlines else 0,
        }

    def _share(self, n: int) -> float:
        return round(n / self.matched, 3) if self.matched else 0.0


def read_ged(path: Path, limit: int | None = None) -> dict[str, list[GedRow]]:
    """GED rows grouped by headline, in file order; ``limit`` caps the number of headlines."""
    groups: dict[str, list[GedRow]] = defaultdict(list)
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                headline = (row.get("source_headline") or "").strip()
                if not headline:
                    continue
                if limit is not None and headline not in groups and len(groups) >= limit:
                    continue
                groups[headline].append(_row(row, path, line))
    except OSError as exc:
        raise EvalError(f"cannot read the UCDP file ({exc})", path=str(path)) from None
    return dict(groups)


def _row(row: dict, path: Path, line: int) -> GedRow:
    try:
        return GedRow(id=row["id"], headline=row["source_headline"].strip(),
                      date_start=dt.date.fromisoformat(row["date_start"]),
                      date_end=dt.date.fromisoformat(row["date_end"]),
                      side_a=row["side_a"], side_b=row["side_b"],
                      latitude=float(row["latitude"]), longitude=float(row["longitude"]),
                      where_prec=int(row["where_prec"]), best=int(row["best"]))
    except (KeyError, ValueError) as exc:
        raise EvalError(f"not a UCDP GED row ({exc}); the file needs GED columns",
                        path=str(path), line=line) from None


def headline_reports(groups: dict[str, list[GedRow]]) -> list[Report]:
    from ..ingest import Defaults

    reports = []
    for headline, rows in groups.items():
        published = min(r.date_start for r in rows)
        reports.append(build_report(headline, Defaults(), title=headline, published=published,
                                    outlet="UCDP headline", source_path=f"ucdp:{rows[0].id}"))
    return reports


def _dyad(row: GedRow) -> set[str]:
    """Both sides in marsad's names, every member of a coalition (publish's UCDP name table)."""
    names = actor_names()
    return {names.to_marsad(member) for side in (row.side_a, row.side_b)
            for member in side.split(",") if member.strip()}


def score_headlines(groups: dict[str, list[GedRow]], events_by_headline: dict[str, list[Event]],
                    date_days: int = 1, distance_km: float = 50.0) -> UcdpScore:
    result = UcdpScore(headlines=len(groups))
    for headline, rows in groups.items():
        events = events_by_headline.get(headline, [])
        result.gold_rows += len(rows)
        result.system_events += len(events)
        result.per_headline.append((len(rows), len(events)))
        _match_group(rows, events, result, date_days, distance_km)
    return result


def _match_group(rows: Sequence[GedRow], events: Sequence[Event], result: UcdpScore,
                 date_days: int, distance_km: float) -> None:
    free = list(events)
    for row in rows:
        best, best_key = None, None
        for event in free:
            key = _closeness(row, event, date_days, distance_km)
            if key is not None and (best_key is None or key < best_key):
                best, best_key = event, key
        if best is None:
            continue
        free.remove(best)
        result.matched += 1
        days_off, km, dyad_off = best_key
        result.dates_right += days_off == 0
        result.dyads_right += not dyad_off
        result.within_25km += km <= 25
        result.deaths_right += (best.fatalities_best or 0) == row.best


def _closeness(row: GedRow, event: Event, date_days: int, distance_km: float):
    if event.date.date is None or not (event.geocode and event.geocode.place):
        return None
    date = event.date.date
    low, high = row.date_start - dt.timedelta(days=date_days), row.date_end + dt.timedelta(days=date_days)
    if not low <= date <= high:
        return None
    place = event.geocode.place
    km = km_between(row.latitude, row.longitude, place.latitude, place.longitude)
    if km > distance_km:
        return None
    days_off = 0 if row.date_start <= date <= row.date_end else 1
    dyad_off = {event.actor1, event.actor2} != _dyad(row)
    return (days_off, round(km, 1), dyad_off)


def render(result: UcdpScore) -> str:
    d = result.as_dict()
    return "\n".join([
        f"UCDP headlines: {d['headlines']}; UCDP events {d['ucdp_events']} "
        f"({d['ucdp_events_per_headline']} per headline), marsad events {d['marsad_events']} "
        f"({d['marsad_events_per_headline']} per headline); same count on "
        f"{d['headlines_with_same_event_count']} headlines",
        f"matched {d['matched']}: precision {d['precision']:.3f}, recall {d['recall']:.3f}",
        f"among matched: date right {d['dates_right']:.2f}, dyad right {d['dyads_right']:.2f}, "
        f"within 25 km {d['within_25km']:.2f}, best deaths right {d['deaths_right']:.2f}",
    ])
