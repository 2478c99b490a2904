"""The user layer: places a user imports or adds, kept in their own SQLite file.

``import_file`` recognises, by name and header:

* a GeoNames dump: a country file (``SY.txt``/``SY.zip``) or ``allCountries`` — 19 tab columns;
* ``alternateNamesV2`` (or ``alternateNames``): more names for places already known;
* ``admin2Codes``: the names of admin2 codes;
* an ACLED CSV (``location, admin1, admin2, latitude, longitude, geo_precision``) or a UCDP GED
  CSV (``where_coordinates, adm_1, adm_2, latitude, longitude, where_prec``): only rows coded
  at the exact place (ACLED geo_precision 1, UCDP where_prec 1) become places, since the others
  carry the point of a nearby or larger area.

An import is one transaction: a malformed line rolls it all back and raises
:class:`GazetteerError` naming the file, the line and the fix.
"""

from __future__ import annotations

import csv
import io
import logging
import sqlite3
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, TextIO

from ..errors import GazetteerError
from ..records import Place, content_id
from .gazetteer import Entry, Gazetteer, connect, write_names, write_places
from .normalise import name_key, parse_mention

log = logging.getLogger(__name__)

RowFilter = Callable[[dict], bool]
GEONAMES_COLUMNS = 19
SKIP_LANGUAGES = frozenset({"link", "post", "iata", "icao", "faac", "abbr", "wkdt", "unlc",
                            "fr_1793", "tcid"})


@dataclass(frozen=True)
class ImportReport:
    """What an import did."""

    path: str
    format: str
    places: int = 0
    names: int = 0
    skipped: int = 0  # rows read but not imported (imprecise, unknown place, other class)

    def summary(self) -> str:
        return (f"{self.path}: {self.format}: {self.places} places, {self.names} names added"
                + (f", {self.skipped} rows skipped" if self.skipped else ""))


