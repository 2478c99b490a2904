"""Boundaries for the zoomable map, served as GeoJSON by bounding box and zoom.

Natural Earth 1:10m countries and admin-1 boundaries, pre-simplified for four zoom bands and
shipped in the package (``web/static/basemap/``; built by :mod:`marsad.web.boundaries_build`
from registry packages, see DATA.md). Nothing is fetched at run time and there is no tile
server: the browser asks ``/api/boundaries?bbox=W,S,E,N&zoom=Z`` for what its view shows.
"""

from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import MarsadError

QUANTUM = 0.001  # degrees per stored integer unit
BASEMAP_DIR = Path(__file__).parent / "static" / "basemap"
MAX_ZOOM = 18


class BoundariesError(MarsadError):
    """The map's boundary files are missing or unreadable."""

    code = "M604"


@dataclass(frozen=True)
class Level:
    number: int
    min_zoom: int  # the first map zoom (Leaflet's, 256-pixel tiles) this level serves
    tolerance: float  # degrees: about one pixel at min_zoom


LEVELS = (Level(0, 0, 0.1), Level(1, 5, 0.01), Level(2, 8, 0.001))
ADMIN1_MIN_ZOOM = 5  # admin-1 lines from this zoom on: at a world view they are clutter


def level_for(zoom: int) -> Level:
    return [level for level in LEVELS if level.min_zoom <= zoom][-1]


def level_path(number: int, directory: Path | None = None) -> Path:
    return (directory or BASEMAP_DIR) / f"boundaries-{number}.json.gz"


@lru_cache(maxsize=len(LEVELS))
def load_level(number: int, directory: Path | None = None) -> dict:
    path = level_path(number, directory)
    try:
        return json.loads(gzip.decompress(path.read_bytes()))
    except (OSError, ValueError) as exc:
        raise BoundariesError(f"cannot read the map's boundaries from {path}: {exc}; reinstall "
                              "marsad (`pip install --force-reinstall marsad`)") from None


def decode(flat: list[int]) -> list[list[float]]:
    """Integer deltas back to [lon, lat] pairs."""
    points, x, y = [], 0, 0
    for i in range(0, len(flat) - 1, 2):
        x, y = x + flat[i], y + flat[i + 1]
        points.append([round(x * QUANTUM, 3), round(y * QUANTUM, 3)])
    return points


def snap(bbox: tuple[float, float, float, float], zoom: int) -> tuple[float, float, float, float]:
    """The bbox grown to whole tiles of the zoom and clamped to the world, so that nearby
    views share one cached answer."""
    step = 360 / 2 ** zoom
    west, south, east, north = bbox
    return (max(-180.0, math.floor(west / step) * step), max(-90.0, math.floor(south / step) * step),
            min(180.0, math.ceil(east / step) * step), min(90.0, math.ceil(north / step) * step))


def boundaries(bbox: tuple[float, float, float, float], zoom: int,
               directory: Path | None = None) -> dict:
    """A GeoJSON FeatureCollection of what lies in ``bbox`` at ``zoom``: country polygons cut
    to the (snapped) box, and border lines (``kind`` country or admin1) that cross it."""
    zoom = max(0, min(MAX_ZOOM, int(zoom), fitting_zoom(bbox)))
    return _boundaries(snap(bbox, zoom), level_for(zoom).number, directory)


def fitting_zoom(bbox: tuple[float, float, float, float], tiles: int = 16) -> int:
    """The finest zoom at which the box spans at most ``tiles`` tiles: a box far larger than
    a screen is answered at a coarser level, never with megabytes of detail."""
    span = max(bbox[2] - bbox[0], (bbox[3] - bbox[1]) * 2, 1e-6)
    return max(0, int(math.floor(math.log2(tiles * 360 / span))))


