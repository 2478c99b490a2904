"""Conflict packs: districts, neighbourhoods and landmarks of the cities marsad ships for.

Each pack is a YAML file under ``marsad/data/places/`` (users add their own under
``<data_dir>/places/``)::

    city: Raqqa            # the GeoNames city the places lie in (resolved at build time)
    country: SY
    source: "..."          # where the facts come from
    places:
      - {name: Al-Mishlab, alt: [Mishlab], kind: neighbourhood, lat: 35.944, lon: 39.046}

A place inherits the city's admin1/admin2 and gets the city as ``parent``.
"""

from __future__ import annotations

import sqlite3
from importlib import resources
from pathlib import Path
from typing import Iterator

import yaml

from ..errors import DataFileError
from ..records import content_id
from .normalise import name_key

PACK_KINDS = frozenset({"district", "neighbourhood", "landmark", "camp", "village", "town",
                        "admin3", "area"})


def pack_dir() -> Path:
    return Path(str(resources.files("marsad") / "data" / "places"))


def pack_files(extra_dir: Path | None = None) -> list[Path]:
    dirs = [pack_dir()] + ([extra_dir] if extra_dir else [])
    return sorted(p for d in dirs if d.is_dir() for p in d.glob("*.yaml"))


def load_pack(path: Path) -> dict:
    """Read and check one pack file; errors name the file and the entry to fix."""
    try:
        pack = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise DataFileError(f"not valid YAML ({exc}); fix the syntax", path=str(path),
                            line=None if line is None else line + 1) from None
    for key in ("city", "country", "source", "places"):
        if not isinstance(pack, dict) or key not in pack:
            raise DataFileError(f"missing top-level key {key!r}; see the format in "
                                "marsad/geo/packs.py", path=str(path))
    for number, place in enumerate(pack["places"], start=1):
        _check_place(path, number, place)
    return pack


def _check_place(path: Path, number: int, place: object) -> None:
    where = f"place #{number}"
    if not isinstance(place, dict) or not {"name", "lat", "lon", "kind"} <= set(place):
        raise DataFileError(f"{where} needs name, kind, lat and lon", path=str(path))
    if place["kind"] not in PACK_KINDS:
        raise DataFileError(f"{where} ({place['name']}): kind {place['kind']!r} is not one of "
                            f"{sorted(PACK_KINDS)}", path=str(path))
    if not (-90 <= float(place["lat"]) <= 90 and -180 <= float(place["lon"]) <= 180):
        raise DataFileError(f"{where} ({place['name']}): lat/lon out of range", path=str(path))


def _city(conn: sqlite3.Connection, name: str, country: str) -> dict | None:
    """The most populous populated place of that name in that country."""
    row = conn.execute(
        "SELECT p.id, p.admin1, p.admin1_code, p.admin2, p.admin2_code FROM names n "
        "JOIN places p ON p.id = n.place_id WHERE n.key = ? AND p.country = ? "
        "AND p.kind IN ('city', 'town', 'village') ORDER BY p.population DESC LIMIT 1",
        (name_key(name), country)).fetchone()
    if row is None:
        return None
    return dict(zip(("parent", "admin1", "admin1_code", "admin2", "admin2_code"), row))


def pack_rows(conn: sqlite3.Connection,
              extra_dir: Path | None = None) -> Iterator[tuple[dict, list[str]]]:
    """(place row, names) for every pack place, linked to its city already in ``conn``."""
    for path in pack_files(extra_dir):
        pack = load_pack(path)
        city = _city(conn, pack["city"], pack["country"])
        if city is None:
            raise DataFileError(f"city {pack['city']!r} is not in the gazetteer for "
                                f"{pack['country']}; use its GeoNames name", path=str(path))
        for place in pack["places"]:
            row = {"id": "pk:" + content_id(pack["country"], pack["city"], place["name"]),
                   "name": place["name"], "latitude": float(place["lat"]),
                   "longitude": float(place["lon"]), "country": pack["country"],
                   "kind": place["kind"], "source": f"pack:{path.name}", **city}
            yield row, [place["name"], *place.get("alt", ())]