@contextmanager
def _text(path: Path) -> Iterator[tuple[str, TextIO]]:
    """(member name, text stream) of a plain file or of the first .txt/.csv in a zip."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist()
                       if m.lower().endswith((".txt", ".csv")) and "readme" not in m.lower()]
            if not members:
                raise GazetteerError("zip holds no .txt or .csv file; give the GeoNames dump "
                                     "or dataset file itself", path=str(path))
            with archive.open(members[0]) as raw:
                yield members[0], io.TextIOWrapper(raw, encoding="utf-8", newline="")
        return
    with path.open(encoding="utf-8-sig", newline="") as handle:
        yield path.name, handle


def detect_format(member: str, first_line: str) -> str:
    lower = Path(member).name.lower()
    if lower.startswith("alternatenames"):
        return "geonames-alternate-names"
    if lower.startswith("admin2codes"):
        return "geonames-admin2-codes"
    header = {h.strip().lower() for h in next(csv.reader([first_line]), [])}
    if {"where_coordinates", "latitude", "longitude"} <= header:
        return "ucdp-ged"
    if {"location", "latitude", "longitude"} <= header:
        return "acled"
    if first_line.count("\t") == GEONAMES_COLUMNS - 1:
        return "geonames-dump"
    raise GazetteerError(
        f"{member}: cannot tell the format from its name or first line; expected a GeoNames "
        "dump (19 tab-separated columns), alternateNamesV2, admin2Codes, or an ACLED/UCDP GED "
        "CSV with latitude and longitude columns")


def import_file(path: Path | str, user_path: Path | str, gazetteer: Gazetteer, *,
                country: str = "", row_filter: RowFilter | None = None) -> ImportReport:
    """Import one file into the user layer at ``user_path``, all or nothing."""
    path, user_path = Path(path), Path(user_path)
    if not path.is_file():
        raise GazetteerError("no such file; check the path", path=str(path))
    with _text(path) as (member, handle):
        fmt = detect_format(member, handle.readline())
    importer_conn = connect(user_path, create=True)
    importer = _Importer(importer_conn, gazetteer, str(path), country.upper(), row_filter)
    try:
        with _text(path) as (_, handle), importer_conn:  # one transaction, all or nothing
            report = getattr(importer, fmt.replace("-", "_"))(enumerate(handle, start=1))
    finally:
        importer_conn.close()
    gazetteer.refresh()
    log.info("%s", report.summary())
    return report


class _Importer:
    """One method per format; each returns an ImportReport."""

    def __init__(self, conn: sqlite3.Connection, gazetteer: Gazetteer, path: str,
                 country: str, row_filter: RowFilter | None):
        self.conn, self.gazetteer, self.path = conn, gazetteer, path
        self.country, self.row_filter = country, row_filter
        self._admin1: dict[tuple[str, str], Entry | None] = {}

    def fail(self, line: int, message: str) -> GazetteerError:
        return GazetteerError(f"{message}; fix or delete the line and import again "
                              "(nothing was imported)", path=self.path, line=line)

    def number(self, line: int, text: str, what: str, low: float, high: float) -> float:
        try:
            value = float(text)
        except (TypeError, ValueError):
            raise self.fail(line, f"{what} {text!r} is not a number") from None
        if not low <= value <= high:
            raise self.fail(line, f"{what} {value} is outside {low}..{high}")
        return value

    # --- GeoNames ----------------------------------------------------------------------

    def geonames_dump(self, lines) -> ImportReport:
        places = names = skipped = 0
        for number, text in lines:
            cols = text.rstrip("\r\n").split("\t")
            if len(cols) != GEONAMES_COLUMNS:
                raise self.fail(number, f"{len(cols)} tab-separated columns, a GeoNames dump "
                                        f"line has {GEONAMES_COLUMNS}")
            row = self._geonames_row(number, cols)
            if row is None:
                skipped += 1
                continue
            places += write_places(self.conn, [row])
            alternates = [a for a in cols[3].split(",") if a]
            names += write_names(self.conn, row["id"], row["country"],
                                 [cols[1], cols[2], *alternates])
        return ImportReport(self.path, "GeoNames dump", places, names, skipped)

    def _geonames_row(self, number: int, cols: list[str]) -> dict | None:
        kind = _geonames_kind(cols[6], cols[7], cols[14])
        if kind is None:
            return None
        if not cols[0].isdigit():
            raise self.fail(number, f"geonameid {cols[0]!r} is not a number")
        country = cols[8]
        admin1_code = f"{country}.{cols[10]}" if cols[10] else ""
        admin2_code = f"{admin1_code}.{cols[11]}" if cols[11] and admin1_code else ""
        return {"id": f"gn:{cols[0]}", "name": cols[1],
                "latitude": self.number(number, cols[4], "latitude", -90, 90),
                "longitude": self.number(number, cols[5], "longitude", -180, 180),
                "country": country, "admin1_code": admin1_code, "admin2_code": admin2_code,
                "admin1": self.gazetteer.admin_name(admin1_code) if admin1_code else "",
                "admin2": self._admin2_name(admin2_code), "kind": kind,
                "population": int(cols[14] or 0), "source": f"user:{Path(self.path).name}"}

    def _admin2_name(self, code: str) -> str:
        if not code:
            return ""
        row = self.conn.execute("SELECT name FROM admin_codes WHERE code = ?", (code,)).fetchone()
        return row[0] if row else self.gazetteer.admin_name(code)

    def geonames_alternate_names(self, lines) -> ImportReport:
        names = skipped = 0
        for number, text in lines:
            cols = text.rstrip("\r\n").split("\t")
            if len(cols) < 4 or not cols[1].isdigit():
                raise self.fail(number, "not an alternateNames line (id, geonameid, language, "
                                        "name, ...)")
            if cols[2] in SKIP_LANGUAGES:
                skipped += 1
                continue
            place = self._known(f"gn:{cols[1]}")
            if place is None:
                skipped += 1  # a name for a place neither layer holds
                continue
            names += write_names(self.conn, *place, [cols[3]])
        return ImportReport(self.path, "GeoNames alternate names", 0, names, skipped)

    def _known(self, place_id: str) -> tuple[str, str] | None:
        """(id, country) of a place in this import's layer or the gazetteer, else None."""
        row = self.conn.execute("SELECT id, country FROM places WHERE id = ?",
                                (place_id,)).fetchone()
        if row is not None:
            return row
        entry = self.gazetteer.entry(place_id)
        return (entry.place.id, entry.place.country) if entry else None

    def geonames_admin2_codes(self, lines) -> ImportReport:
        rows = []
        for number, text in lines:
            cols = text.rstrip("\r\n").split("\t")
            if len(cols) < 2 or cols[0].count(".") != 2:
                raise self.fail(number, "not an admin2Codes line (CC.ADM1.ADM2, name, ...)")
            rows.append((cols[0], cols[1], f"gn:{cols[3]}" if len(cols) > 3 else None))
        self.conn.executemany("INSERT OR REPLACE INTO admin_codes VALUES (?, ?, ?)", rows)
        return ImportReport(self.path, "GeoNames admin2 codes", 0, len(rows), 0)

    # --- event datasets ------------------------------------------------------------------

    def ucdp_ged(self, lines) -> ImportReport:
        return self._dataset(lines, "UCDP GED", name="where_coordinates", admin1="adm_1",
                             admin2="adm_2", precision="where_prec")

    def acled(self, lines) -> ImportReport:
        return self._dataset(lines, "ACLED", name="location", admin1="admin1",
                             admin2="admin2", precision="geo_precision")

    def _dataset(self, lines, fmt: str, **columns: str) -> ImportReport:
        reader = csv.DictReader(text for _, text in lines)
        places: dict[str, tuple[dict, list[str]]] = {}
        skipped = 0
        for row in reader:
            number = reader.line_num
            if self.row_filter is not None and not self.row_filter(row):
                continue
            if (row.get(columns["precision"]) or "1").strip() != "1":
                skipped += 1  # coded at a nearby or larger area: not this place's point
                continue
            place = self._dataset_place(number, row, columns)
            if place is None:
                skipped += 1
                continue
            places.setdefault(place[0]["id"], place)
        names = 0
        for row, place_names in places.values():
            write_places(self.conn, [row])
            names += write_names(self.conn, row["id"], row["country"], place_names)
        return ImportReport(self.path, f"{fmt} CSV", len(places), names, skipped)

    def _dataset_place(self, number: int, row: dict, columns: dict) -> tuple[dict, list[str]] | None:
        raw = (row.get(columns["name"]) or "").strip()
        if not raw:
            raise self.fail(number, f"empty {columns['name']!r}")
        lat = self.number(number, row.get("latitude"), "latitude", -90, 90)
        lon = self.number(number, row.get("longitude"), "longitude", -180, 180)
        parsed = parse_mention(raw)
        if parsed.kind in ("admin1", "district", "region", "area", "countryside") or parsed.part_of:
            return None  # an area's representative point, not a place
        admin1_name = (row.get(columns["admin1"]) or "").strip()
        admin1 = self._resolve_admin1(admin1_name, self._row_country(row))
        country = admin1.place.country if admin1 else self._row_country(row)
        name = parsed.variants[0]
        place_row = {"id": "ds:" + content_id(country, name_key(name), round(lat, 4), round(lon, 4)),
                     "name": name, "latitude": lat, "longitude": lon, "country": country,
                     "admin1": admin1.place.name if admin1 else admin1_name,
                     "admin1_code": admin1.admin1_code if admin1 else "",
                     "admin2": (row.get(columns["admin2"]) or "").strip(),
                     "kind": parsed.kind or "village", "source": f"user:{Path(self.path).name}"}
        return place_row, [raw, *parsed.variants]

    def _row_country(self, row: dict) -> str:
        if self.country:
            return self.country
        named = (row.get("country") or "").strip()
        if len(named) == 2:
            return named.upper()
        hits = [h.entry for h in self.gazetteer.by_name(named) if h.entry.place.kind == "country"]
        return hits[0].place.country if hits else ""

    def _resolve_admin1(self, name: str, country: str) -> Entry | None:
        key = (name, country)
        if key not in self._admin1:
            core = parse_mention(name).core if name else ""
            hits = [h.entry for h in self.gazetteer.by_name(core) if h.entry.place.kind == "admin1"
                    and (not country or h.entry.place.country == country)] if core else []
            self._admin1[key] = hits[0] if len({h.place.country for h in hits}) == 1 else None
        return self._admin1[key]


