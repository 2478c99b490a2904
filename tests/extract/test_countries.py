"""Which countries a place mention is looked up in, on short reports written for these tests."""

from __future__ import annotations

import pytest

from .test_claims import extract

pytestmark = pytest.mark.model


def test_a_report_on_iraq_in_the_syria_iraq_conflict_is_read_in_iraq(extractor):
    got = extract(extractor, "Islamic State militants attacked an army post in the town of "
                             "Baiji in Iraq's Salahuddin province on Monday, killing three "
                             "Iraqi soldiers, officials in Iraq said.")
    (claim,) = got.claims
    assert claim.place.mention == "Baiji"
    assert claim.place.country == "IQ"


def test_nationality_adjectives_vote_but_are_no_places(extractor):
    got = extract(extractor, "Syrian troops shelled the village of Kafr Zita on Monday, killing "
                             "two civilians, a Syrian monitor said.")
    (claim,) = got.claims
    assert claim.place.mention == "Kafr Zita" and claim.place.country == "SY"


def test_report_countries_rank_names_above_adjectives():
    from marsad.extract.countries import country_of, is_demonym

    assert country_of("the Gaza Strip") == "PS" and country_of("Iraq") == "IQ"
    assert is_demonym("Malian") and is_demonym("Syrian") and not is_demonym("Gao")


def test_a_village_missing_from_the_gazetteer_is_coded_at_the_town_it_is_near(extractor,
                                                                             tmp_path):
    from marsad.pipeline import Pipeline, open_geocoder
    from marsad.settings import load_settings
    from marsad.store import Store

    from .test_claims import WEDNESDAY

    store = Store.open(str(tmp_path / "t.db"))
    pipeline = Pipeline(store, extractor, open_geocoder(load_settings({})))
    got = extract(extractor, "Gunmen attacked the village of Kadiel near the town of "
                             "Douentza in central Mali on Monday, killing five villagers, the "
                             "army said.", published=WEDNESDAY)
    (claim,) = pipeline.geocode(got).claims
    assert claim.geocode.place.name == "Douentza"
    assert claim.geocode.geo_precision >= 2 and "Kadiel" in claim.geocode.note
    store.close()


def test_a_town_north_of_another_is_the_place_and_storming_homes_takes_no_ground(extractor):
    got = extract(extractor, "Gunmen stormed homes in the town of Mellit, north of El Fasher, "
                             "on Monday and shot dead seven men, residents said.")
    (claim,) = got.claims
    assert claim.place.mention == "Mellit" and "El Fasher" in claim.place.parents
    assert claim.sub_event_type == "Attack" and not got.controls


def test_the_town_not_the_country_in_apposition_is_the_place(extractor):
    got = extract(extractor, "Militants attacked a police station in Bannu, Pakistan, on "
                             "Friday night with hand grenades, officials said.")
    (claim,) = got.claims
    assert claim.place.mention == "Bannu" and "Pakistan" in claim.place.parents


def test_a_country_name_that_opens_a_longer_name_votes_for_its_country(extractor):
    from marsad.extract.countries import report_countries

    doc = extractor.nlp("JUBA - The South Sudan army denied on Tuesday that it clashed with "
                        "rebels in Magwi County, the Sudan Tribune reported. The South Sudan "
                        "army said criminals had entered a village there.")
    assert report_countries(doc)[0] == "SS"


def test_a_person_named_in_full_is_no_place_when_named_by_surname_alone(extractor):
    got = extract(extractor, "Artillery shells hit the town of Kolbay on Monday, killing four "
                             "people, regional governor Serhiy Lysak said. \"Many victims are "
                             "in surgery,\" Lysak wrote.")
    assert {c.place.mention for c in got.claims if c.place} <= {"Kolbay"}


def test_what_a_missile_strikes_is_a_place_whatever_the_ner_says(extractor):
    from marsad.extract.sentence import _marked_as_place

    doc = extractor.nlp("A ballistic missile struck Kryvyi Rih on Friday.")
    ent = next(e for e in doc.ents if e.text == "Kryvyi Rih")
    assert _marked_as_place(ent)
    doc = extractor.nlp("A gunman shot Ahmed Kolbay on Friday.")
    assert not any(_marked_as_place(e) for e in doc.ents if e.text == "Ahmed Kolbay")
