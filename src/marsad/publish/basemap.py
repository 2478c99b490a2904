"""Country outlines for maps, offline: Natural Earth boundaries shipped inside a PyPI package.

The ``pyogrio`` wheel (a marsad dependency) ships Natural Earth's 1:110m admin-0 countries
(public domain) as a test fixture. A small reader for the shapefile format (polygons and the
``name`` column) keeps the map free of GDAL calls, tile servers and downloads.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterator

from ..errors import MarsadError

Ring = tuple[tuple[float, float], ...]  # (lon, lat) points


class BasemapError(MarsadError):
    """The boundary file for the base map is missing or unreadable."""

    code = "M601"


@dataclass(frozen=True)
class Country:
    name: str
    iso_a3: str
    rings: tuple[Ring, ...]
    bbox: tuple[float, float, float, float]  # min lon, min lat, max lon, max lat

    def touches(self, bbox: tuple[float, float, float, float]) -> bool:
        return not (self.bbox[2] < bbox[0] or self.bbox[0] > bbox[2]
                    or self.bbox[3] < bbox[1] or self.bbox[1] > bbox[3])


def natural_earth_path() -> Path:
    """The Natural Earth low-resolution countries shapefile shipped in pyogrio's wheel."""
    try:
        root = resources.files("pyogrio")
    except ModuleNotFoundError:
        raise BasemapError("the base map needs the pyogrio package (it ships Natural Earth "
                           "country boundaries); run `pip install pyogrio`") from None
    path = Path(str(root)) / "tests" / "fixtures" / "naturalearth_lowres" / "naturalearth_lowres.shp"
    if not path.exists():
        raise BasemapError(f"no Natural Earth boundaries at {path}; reinstall pyogrio "
                           "(`pip install --force-reinstall pyogrio`)")
    return path


@lru_cache(maxsize=4)
def load_countries(path: Path | None = None) -> tuple[Country, ...]:
    """Every country of a polygon shapefile, with its name from the ``.dbf`` beside it."""
    path = path or natural_earth_path()
    try:
        shapes = _read_polygons(path.read_bytes())
        names = _read_dbf(path.with_suffix(".dbf").read_bytes(), ("name", "iso_a3"))
    except (OSError, struct.error) as exc:
        raise BasemapError(f"cannot read boundaries from {path}: {exc}") from None
    return tuple(Country(name=row.get("name", ""), iso_a3=row.get("iso_a3", ""), rings=rings,
                         bbox=bbox) for (rings, bbox), row in zip(shapes, names))


def countries_in(bbox: tuple[float, float, float, float], path: Path | None = None) -> list[Country]:
    return [c for c in load_countries(path) if c.touches(bbox)]


def _read_polygons(data: bytes) -> list[tuple[tuple[Ring, ...], tuple[float, float, float, float]]]:
    """Shapefile records of type 5 (polygon): bounding box and rings."""
    shapes = []
    for shape_type, content in shape_records(data):
        if shape_type != 5:  # null shape
            shapes.append(((), (0.0, 0.0, 0.0, 0.0)))
            continue
        bbox = struct.unpack("<4d", content[4:36])
        shapes.append((tuple(tuple(part) for part in shape_parts(content)), bbox))
    return shapes


def shape_records(data: bytes) -> Iterator[tuple[int, bytes]]:
    """Each record of a shapefile: its shape type and its content (ESRI white paper)."""
    offset = 100  # the file header
    while offset < len(data):
        _number, length = struct.unpack(">ii", data[offset:offset + 8])
        content = data[offset + 8:offset + 8 + 2 * length]
        offset += 8 + 2 * length
        yield struct.unpack("<i", content[:4])[0], content


def shape_parts(content: bytes) -> list[list[tuple[float, float]]]:
    """The parts of a polyline (type 3) or polygon (type 5) record, as (x, y) points."""
    parts_count, points_count = struct.unpack("<2i", content[36:44])
    parts = list(struct.unpack(f"<{parts_count}i", content[44:44 + 4 * parts_count]))
    start = 44 + 4 * parts_count
    coords = struct.unpack(f"<{2 * points_count}d", content[start:start + 16 * points_count])
    points = list(zip(coords[0::2], coords[1::2]))
    bounds = parts + [points_count]
    return [points[a:b] for a, b in zip(bounds, bounds[1:])]


def _read_dbf(data: bytes, wanted: tuple[str, ...]) -> list[dict[str, str]]:
    """dBase III records: a header of field descriptors, then fixed-width text records."""
    records_count, header_length, record_length = struct.unpack("<IHH", data[4:12])
    fields = []
    position = 32
    while data[position] != 0x0D:
        name = data[position:position + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[position + 16]))
        position += 32
    rows = []
    for index in range(records_count):
        start = header_length + index * record_length + 1  # skip the deletion flag
        row, cursor = {}, start
        for name, width in fields:
            if name in wanted:
                row[name] = data[cursor:cursor + width].decode("utf-8", "replace").strip()
            cursor += width
        rows.append(row)
    return rows
