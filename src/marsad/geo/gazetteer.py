"""The gazetteer: places and their names in SQLite files, looked up by normalised key.

Two layers share one schema: the packaged layer, built at install time from the GeoNames data
of PyPI packages plus the conflict packs (read-only at run time), and the user layer, where
``marsad gazetteer import`` and ``marsad gazetteer add`` write. A user name may point at a
packaged place (an alternate name added by an ``alternateNamesV2`` import), so names are
joined to places by id across layers, the user layer's row winning.

Opening a layer costs a connection, not a load: lookups go through the SQLite indexes.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from ..errors import GazetteerError
from ..records import Place
from .normalise import name_key, skeleton

log = logging.getLogger(__name__)

SCHEMA_VERSION = "1"
SCHEMA = """
CREATE TABLE IF NOT EXISTS places (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, latitude REAL NOT NULL, longitude REAL NOT NULL,
    country TEXT NOT NULL DEFAULT '', admin1 TEXT NOT NULL DEFAULT '',
    admin2 TEXT NOT NULL DEFAULT '', admin1_code TEXT NOT NULL DEFAULT '',
    admin2_code TEXT NOT NULL DEFAULT '', kind TEXT NOT NULL DEFAULT '',
    population INTEGER NOT NULL DEFAULT 0, parent TEXT, source TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS names (
    key TEXT NOT NULL, skel TEXT NOT NULL, place_id TEXT NOT NULL, name TEXT NOT NULL,
    country TEXT NOT NULL DEFAULT '', UNIQUE (place_id, name)
);
CREATE INDEX IF NOT EXISTS names_key ON names (key);
CREATE INDEX IF NOT EXISTS names_skel ON names (skel);
CREATE INDEX IF NOT EXISTS names_country ON names (country);
CREATE INDEX IF NOT EXISTS places_admin ON places (country, kind, admin1_code, admin2_code);
CREATE TABLE IF NOT EXISTS admin_codes (code TEXT PRIMARY KEY, name TEXT NOT NULL,
                                        place_id TEXT);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
PLACE_COLUMNS = ("id", "name", "latitude", "longitude", "country", "admin1", "admin2",
                 "admin1_code", "admin2_code", "kind", "population", "parent", "source")
ADMIN_KINDS = frozenset({"country", "admin1", "admin2", "admin3"})


@dataclass(frozen=True)
class Entry:
    """A gazetteer place with the admin codes the geocoder compares (the record keeps names)."""

    place: Place
    admin1_code: str = ""
    admin2_code: str = ""
    source: str = ""  # "geonames", "pack:<file>", "user:<file>", ...

    @property
    def is_area(self) -> bool:
        return self.place.kind in ADMIN_KINDS


@dataclass(frozen=True)
class NameHit:
    """One name matched to one place."""

    entry: Entry
    name: str  # the gazetteer's spelling that matched


def connect(path: Path, *, create: bool = False) -> sqlite3.Connection:
    """Open a layer file; with ``create`` make it (and its schema) if absent."""
    if not create and not path.is_file():
        raise GazetteerError(f"no gazetteer at {path}; run `marsad gazetteer build` "
                             "or set MARSAD_GAZETTEER", path=str(path))
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(str(path), check_same_thread=False)
        if create:
            conn.executescript(SCHEMA)
        conn.execute("SELECT 1 FROM places LIMIT 1")
    except sqlite3.DatabaseError as exc:
        raise GazetteerError(f"{path} is not a marsad gazetteer ({exc}); delete it and run "
                             "`marsad gazetteer build`", path=str(path)) from None
    return conn


def _entry(row: Sequence) -> Entry:
    values = dict(zip(PLACE_COLUMNS, row))
    place = Place(id=values["id"], name=values["name"], latitude=values["latitude"],
                  longitude=values["longitude"], country=values["country"],
                  admin1=values["admin1"], admin2=values["admin2"], kind=values["kind"],
                  population=values["population"] or 0, parent=values["parent"])
    return Entry(place, values["admin1_code"], values["admin2_code"], values["source"])


class Gazetteer:
    """Read access to the packaged layer and (optionally) a user layer."""

    def __init__(self, path: Path | str, user_path: Path | str | None = None):
        self.path = Path(path)
        self.user_path = Path(user_path) if user_path else None
        self._layers: list[sqlite3.Connection] = []
        self.refresh()

    def refresh(self) -> None:
        """Reopen the layers and forget cached lookups (after an import or an add)."""
        self.close()
        if self.user_path is not None and self.user_path.is_file():
            self._layers.append(connect(self.user_path))
        self._layers.append(connect(self.path))
        self._entry = lru_cache(maxsize=65536)(self._load_entry)
        self._country_names = lru_cache(maxsize=64)(self._load_country_names)
        self.generation = getattr(self, "generation", 0) + 1

    def close(self) -> None:
        for conn in self._layers:
            conn.close()
        self._layers = []

    # --- lookups ----------------------------------------------------------------------

    def entry(self, place_id: str) -> Entry | None:
        return self._entry(place_id)

    def _load_entry(self, place_id: str) -> Entry | None:
        for conn in self._layers:
            row = conn.execute(f"SELECT {', '.join(PLACE_COLUMNS)} FROM places WHERE id = ?",
                               (place_id,)).fetchone()
            if row is not None:
                return _entry(row)
        return None

    def _hits(self, column: str, value: str) -> list[NameHit]:
        seen: dict[str, str] = {}
        for conn in self._layers:
            for place_id, name in conn.execute(
                    f"SELECT place_id, name FROM names WHERE {column} = ?", (value,)):
                seen.setdefault(place_id, name)
        hits = [NameHit(entry, name) for place_id, name in seen.items()
                if (entry := self.entry(place_id)) is not None]
        return hits

    def by_name(self, name: str) -> list[NameHit]:
        """Places whose normalised name equals the normalised ``name``."""
        key = name_key(name)
        return self._hits("key", key) if key else []

    def by_skeleton(self, name: str) -> list[NameHit]:
        """Places whose name has the same consonant skeleton (candidates for a fuzzy check)."""
        skel = skeleton(name_key(name))
        return self._hits("skel", skel) if len(skel) >= 3 else []

    def country_names(self, country: str) -> list[tuple[str, str, str]]:
        """(key, place_id, name) of every Latin-script name of a country, for fuzzy matching."""
        return self._country_names(country.upper())

    def _load_country_names(self, country: str) -> list[tuple[str, str, str]]:
        rows: list[tuple[str, str, str]] = []
        for conn in self._layers:
            rows.extend(conn.execute("SELECT key, place_id, name FROM names WHERE country = ?",
                                     (country,)))
        return [row for row in rows if row[0].isascii()]

    def area(self, country: str, kind: str, code: str = "") -> Entry | None:
        """The country (``kind="country"``) or the admin area with this GeoNames code."""
        column = {"country": None, "admin1": "admin1_code", "admin2": "admin2_code"}[kind]
        sql = "SELECT " + ", ".join(PLACE_COLUMNS) + " FROM places WHERE country = ? AND kind = ?"
        args: tuple = (country, kind)
        if column:
            sql, args = sql + f" AND {column} = ?", args + (code,)
        for conn in self._layers:
            row = conn.execute(sql, args).fetchone()
            if row is not None:
                return _entry(row)
        return None

    def admin_name(self, code: str) -> str:
        for conn in self._layers:
            row = conn.execute("SELECT name FROM admin_codes WHERE code = ?", (code,)).fetchone()
            if row is not None:
                return row[0]
        return ""

    def info(self) -> dict[str, object]:
        """Counts and build metadata per layer, for ``marsad gazetteer info``."""
        layers = []
        paths = ([self.user_path] if self.user_path and self.user_path.is_file() else [])
        for path, conn in zip(paths + [self.path], self._layers):
            meta = dict(conn.execute("SELECT key, value FROM meta"))
            kinds = dict(conn.execute("SELECT kind, count(*) FROM places GROUP BY kind"))
            names = conn.execute("SELECT count(*) FROM names").fetchone()[0]
            layers.append({"path": str(path), "places": sum(kinds.values()), "names": names,
                           "kinds": kinds, "meta": meta})
        return {"layers": layers}


def write_places(conn: sqlite3.Connection, rows: Iterable[dict]) -> int:
    """Insert (or replace) place rows: dicts with PLACE_COLUMNS keys (missing ones default)."""
    defaults = {c: "" for c in PLACE_COLUMNS} | {"population": 0, "parent": None}
    sql = (f"INSERT OR REPLACE INTO places ({', '.join(PLACE_COLUMNS)}) "
           f"VALUES ({', '.join('?' for _ in PLACE_COLUMNS)})")
    batch = [tuple((defaults | row)[c] for c in PLACE_COLUMNS) for row in rows]
    conn.executemany(sql, batch)
    return len(batch)


def write_names(conn: sqlite3.Connection, place_id: str, country: str,
                names: Iterable[str]) -> int:
    """Index a place's names under their keys; returns how many were new."""
    rows = []
    for name in dict.fromkeys(n.strip() for n in names if n and n.strip()):
        key = name_key(name)
        if key:
            rows.append((key, skeleton(key), place_id, name, country))
    before = conn.total_changes
    conn.executemany("INSERT OR IGNORE INTO names (key, skel, place_id, name, country) "
                     "VALUES (?, ?, ?, ?, ?)", rows)
    return conn.total_changes - before
