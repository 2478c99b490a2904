from marsad.geo import distance_km, parse_mention
from marsad.records import PlaceQuery


def q(mention, **kw):
    return PlaceQuery(mention=mention, **kw)


def test_exact_place_gets_precision_one(geocoder):
    result = geocoder.geocode(q("Aleppo town", country="SY"))
    assert result.place.id == "gn:170063"
    assert (result.geo_precision, result.where_prec) == (1, 1)


def test_country_chooses_between_same_named_cities(geocoder):
    assert geocoder.geocode(q("Tripoli", country="LB")).place.country == "LB"
    assert geocoder.geocode(q("Tripoli", country="LY")).place.country == "LY"


def test_other_places_of_the_report_choose_the_country(geocoder):
    results = geocoder.geocode_report([q("Beirut"), q("Tripoli")])
    assert results[1].place.id == "gn:266826"
    results = geocoder.geocode_report([q("Misrata"), q("Tripoli")])
    assert results[1].place.id == "gn:2210247"


def test_parent_picks_the_district_inside_the_city(geocoder):
    result = geocoder.geocode(q("the western Raqqa district of Al-Daraiya", country="SY"))
    assert result.place.id == "pk:1" and result.geo_precision == 1
    # Darayya near Damascus is a different place; with no parent the spelling decides
    assert geocoder.geocode(q("Darayya", country="SY")).place.id == "gn:170654"


def test_unknown_district_of_known_city_falls_back_with_precision_two(geocoder):
    result = geocoder.geocode(q("Al-Tayar", parents=("Raqqa",), country="SY"))
    assert result.place.id == "gn:172955"
    assert (result.geo_precision, result.where_prec) == (2, 2)
    assert "fell back" in result.note


def test_unknown_village_in_a_province_falls_back_to_the_province(geocoder):
    result = geocoder.geocode(q("Kafr Nowhere village", parents=("Aleppo Governorate",),
                                country="SY"))
    assert result.place.kind == "admin1"
    assert (result.geo_precision, result.where_prec) == (3, 4)


def test_province_parent_separates_same_named_villages(geocoder):
    result = geocoder.geocode(q("Tell Amir village", parents=("Raqqa Governorate",), country="SY"))
    assert result.place.id == "gn:6" and result.geo_precision == 1


def test_same_named_villages_without_context_give_their_province_not_a_guess(geocoder):
    result = geocoder.geocode(q("Khirbat Nasr", country="SY"))
    assert result.place.kind == "admin1" and result.geo_precision == 3
    assert "places named" in result.note


def test_same_named_villages_in_two_provinces_without_context_stay_unresolved(geocoder):
    result = geocoder.geocode(q("Tell Amir", country="SY"))
    assert result.place is None and "places named" in result.note


def test_nothing_fits_gives_no_place(geocoder):
    result = geocoder.geocode(q("Atlantis", country="SY"))
    assert result.place is None and result.note


def test_country_centroid_is_said_in_the_note(geocoder):
    result = geocoder.geocode(q("Syria"))
    assert result.where_prec == 6 and "country centroid" in result.note


def test_misspelling_matches_but_not_at_precision_one(geocoder):
    result = geocoder.geocode(q("Darayyah town", country="SY"))
    assert result.place.id == "gn:170654"
    assert result.geo_precision == 1  # the normalised key is the same: an exact match
    fuzzy = geocoder.geocode(q("Dariyya", country="SY"))
    assert fuzzy.place is None or fuzzy.geo_precision == 2


def test_common_name_hamlet_is_not_precise(geocoder):
    result = geocoder.geocode(q("Hamra village", parents=("Aleppo Governorate",), country="SY"))
    assert result.place.id == "gn:170018"
    assert result.geo_precision == 2 and "common" in result.note


def test_area_words_lower_the_precision(geocoder):
    result = geocoder.geocode(q("western Aleppo countryside", country="SY"))
    assert result.place.id == "gn:170063" and result.geo_precision == 2


