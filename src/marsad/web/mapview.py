"""The map and the timeline as plain shapes that the templates draw as SVG."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Sequence

from ..records import Event
from .basemap import View, fit, outlines

# ACLED's six event types, one colour each (colour-blind-safe Okabe-Ito palette).
TYPE_COLOURS = {
    "Battles": "#D55E00",
    "Explosions/Remote violence": "#0072B2",
    "Violence against civilians": "#CC79A7",
    "Protests": "#009E73",
    "Riots": "#E69F00",
    "Strategic developments": "#56B4E9",
}
OTHER_COLOUR = "#777777"
PRECISION_NAMES = {1: "exact place", 2: "near / part of a named area", 3: "province level"}


def colour(event_type: str) -> str:
    return TYPE_COLOURS.get(event_type, OTHER_COLOUR)


@dataclass(frozen=True)
class Marker:
    event: Event
    x: float
    y: float
    r: float
    halo: float  # radius of the area the point may lie in (geo precision)
    colour: str
    precision: int
    label: str


@dataclass(frozen=True)
class MapModel:
    view: View
    countries: tuple[tuple[str, str], ...]
    markers: list[Marker]
    unplaced: int  # events without coordinates

    @property
    def viewbox(self) -> str:
        return f"0 0 {self.view.width:.4f} {self.view.height:.4f}"

    @property
    def stroke(self) -> float:
        return self.view.width / 700


def build_map(events: Sequence[Event]) -> MapModel:
    placed = [(e, e.geocode.place) for e in events
              if e.geocode and e.geocode.place is not None]
    view = fit([(p.latitude, p.longitude) for _, p in placed])
    unit = view.width / 160  # a marker of radius `unit` is readable at any zoom
    markers = []
    for event, place in sorted(placed, key=lambda ep: -(ep[0].fatalities_best or 0)):
        deaths = event.fatalities_best or 0
        precision = event.geocode.geo_precision
        markers.append(Marker(
            event=event, x=view.x(place.longitude), y=view.y(place.latitude),
            r=round(unit * (1 + math.sqrt(deaths) / 2), 5),
            halo=round(unit * {1: 0, 2: 3, 3: 6}.get(precision, 6), 5),
            colour=colour(event.event_type), precision=precision,
            label=f"{event.date.date or 'undated'} · {event.sub_event_type} · "
                  f"{place.name} · {deaths if event.fatalities_best is not None else '?'} killed"))
    return MapModel(view, outlines(view), markers, len(events) - len(placed))


@dataclass(frozen=True)
class Bar:
    start: dt.date
    label: str
    events: int
    fatalities: int
    x: float
    width: float
    h_events: float
    h_fatalities: float


def build_timeline(events: Sequence[Event], width: float = 900, height: float = 80) -> list[Bar]:
    """Events and fatalities per day (per week past 90 days, per month past two years)."""
    dated = [e for e in events if e.date.date]
    if not dated:
        return []
    first, last = min(e.date.date for e in dated), max(e.date.date for e in dated)
    span = (last - first).days
    bucket = _monthly if span > 730 else _weekly if span > 90 else (lambda d: d)
    counts: dict[dt.date, list[int]] = {}
    for event in dated:
        cell = counts.setdefault(bucket(event.date.date), [0, 0])
        cell[0] += 1
        cell[1] += event.fatalities_best or 0
    keys = sorted(counts)
    step = width / max(len(keys), 1)
    bar = min(max(step * 0.8, 1), 48)
    top_events = max(c[0] for c in counts.values()) or 1
    top_deaths = max(c[1] for c in counts.values()) or 1
    return [Bar(k, k.isoformat(), counts[k][0], counts[k][1],
                round(i * step + (step - bar) / 2, 2), round(bar, 2),
                round(height * counts[k][0] / top_events, 2),
                round(height * counts[k][1] / top_deaths, 2))
            for i, k in enumerate(keys)]


def _weekly(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _monthly(day: dt.date) -> dt.date:
    return day.replace(day=1)
