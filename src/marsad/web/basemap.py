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


ASPECT = 2.0  # width : height of the map, in projected units and on the page (CSS)


def fit(points: Iterable[tuple[float, float]], pad: float = 0.25, min_span: float = 0.5) -> View:
    """The view that shows every (lat, lon) point with a margin, at :data:`ASPECT`; the Middle
    East if there are none."""
    pts = list(points)
    if not pts:
        pts = [(5.0, 20.0), (45.0, 60.0)]
    lats = [p[0] for p in pts]
    lons = [p[1] for p in pts]
    cy, cx = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
    kx = max(0.2, math.cos(math.radians(cy)))
    half_h = max(max(lats) - min(lats), min_span) * (0.5 + pad)
    half_w = max((max(lons) - min(lons)) * kx, min_span) * (0.5 + pad)
    half_h = max(half_h, half_w / ASPECT)  # grow the short side to the page's shape
    half_w = half_h * ASPECT / kx  # in degrees of longitude
    return View(cx - half_w, cy - half_h, cx + half_w, cy + half_h)


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
