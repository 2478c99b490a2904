"""Conflict packs load and agree; a few checks against the real built gazetteer (skipped
when it has not been built)."""

import pytest

from marsad.geo import packs
from marsad.records import PlaceQuery


def test_every_pack_loads_with_a_source_and_known_kinds():
    files = packs.pack_files()
    assert len(files) >= 14
    for path in files:
        pack = packs.load_pack(path)
        assert pack["source"] and pack["places"], path
        names = [p["name"] for p in pack["places"]]
        assert len(names) == len(set(names)), f"{path}: duplicate names"


def test_real_gazetteer_resolves_pack_districts_and_spellings(real_geocoder):
    seed = real_geocoder.geocode(PlaceQuery(
        mention="the western Raqqa district of Al-Daraiya", country="SY"))
    assert seed.place.kind == "neighbourhood" and seed.geo_precision == 1
    for spelling in ("Deir Ezzor", "Dayr az Zawr", "Deir ez-Zor"):
        result = real_geocoder.geocode(PlaceQuery(mention=spelling, country="SY"))
        assert result.place.name == "Deir ez-Zor", spelling


@pytest.mark.parametrize("path", packs.pack_files(), ids=lambda p: p.name)
def test_real_gazetteer_knows_each_pack_city(real_geocoder, path):
    pack = packs.load_pack(path)
    result = real_geocoder.geocode(PlaceQuery(mention=pack["places"][0]["name"],
                                              parents=(pack["city"],), country=pack["country"]))
    assert result.geo_precision == 1 and result.place.country == pack["country"]


def test_a_subdivision_s_level_is_read_from_its_code_where_a_region_nests_above():
    from marsad.geo.build import _level
    # a governorate under a region (level 2 there) is first-level; its districts second
    assert _level(2, "IQ.08") == 1 and _level(3, "IQ.08.97269") == 2
    assert _level(1, "SY.04") == 1 and _level(2, "SY.04.163808") == 2 and _level(2, "") == 2