def test_arabic_and_cyrillic_mentions(geocoder):
    assert geocoder.geocode(q("حلب", country="SY")).place.id == "gn:170063"
    assert geocoder.geocode(q("Ракка", country="SY")).place.id == "gn:172955"


def test_precision_one_is_never_far_from_the_named_place(geocoder):
    """Every precision-1 answer is within 25 km of a gazetteer place bearing that name."""
    mentions = ["Aleppo", "Raqqa", "Al Bab", "el-Bab town", "Tell Amir", "Khirbat Nasr",
                "Al Hamra", "Tripoli", "Darayya", "Al-Daraiya"]
    for mention in mentions:
        for country in ("SY", "LB", "LY", ""):
            result = geocoder.geocode(q(mention, country=country))
            if result.geo_precision != 1:
                continue
            namesakes = [h.entry.place for h in geocoder.gazetteer.by_name(parse_mention(mention).core)]
            assert any(distance_km(result.place, p) < 25 for p in namesakes)
            assert not country or result.place.country == country


def test_geocode_report_keeps_order(geocoder):
    results = geocoder.geocode_report([q("Aleppo"), q("Al Bab"), q("Atlantis")])
    assert [r.mention for r in results] == ["Aleppo", "Al Bab", "Atlantis"]


def test_a_name_not_in_the_first_country_is_looked_up_in_the_report_s_others(geocoder):
    # a story of the Syria conflict that is about Lebanon: Beirut is found there
    found = geocoder.geocode(PlaceQuery(mention="Beirut", country="SY", countries=("LB",)))
    assert found.place.country == "LB" and found.geo_precision == 1


def test_the_first_country_that_knows_the_name_wins(geocoder):
    found = geocoder.geocode(PlaceQuery(mention="Tripoli", country="LB", countries=("LY",)))
    assert found.place.id == "gn:266826"
    found = geocoder.geocode(PlaceQuery(mention="Tripoli", country="LY", countries=("LB",)))
    assert found.place.id == "gn:2210247"


def test_near_spellings_only_in_the_first_country(geocoder):
    # "Misurata" is near Libya's Misrata; looked up first in Syria, it is not guessed abroad
    assert geocoder.geocode(PlaceQuery(mention="Misurata", country="SY",
                                       countries=("LY",))).place is None
    assert geocoder.geocode(PlaceQuery(mention="Misurata", country="LY")).place is not None


def test_a_far_larger_namesake_in_another_country_of_the_report_wins(tmp_path, monkeypatch):
    # a hamlet "Aleppo" in Lebanon does not hide Syria's city of 1.6 million
    from marsad.geo import Gazetteer, Geocoder

    from . import conftest

    hamlet = ("gn:9", "Aleppo", 33.5, 35.6, "LB", "", "village", 300, [])
    monkeypatch.setattr(conftest, "PLACES", [*conftest.PLACES, hamlet])
    gazetteer = Gazetteer(conftest.write_small_gazetteer(tmp_path / "g.sqlite"))
    found = Geocoder(gazetteer).geocode(q("Aleppo", country="LB", countries=("SY",)))
    assert found.place.id == "gn:170063"
    gazetteer.close()


def test_another_country_must_hold_the_parent_the_text_names(geocoder):
    # "Beirut, in Raqqa": Lebanon's Beirut is not where the text says; Raqqa is
    found = geocoder.geocode(q("Beirut", parents=("Raqqa",), country="SY", countries=("LB",)))
    assert found.place.country == "SY" and found.geo_precision == 2
    # a parent the gazetteer knows nowhere says nothing against Lebanon's Beirut
    found = geocoder.geocode(q("Beirut", parents=("Atlantis",), country="SY", countries=("LB",)))
    assert found.place.id == "gn:276781"


