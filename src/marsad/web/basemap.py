"""An offline base map: Natural Earth country outlines drawn as SVG paths.

The outlines are Natural Earth's countries as the publishing stage reads them
(``marsad.publish.basemap``, from data shipped in a PyPI package): no tile server, no network. The projection is equirectangular, scaled by cos(latitude) at the
view's centre, which is faithful enough at the scale of one conflict.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from ..errors import MarsadError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class View:
    """A box in longitude/latitude with its projection onto SVG user units."""

    west: float
    south: float
    east: float
    north: float

    @property
    def kx(self) -> float:
        return max(0.2, math.cos(math.radians((self.south + self.north) / 2)))

    def x(self, lon: float) -> float:
        return round((lon - self.west) * self.kx, 5)

    def y(self, lat: float) -> float:
        return round(self.north - lat, 5)

    @property
    def width(self) -> float:
        return (self.east - self.west) * self.kx

    @property
    def height(self) -> float:
        return self.north - self.south


def fit(points: Iterable[tuple[float, float]], pad: float = 0.25, min_span: float = 0.5) -> View:
    """The view that shows every (lat, lon) point with a margin; the Middle East if none."""
    pts = list(points)
    if not pts:
        return View(20.0, 5.0, 60.0, 45.0)
    lats = [p[0] for p in pts]
    lons = [p[1] for p in pts]
    south, north, west, east = min(lats), max(lats), min(lons), max(lons)
    span = max(north - south, east - west, min_span)
    cy, cx = (south + north) / 2, (west + east) / 2
    half = span * (0.5 + pad)
    return View(max(-180.0, cx - half * 1.4), max(-85.0, cy - half),
                min(180.0, cx + half * 1.4), min(85.0, cy + half))


@lru_cache(maxsize=64)
def outlines(view: View) -> tuple[tuple[str, str], ...]:
    """(country name, SVG path data) for the countries inside the view, in its user units.

    The outlines are the publishing stage's (``marsad.publish.basemap``); the SVG viewBox clips
    what lies outside the view.
    """
    from ..publish.basemap import countries_in

    try:
        countries = countries_in((view.west, view.south, view.east, view.north))
    except MarsadError as exc:
        log.warning("the map has no country outlines: %s", exc)
        return ()
    paths = []
    for country in countries:
        data = "".join(_ring(ring, view) for ring in country.rings if len(ring) >= 3)
        if data:
            paths.append((country.name, data))
    return tuple(paths)


def _ring(ring, view: View) -> str:
    points = " ".join(f"{view.x(lon):.3f},{view.y(lat):.3f}" for lon, lat in ring)
    return f"M{points}Z"
