"""A small gazetteer written for the tests: a few countries, provinces and towns, including
same-named places in different countries and provinces."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.geo import Gazetteer, Geocoder
from marsad.geo.paths import default_gazetteer_or_none
from marsad.geo.gazetteer import connect, write_names, write_places

# id, name, lat, lon, country, admin1_code, kind, population, extra names
PLACES = [
    ("gn:163843", "Syria", 35.0, 38.0, "SY", "", "country", 22_000_000, ["Syrian Arab Republic"]),
    ("gn:172957", "Ar Raqqah", 35.9, 38.9, "SY", "SY.04", "admin1", 0,
     ["Raqqa", "Raqqa Governorate", "الرقة"]),
    ("gn:170062", "Halab", 36.3, 37.4, "SY", "SY.09", "admin1", 0, ["Aleppo", "Aleppo Governorate"]),
    ("gn:170652", "Rif Dimashq", 33.5, 36.6, "SY", "SY.08", "admin1", 0,
     ["Damascus Countryside", "Rif Dimashq Governorate"]),
    ("gn:172955", "Ar Raqqah", 35.95283, 39.00788, "SY", "SY.04", "city", 531_952,
     ["Raqqa", "Rakka", "الرقة", "Ракка"]),
    ("gn:170063", "Aleppo", 36.20124, 37.16117, "SY", "SY.09", "city", 1_602_264,
     ["Halab", "حلب"]),
    ("gn:170654", "Darayya", 33.45806, 36.23556, "SY", "SY.08", "city", 78_000, ["Daraya", "Dārayyā"]),
    ("gn:170017", "Al Bab", 36.37051, 37.5157, "SY", "SY.09", "town", 63_000, ["el-Bab"]),
    ("gn:170018", "Al Hamra", 35.20, 37.10, "SY", "SY.09", "village", 0, []),
    ("gn:2", "Al Hamra", 33.00, 36.00, "LB", "", "village", 0, []),
    ("gn:3", "Al Hamra", 25.00, 55.00, "AE", "", "village", 0, []),
    ("gn:4", "Al Hamra", 24.00, 46.00, "SA", "", "village", 0, []),
    ("gn:5", "Tell Amir", 36.50, 37.00, "SY", "SY.09", "village", 0, []),
    ("gn:6", "Tell Amir", 35.80, 38.80, "SY", "SY.04", "village", 0, []),
    ("gn:7", "Khirbat Nasr", 36.10, 37.30, "SY", "SY.09", "village", 0, []),
    ("gn:8", "Khirbat Nasr", 36.40, 37.60, "SY", "SY.09", "village", 0, []),
    ("gn:2210247", "Tripoli", 32.88743, 13.18733, "LY", "LY.09", "city", 1_150_989,
     ["Tarabulus", "طرابلس"]),
    ("gn:266826", "Tripoli", 34.43667, 35.84972, "LB", "LB.03", "city", 229_398,
     ["Trablous", "طرابلس"]),
    ("gn:276781", "Beirut", 33.88894, 35.49442, "LB", "LB.04", "city", 1_916_100, ["Bayrut"]),
    ("gn:2216885", "Misratah", 32.37535, 15.09254, "LY", "LY.12", "city", 386_120, ["Misrata"]),
    ("pk:1", "Al-Daraiya", 35.946, 38.983, "SY", "SY.04", "neighbourhood", 0, ["Daraiya"]),
]


def write_small_gazetteer(path: Path) -> Path:
    conn = connect(path, create=True)
    with conn:
        for pid, name, lat, lon, cc, adm1, kind, pop, alts in PLACES:
            parent = "gn:172955" if pid == "pk:1" else None
            write_places(conn, [{"id": pid, "name": name, "latitude": lat, "longitude": lon,
                                 "country": cc, "admin1_code": adm1, "kind": kind,
                                 "population": pop, "parent": parent, "source": "test"}])
            write_names(conn, pid, cc, [name, *alts])
        conn.executemany("INSERT INTO admin_codes VALUES (?, ?, ?)",
                         [("SY.04", "Ar Raqqah", "gn:172957"), ("SY.09", "Halab", "gn:170062"),
                          ("SY.08", "Rif Dimashq", "gn:170652")])
    conn.close()
    return path


@pytest.fixture
def small_gazetteer_path(tmp_path) -> Path:
    return write_small_gazetteer(tmp_path / "small.sqlite")


@pytest.fixture
def gazetteer(small_gazetteer_path, tmp_path) -> Gazetteer:
    gaz = Gazetteer(small_gazetteer_path, tmp_path / "user.places.sqlite")
    yield gaz
    gaz.close()


@pytest.fixture
def geocoder(gazetteer) -> Geocoder:
    return Geocoder(gazetteer)


@pytest.fixture(scope="session")
def real_geocoder():
    """The installed gazetteer; the tests using it skip when it has not been built."""
    path = default_gazetteer_or_none()
    if path is None:
        pytest.skip("the packaged gazetteer is not built; run `marsad gazetteer build`")
    return Geocoder(Gazetteer(path))