def test_a_village_with_nothing_to_confirm_it_is_not_precise(geocoder):
    # the gazetteer holds one Khirbat Nasr per province, and only some villages: a single
    # match with no parent and no other place of the report may be a namesake
    alone = geocoder.geocode(q("Tell Amir", parents=("Raqqa Governorate",), country="SY"))
    assert alone.place.id == "gn:6" and alone.geo_precision == 1  # confirmed by its province
    found = geocoder.geocode(q("Al Hamra", country="SY"))
    assert found.place.id == "gn:170018" and found.geo_precision == 2 and "namesake" in found.note
    found = geocoder.geocode(q("Al Bab", country="SY"))  # a town of 63,000: taken at its word
    assert found.geo_precision == 1


def test_a_village_named_like_a_city_is_a_namesake(geocoder):
    found = geocoder.geocode(q("Aleppo village", country="SY"))
    assert found.geo_precision == 2 and "namesake" in found.note


def test_a_town_named_with_another_town_lies_beside_it(geocoder):
    # "Al Bab, north of Aleppo": near Aleppo, not inside it
    found = geocoder.geocode(q("Al Bab", parents=("Aleppo",), country="SY"))
    assert found.place.name == "Al Bab"


def test_a_lone_village_match_is_not_precise_but_its_province_confirms_it(real_geocoder):
    alone = real_geocoder.geocode(q("Madaya", country="SY"))
    assert alone.place is not None and alone.geo_precision == 2 and "confirms" in alone.note
    confirmed = real_geocoder.geocode(q("Madaya", parents=("Rif Dimashq Governorate",),
                                        country="SY"))
    assert confirmed.geo_precision == 1


def test_a_country_named_is_coded_at_the_finer_place_the_report_names(geocoder, tmp_path):
    from marsad.pipeline import Pipeline
    from marsad.store import Store

    store = Store.open(str(tmp_path / "p.db"))
    pipeline = Pipeline(store, None, geocoder)
    query = q("Syria", country="SY", countries=("LB",), fallbacks=("Beirut", "Aleppo"))
    (found,) = pipeline._with_fallbacks([query], [geocoder.geocode(query)])
    assert found.place.name == "Aleppo" and found.geo_precision == 2
    assert "names only a country" in found.note and found.area
    # a finer place in another country is not where the text says: the country stays
    query = q("Syria", country="SY", countries=("LB",), fallbacks=("Beirut",))
    (found,) = pipeline._with_fallbacks([query], [geocoder.geocode(query)])
    assert found.place.kind == "country" and found.place.country == "SY"
    assert found.geo_precision == 3
    store.close()


def _gazetteer_with(tmp_path, monkeypatch, *places):
    from marsad.geo import Gazetteer, Geocoder

    from . import conftest

    monkeypatch.setattr(conftest, "PLACES", [*conftest.PLACES, *places])
    gazetteer = Gazetteer(conftest.write_small_gazetteer(tmp_path / "g.sqlite"))
    return Geocoder(gazetteer)


# two provinces whose names differ only by a compass word, as the gazetteer build stores them
# (each name also without it); a town in one of them
KIVUS = (("gn:21", "Nord-Kivu", -0.8, 29.0, "CD", "CD.11", "admin1", 0, ["North Kivu", "Kivu"]),
         ("gn:22", "Sud-Kivu", -2.5, 28.8, "CD", "CD.12", "admin1", 0, ["South Kivu", "Kivu"]),
         ("gn:23", "Kitsimba", 0.49, 29.47, "CD", "CD.11", "town", 20_000, []))


def test_a_compass_word_that_is_part_of_the_name_is_kept(tmp_path, monkeypatch):
    geocoder = _gazetteer_with(tmp_path, monkeypatch, *KIVUS)
    found = geocoder.geocode(q("North Kivu", country="CD"))
    assert found.place.id == "gn:21" and "part of" not in found.note
    # as the parent the text names, it confirms the town inside it
    found = geocoder.geocode(q("Kitsimba", parents=("North Kivu",), country="CD"))
    assert found.place.id == "gn:23" and found.geo_precision == 1
    # where no place bears the name with it, the word still means part of a place
    found = geocoder.geocode(q("northern Kitsimba", country="CD"))
    assert found.place.id == "gn:23" and found.geo_precision == 2


