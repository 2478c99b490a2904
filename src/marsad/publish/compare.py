"""Agreement between marsad's (machine-coded) events and hand-coded ones (UCDP, ACLED).

Events are matched one to one, closest first (date, then distance), within a date window; when
both sides know which source text each event came from (a UCDP ``source_headline`` ingested as
a report), matching stays inside that text, as the UCDP README asks (set matching per headline).
For the matched pairs it reports agreement on dates, places (km), dyads and deaths.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

from ..errors import InputError
from ..geo.geocoder import km_between
from ..records import Event, Report
from . import ucdp
from .imports import _csv_rows, ucdp_event

WINDOW_DAYS = 1


@dataclass(frozen=True)
class HandCoded:
    """A hand-coded event and the source text it was coded from (normalised), if known."""

    event: Event
    source: str = ""


@dataclass(frozen=True)
class Agreement:
    hand: int
    machine: int
    matched: int
    date_exact: int  # machine date inside the hand-coded [start, end]
    date_mean_abs_days: float | None
    placed: int  # pairs where both have coordinates
    km_median: float | None
    within_10km: int
    within_50km: int
    dyad_both: int  # unordered pair of sides equal
    dyad_one: int  # at least one side equal
    deaths_hand: int  # sum of best over matched pairs
    deaths_machine: int
    deaths_exact: int  # machine best == hand best (no figure counts as 0)
    deaths_in_band: int  # machine best within hand [low, high]

    def lines(self) -> list[tuple[str, str]]:
        def share(n: int, of: int) -> str:
            return f"{n}/{of} ({n / of:.0%})" if of else "0/0"

        m = self.matched
        return [
            ("hand-coded events", str(self.hand)),
            ("machine-coded events", str(self.machine)),
            ("matched (recall of hand-coded)", share(m, self.hand)),
            ("matched (precision of machine)", share(m, self.machine)),
            ("dates: same day / within range", share(self.date_exact, m)),
            ("dates: mean difference (days)", _fmt(self.date_mean_abs_days)),
            ("places: pairs with coordinates", share(self.placed, m)),
            ("places: median distance (km)", _fmt(self.km_median)),
            ("places: within 10 km", share(self.within_10km, self.placed)),
            ("places: within 50 km", share(self.within_50km, self.placed)),
            ("dyads: both sides agree", share(self.dyad_both, m)),
            ("dyads: one side agrees", share(self.dyad_one, m)),
            ("deaths: same best figure", share(self.deaths_exact, m)),
            ("deaths: within hand-coded low-high", share(self.deaths_in_band, m)),
            ("deaths: total best, hand vs machine", f"{self.deaths_hand} vs {self.deaths_machine}"),
        ]


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}"


def normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def km(a: Event, b: Event) -> float | None:
    pa = a.geocode.place if a.geocode and a.geocode.place else None
    pb = b.geocode.place if b.geocode and b.geocode.place else None
    if pa is None or pb is None:
        return None
    return km_between(pa.latitude, pa.longitude, pb.latitude, pb.longitude)


def _days_off(machine: Event, hand: Event) -> int | None:
    day = machine.date.date
    start = hand.date.start or hand.date.date
    end = hand.date.end or hand.date.date
    if day is None or start is None:
        return None
    if start <= day <= (end or start):
        return 0
    return min(abs((day - start).days), abs((day - (end or start)).days))


def match(machine: Sequence[Event], hand: Sequence[HandCoded],
          machine_sources: Mapping[str, set[str]] | None = None,
          window: int = WINDOW_DAYS) -> list[tuple[Event, HandCoded]]:
    """One-to-one pairs, closest first: fewest days apart, then nearest."""
    candidates = []
    for h_index, h in enumerate(hand):
        for m_index, m in enumerate(machine):
            if machine_sources is not None and h.source and h.source not in machine_sources.get(m.id, set()):
                continue
            days = _days_off(m, h.event)
            if days is None or days > window:
                continue
            distance = km(m, h.event)
            candidates.append((days, distance if distance is not None else 1e6, h_index, m_index))
    pairs, used_h, used_m = [], set(), set()
    for _, _, h_index, m_index in sorted(candidates):
        if h_index in used_h or m_index in used_m:
            continue
        used_h.add(h_index)
        used_m.add(m_index)
        pairs.append((machine[m_index], hand[h_index]))
    return pairs


def _sides(event: Event) -> set[str]:
    return {a for a in (event.actor1, event.actor2) if a}


def agreement(machine: Sequence[Event], hand: Sequence[HandCoded],
              machine_sources: Mapping[str, set[str]] | None = None) -> Agreement:
    pairs = match(machine, hand, machine_sources)
    days = [_days_off(m, h.event) for m, h in pairs]
    distances = [d for d in (km(m, h.event) for m, h in pairs) if d is not None]
    in_band = exact = 0
    for m, h in pairs:
        best = m.fatalities_best or 0
        exact += best == (h.event.fatalities_best or 0)
        low = h.event.fatalities_low if h.event.fatalities_low is not None else 0
        high = h.event.fatalities_high if h.event.fatalities_high is not None else low
        in_band += low <= best <= max(high, low)
    return Agreement(
        hand=len(hand), machine=len(machine), matched=len(pairs),
        date_exact=sum(1 for d in days if d == 0),
        date_mean_abs_days=statistics.fmean(d for d in days if d is not None) if days else None,
        placed=len(distances), km_median=statistics.median(distances) if distances else None,
        within_10km=sum(d <= 10 for d in distances), within_50km=sum(d <= 50 for d in distances),
        dyad_both=sum(_sides(m) == _sides(h.event) and len(_sides(m)) == 2 for m, h in pairs),
        dyad_one=sum(bool(_sides(m) & _sides(h.event)) for m, h in pairs),
        deaths_hand=sum(h.event.fatalities_best or 0 for _, h in pairs),
        deaths_machine=sum(m.fatalities_best or 0 for m, _ in pairs),
        deaths_exact=exact, deaths_in_band=in_band)


# -- UCDP files ---------------------------------------------------------------------------------


def read_ucdp(path: Path, data_dir: str | None = None) -> list[tuple[dict, Event]]:
    """The rows of a UCDP GED CSV with each as an event in marsad's names."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"cannot read the UCDP file: {exc}", path=str(path)) from None
    names = ucdp.actor_names(data_dir or None)
    found = []
    for line, row in _csv_rows(text, path, required=("id", "date_start", "side_a", "best",
                                                     "source_headline")):
        try:
            found.append((row, ucdp_event(row, names)))
        except (ValueError, KeyError) as exc:
            raise InputError(f"cannot read this UCDP row ({exc})", path=str(path),
                             line=line) from None
    return found


