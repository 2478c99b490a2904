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