def test_local_names_of_districts_are_kind_words():
    for mention in ("Faskari Local Government Area", "Faskari LGA", "Faskari local government",
                    "Faskari Township", "Faskari County", "Faskari raion"):
        parsed = parse_mention(mention)
        assert (parsed.core, parsed.kind) == ("Faskari", "district"), mention


def test_a_district_named_after_its_town_is_coded_at_the_town_as_a_district(tmp_path,
                                                                            monkeypatch):
    town = ("gn:31", "Faskari", 11.7, 7.0, "NG", "NG.21", "town", 8_000, [])
    geocoder = _gazetteer_with(tmp_path, monkeypatch, town)
    found = geocoder.geocode(q("Faskari Local Government", country="NG"))
    assert found.place.id == "gn:31" and found.geo_precision == 2


def test_a_parent_alone_takes_a_name_across_a_border_and_no_further(tmp_path, monkeypatch):
    # a town of the report's neighbour named as the parent places a village the gazetteer
    # lacks beside it; a namesake of the parent on another continent does not
    border_town = ("gn:41", "Sudzha", 51.19, 35.27, "RU", "RU.41", "town", 5_000, [])
    far_namesake = ("gn:42", "Dyer", 41.49, -87.52, "US", "US.IN", "town", 16_000, ["Deir"])
    geocoder = _gazetteer_with(tmp_path, monkeypatch, border_town, far_namesake)
    found = geocoder.geocode(q("Nekhaevka", parents=("Sudzha",), country="UA", countries=("RU",)))
    assert found.place.id == "gn:41" and found.geo_precision == 2
    found = geocoder.geocode(q("Abu Hamam", parents=("Deir",), country="SY",
                               countries=("GB", "US", "IQ")))
    assert found.place is None


def test_a_district_known_only_by_its_town_holds_its_villages_and_the_town(tmp_path,
                                                                          monkeypatch):
    province = ("gn:50", "Donetska", 48.0, 37.8, "UA", "UA.05", "admin1", 0, [])
    town = ("gn:51", "Kolbakiv", 48.28, 37.18, "UA", "UA.05", "town", 60_000, [])
    village = ("gn:52", "Ridnyi", 48.35, 37.21, "UA", "UA.05", "village", 300, [])
    far = ("gn:53", "Dalekyi", 47.10, 37.50, "UA", "UA.05", "village", 300, [])
    geocoder = _gazetteer_with(tmp_path, monkeypatch, province, town, village, far)
    found = geocoder.geocode(q("Ridnyi", parents=("Kolbakiv district",), country="UA"))
    assert found.place.id == "gn:52" and found.geo_precision == 1
    found = geocoder.geocode(q("Kolbakiv", parents=("Kolbakiv district",), country="UA"))
    assert found.place.id == "gn:51" and found.geo_precision == 1
    # a namesake beyond a district's reach is not the one; the district's town stands in
    found = geocoder.geocode(q("Dalekyi", parents=("Kolbakiv district",), country="UA"))
    assert found.place.id == "gn:51" and found.geo_precision == 2
    assert "district" in found.note


def test_the_country_the_report_s_places_lie_in_comes_first(tmp_path, monkeypatch):
    # the report's adjectives put Russia first; its places are all in Ukraine
    places = [("gn:60", "Kolbakiv", 48.28, 37.18, "UA", "UA.05", "town", 60_000, []),
              ("gn:61", "Engelsk", 51.48, 46.10, "RU", "RU.67", "city", 200_000, ["Kolbakiv"]),
              ("gn:62", "Ridnyi", 48.35, 37.21, "UA", "UA.05", "village", 300, []),
              ("gn:63", "Stavky", 48.50, 37.70, "UA", "UA.05", "town", 70_000, [])]
    geocoder = _gazetteer_with(tmp_path, monkeypatch, *places)
    queries = [q(m, country="RU", countries=("UA",)) for m in ("Kolbakiv", "Ridnyi", "Stavky")]
    found = geocoder.geocode_report(queries)
    assert [g.place.id for g in found] == ["gn:60", "gn:62", "gn:63"]
    # one place is not enough to overrule the report
    assert geocoder.geocode(q("Kolbakiv", country="RU", countries=("UA",))).place.id == "gn:61"