def _geonames_kind(feature_class: str, code: str, population: str) -> str | None:
    """marsad's kind for a GeoNames feature, or None for features a geocoder should skip."""
    if feature_class == "P":
        if code == "PPLX":
            return "neighbourhood"
        people = int(population or 0)
        return "city" if people >= 100_000 else "town" if people >= 5_000 else "village"
    if feature_class == "A":
        return {"ADM1": "admin1", "ADM2": "admin2", "ADM3": "admin3", "PCLI": "country"}.get(code)
    if feature_class in ("S", "T"):
        return "landmark"
    if feature_class == "L":
        return "area"
    return None


def add_place(user_path: Path | str, gazetteer: Gazetteer, name: str, latitude: float,
              longitude: float, *, kind: str = "village", parent: str = "", country: str = "",
              alternate_names: tuple[str, ...] = ()) -> Place:
    """Add one place to the user layer (``marsad gazetteer add``); returns it."""
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise GazetteerError(f"latitude {latitude}, longitude {longitude} out of range; give "
                             "decimal degrees, latitude first")
    container = _container(gazetteer, parent, country) if parent else None
    if parent and container is None:
        raise GazetteerError(f"parent {parent!r} is not in the gazetteer"
                             + (f" for {country}" if country else "")
                             + "; check the spelling, or add the parent first")
    country = (country or (container.place.country if container else "")).upper()
    row = {"id": "u:" + content_id(name, country, round(latitude, 5), round(longitude, 5)),
           "name": name, "latitude": latitude, "longitude": longitude, "country": country,
           "kind": kind, "source": "user:add"}
    if container is not None:
        row |= {"parent": container.place.id, "admin1": container.place.admin1,
                "admin1_code": container.admin1_code, "admin2": container.place.admin2,
                "admin2_code": container.admin2_code}
    conn = connect(Path(user_path), create=True)
    with conn:
        write_places(conn, [row])
        write_names(conn, row["id"], country, [name, *alternate_names])
    conn.close()
    gazetteer.refresh()
    return gazetteer.entry(row["id"]).place


def _container(gazetteer: Gazetteer, name: str, country: str) -> Entry | None:
    """The most populous city/town (or else admin area) of that name: a new place's parent."""
    order = {"city": 0, "town": 1, "village": 2, "admin2": 3, "admin1": 4}
    hits = [h.entry for h in gazetteer.by_name(parse_mention(name).core)
            if h.entry.place.kind in order
            and (not country or h.entry.place.country == country.upper())]
    return min(hits, key=lambda e: (order[e.place.kind], -e.place.population), default=None)