def first_headlines(rows: Sequence[dict], limit: int) -> list[dict]:
    """The rows of the first ``limit`` distinct headlines, in file order."""
    chosen: list[str] = []
    for row in rows:
        if row["source_headline"] not in chosen:
            if len(chosen) >= limit:
                break
            chosen.append(row["source_headline"])
    wanted = set(chosen)
    return [r for r in rows if r["source_headline"] in wanted]


def headline_reports(rows: Sequence[dict]) -> list[Report]:
    """One report per distinct headline, dated by its first source date (else date_start);
    what `marsad compare --ucdp FILE --ingest-headlines N` ingests."""
    from ..ingest import Defaults
    from ..ingest.readers import build_report

    seen: dict[str, Report] = {}
    for row in rows:
        headline = row["source_headline"]
        if headline in seen or not headline.strip():
            continue
        dates = [d.strip() for d in row.get("source_date", "").split(";") if d.strip()]
        published = _iso(dates[0]) if dates else None
        published = published or _iso(row["date_start"])
        seen[headline] = build_report(headline, Defaults(), title=headline, published=published,
                                      outlet=row.get("source_office", "").split(";")[0],
                                      external_id=f"ucdp:{row['id']}", source_path="ucdp-headlines")
    return list(seen.values())


def _iso(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def as_csv(result: Agreement) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["measure", "value"])
    writer.writerows(result.lines())
    return buffer.getvalue()
