"""The map and the timeline: plain shapes that the templates draw as SVG (the page without a
script), the events that the zoomable map draws (Leaflet, served from the package), and the
boundaries it asks for by bounding box."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
import gzip
import json
from typing import Sequence

from fastapi import APIRouter, Query, Request, Response

from ..records import Event
from .basemap import View, fit, outlines
from .boundaries import boundaries
from .errors import BadRequest

router = APIRouter()

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
# The ring drawn around an event on the zoomable map: how far from its point it may have
# happened (a district or the area near a town; a province), in metres.
PRECISION_RADIUS_M = {1: 0, 2: 10_000, 3: 60_000}


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

    @property
    def points(self) -> list[dict]:
        """What the zoomable map draws of each event: no more than the SVG map shows."""
        return [{"id": m.event.id, "lat": m.event.geocode.place.latitude,
                 "lon": m.event.geocode.place.longitude, "colour": m.colour,
                 "precision": m.precision, "ring_m": PRECISION_RADIUS_M.get(m.precision, 60_000),
                 "deaths": m.event.fatalities_best, "label": m.label,
                 "precision_name": PRECISION_NAMES.get(m.precision, "")}
                for m in self.markers]


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


@router.get("/api/boundaries", include_in_schema=False)
def boundaries_endpoint(request: Request, bbox: str = Query(..., max_length=100),
                        zoom: int = Query(..., ge=0, le=30)):
    """Natural Earth 1:10m countries and admin-1 lines in ``bbox`` (W,S,E,N degrees) at
    ``zoom``, as GeoJSON; public (boundaries are no one's data), cached by browsers."""
    body = json.dumps(boundaries(parse_bbox(bbox), zoom), separators=(",", ":")).encode()
    headers = {"Cache-Control": "public, max-age=86400", "Vary": "Accept-Encoding"}
    if "gzip" in request.headers.get("accept-encoding", ""):
        body = gzip.compress(body, compresslevel=5, mtime=0)
        headers["Content-Encoding"] = "gzip"
    return Response(body, media_type="application/geo+json", headers=headers)


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """``W,S,E,N`` in degrees, west < east, south < north, inside the world."""
    try:
        west, south, east, north = (float(part) for part in text.split(","))
    except ValueError:
        raise BadRequest("bbox must be four numbers W,S,E,N in degrees, e.g. "
                         "bbox=35.5,32.3,42.4,37.3") from None
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        raise BadRequest("bbox must be finite numbers W,S,E,N in degrees")
    west, east = max(west, -180.0), min(east, 180.0)
    south, north = max(south, -90.0), min(north, 90.0)
    if not (west < east and south < north):
        raise BadRequest("bbox must be W,S,E,N with west < east and south < north, inside "
                         "-180..180 and -90..90")
    return west, south, east, north


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