@lru_cache(maxsize=256)
def _boundaries(box: tuple[float, float, float, float], number: int,
                directory: Path | None) -> dict:
    level = load_level(number, directory)
    arcs = _ArcCache(level["arcs"])
    features = []
    for country in level["countries"]:
        if not _touches(country["bbox"], box):
            continue
        polygons = [rings for rings in (_clip_polygon([arcs.ring(r) for r in polygon], box)
                                        for polygon in country["polygons"]) if rings]
        if polygons:
            features.append(_feature({"kind": "land", "name": country["name"]},
                                     "MultiPolygon", polygons))
    for kind, lines in (("country", level["arcs"]), ("admin1", level["admin1"])):
        for line in lines:
            if _touches(line["bbox"], box):
                for run in _clip_line(decode(line["coords"]), box):
                    features.append(_feature({"kind": kind}, "LineString", run))
    return {"type": "FeatureCollection", "bbox": list(box), "level": number,
            "features": features}


def _feature(properties: dict, kind: str, coordinates: list) -> dict:
    return {"type": "Feature", "properties": properties,
            "geometry": {"type": kind, "coordinates": coordinates}}


class _ArcCache:
    """Arcs decoded once per answer; a TopoJSON ring joins them (~i is arc i reversed)."""

    def __init__(self, arcs: list[dict]):
        self.arcs = arcs
        self.decoded: dict[int, list[list[float]]] = {}

    def arc(self, index: int) -> list[list[float]]:
        if index not in self.decoded:
            self.decoded[index] = decode(self.arcs[index]["coords"])
        return self.decoded[index]

    def ring(self, indexes: list[int]) -> list[list[float]]:
        ring: list[list[float]] = []
        for index in indexes:
            arc = self.arc(index) if index >= 0 else self.arc(~index)[::-1]
            ring += arc[1:] if ring else arc
        return ring


def _clip_line(points: list[list[float]], box) -> list[list[list[float]]]:
    """The runs of a line whose segments touch the box (each with the segment that leaves
    it), so a long coast sends only what the view shows."""
    runs, run = [], []
    for a, b in zip(points, points[1:]):
        segment = [min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])]
        if _touches(segment, box):
            run = run or [a]
            run.append(b)
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return runs


def _touches(bbox: list[float], box: tuple[float, float, float, float]) -> bool:
    return not (bbox[2] < box[0] or bbox[0] > box[2] or bbox[3] < box[1] or bbox[1] > box[3])


def _clip_polygon(rings: list[list[list[float]]], box) -> list[list[list[float]]]:
    """The polygon's rings cut to the box (an outer ring that falls outside drops the
    polygon); drawn filled without a stroke, so the cut edges never show."""
    clipped = []
    for index, points in enumerate(rings):
        if len(points) > 1 and points[0] == points[-1]:
            points = points[:-1]
        ring = _clip_ring(points, box)
        if len(ring) < 3:
            if index == 0:
                return []
            continue
        clipped.append(ring + [ring[0]])
    return clipped


def _clip_ring(ring: list[list[float]], box) -> list[list[float]]:
    """Sutherland-Hodgman against each side of the box in turn."""
    west, south, east, north = box
    for inside, cross in ((lambda p: p[0] >= west, lambda a, b: _at_x(a, b, west)),
                          (lambda p: p[0] <= east, lambda a, b: _at_x(a, b, east)),
                          (lambda p: p[1] >= south, lambda a, b: _at_y(a, b, south)),
                          (lambda p: p[1] <= north, lambda a, b: _at_y(a, b, north))):
        if not ring:
            break
        out = []
        previous = ring[-1]
        for point in ring:
            if inside(point):
                if not inside(previous):
                    out.append(cross(previous, point))
                out.append(point)
            elif inside(previous):
                out.append(cross(previous, point))
            previous = point
        ring = out
    return ring


def _at_x(a, b, x: float) -> list[float]:
    t = (x - a[0]) / (b[0] - a[0])
    return [x, round(a[1] + t * (b[1] - a[1]), 4)]


def _at_y(a, b, y: float) -> list[float]:
    t = (y - a[1]) / (b[1] - a[1])
    return [round(a[0] + t * (b[0] - a[0]), 4), y]