def test_the_ground_is_the_country_a_reports_towns_lie_in_when_they_say_so_clearly(geocoder):
    # Aleppo (a city) counts twice, Beirut twice: no clear ground
    assert geocoder.ground_country(["Aleppo", "Beirut"]) == ""
    assert geocoder.ground_country(["Aleppo", "Al Bab", "Beirut"]) == "SY"
    assert geocoder.ground_country(["Al Bab"]) == "SY"  # one town of some size
    # a name several countries hold says nothing; one small village is not enough
    assert geocoder.ground_country(["Al Hamra", "Tell Amir"]) == ""
    assert geocoder.ground_country([]) == ""


def test_a_province_may_be_a_second_level_unit(tmp_path, monkeypatch):
    # Burkina Faso's provinces lie inside its regions: "X province" is an admin2 there
    geocoder = _gazetteer_with(
        tmp_path, monkeypatch,
        ("gn:41", "Sahelia", 14.0, -0.5, "BF", "BF.89", "admin1", 0, []),
        ("gn:42", "Komanga", 13.4, 0.7, "BF", "BF.89", "admin2", 0, []))
    found = geocoder.geocode(q("Komanga", country="BF", kind_hint="province"))
    assert found.place is not None and found.place.id == "gn:42"
    found = geocoder.geocode(q("Sahelia", country="BF", kind_hint="province"))
    assert found.place.id == "gn:41"  # where a first-level unit bears the name, it is the one


def test_a_fallback_that_may_be_a_namesake_yields_to_a_sure_one(geocoder, tmp_path):
    from marsad.pipeline import Pipeline
    from marsad.store import Store

    store = Store.open(str(tmp_path / "p.db"))
    pipeline = Pipeline(store, None, geocoder)
    # Al Hamra: one hamlet of that name in Syria, nothing confirms it; Al Bab: a town
    query = q("Kafr Unknown", country="SY", fallbacks=("Al Hamra", "Al Bab"))
    (found,) = pipeline._with_fallbacks([query], [geocoder.geocode(query)])
    assert found.place.name == "Al Bab" and found.geo_precision == 2
    # with nothing surer, the guess stands (at precision 2, saying so)
    query = q("Kafr Unknown", country="SY", fallbacks=("Al Hamra",))
    (found,) = pipeline._with_fallbacks([query], [geocoder.geocode(query)])
    assert found.place.name == "Al Hamra" and "not in the gazetteer" in found.note
    store.close()


def test_a_region_named_after_its_chief_town_is_the_province(real_geocoder):
    # "the Kursk region" is Kurskaya oblast', not the city; in a story naming Ukraine first,
    # "Donetsk Region" stays the Ukrainian province, not a larger namesake town elsewhere
    region = real_geocoder.geocode(q("Kursk", kind_hint="region", country="RU"))
    assert region.place.kind == "admin1" and region.geo_precision == 3
    region = real_geocoder.geocode(q("Donetsk", kind_hint="region", country="UA",
                                     countries=("RU",)))
    assert region.place.kind == "admin1" and region.place.country == "UA"
    town = real_geocoder.geocode(q("Kursk", country="RU"))
    assert town.place.kind != "admin1" and town.geo_precision == 1


def test_a_river_is_not_the_town_of_its_name(real_geocoder):
    river = real_geocoder.geocode(q("Dnipro", kind_hint="river", country="UA"))
    assert river.place is None or river.place.kind == "river"


def test_a_town_named_with_a_province_s_city_lies_in_the_province(real_geocoder):
    # "Hays, in Hodeidah": the governorate named after the city, 100 km from the city itself
    found = real_geocoder.geocode(q("Hays", parents=("Hodeidah",), country="YE"))
    assert found.place is not None and found.place.name != "Al Ḩudaydah"
    assert found.place.admin1 == "Al Ḩudaydah"


def test_an_oblast_named_after_its_chief_town_is_the_province(real_geocoder):
    found = real_geocoder.geocode(q("Kursk oblast", country="RU"))
    assert found.place is not None and found.place.kind == "admin1"


def test_a_country_s_name_is_the_country_not_a_province_that_also_bears_it(real_geocoder):
    # (even where another place of the report lies in that province)
    found = real_geocoder.geocode(q("Lebanon", country="LB", countries=("SY", "IQ")),
                                  [q("Tripoli"), q("Jabal Mohsen")])
    assert found.place is not None and found.place.kind == "country"


# a governorate spelt another way than the town that gives it its name, and a village inside
DUHOK = (("gn:31", "Dahuk", 36.9, 43.1, "IQ", "IQ.08", "admin1", 0, []),
         ("gn:32", "Dihok", 36.87, 42.99, "IQ", "IQ.08", "city", 300_000, ["Dohuk"]),
         ("gn:33", "Al Amadiyah", 37.09, 43.49, "IQ", "IQ.08", "village", 0, ["Amedi"]))


def test_a_town_named_as_parent_also_stands_for_its_province_spelt_another_way(tmp_path, monkeypatch):
    geocoder = _gazetteer_with(tmp_path, monkeypatch, *DUHOK)
    found = geocoder.geocode(q("Amedi", parents=("Dohuk",), country="IQ"))
    assert found.place.id == "gn:33" and found.geo_precision == 1


def test_the_report_s_place_standing_for_a_sentence_that_names_none_is_not_precise(geocoder):
    """"The governor said a drone hit a village": the report's town is where the story is,
    not a point the sentence gives."""
    assert geocoder.geocode(q("Aleppo", country="SY")).geo_precision == 1
    found = geocoder.geocode(q("Aleppo", country="SY", from_report=True))
    assert found.place.name == "Aleppo" and found.geo_precision == 2 and found.where_prec >= 2
    assert "names no place" in found.note


def test_an_unsure_choice_records_the_places_it_was_made_among(geocoder):
    """Two villages of one name and nothing to choose: the answer says which two it saw."""
    found = geocoder.geocode(q("Tell Amir", country="SY"))
    assert found.place is None
    assert len(found.candidates) == 2
    assert all(c.startswith("Tell Amir (") for c in found.candidates)
    assert {c.split("(")[1].split(",")[0] for c in found.candidates} == {"Halab", "Ar Raqqah"}
    # a near spelling says how near it was
    fuzzy = geocoder.geocode(q("Khirbat Nasar", country="SY"))
    assert fuzzy.candidates and all("name match" in c for c in fuzzy.candidates)


def test_a_sure_choice_records_no_candidates(geocoder):
    assert geocoder.geocode(q("Aleppo town", country="SY")).candidates == ()
    # the parent separates the namesakes: what was weighed is still on record
    chosen = geocoder.geocode(q("Tell Amir village", parents=("Raqqa Governorate",), country="SY"))
    assert chosen.place.id == "gn:6" and len(chosen.candidates) == 2


def test_a_near_spelling_inside_the_parent_the_text_names_beats_the_parent_s_centre(geocoder):
    """"Tal Amir, Raqqa": the Raqqa village of a near spelling, not precise, and not the
    governorate's centre either."""
    found = geocoder.geocode(q("Tal Amir village", parents=("Raqqa Governorate",), country="SY"))
    assert found.place.id == "gn:6" and found.geo_precision == 2
    assert "name match" in found.note
