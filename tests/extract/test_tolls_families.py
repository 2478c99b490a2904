"""More toll phrasings on texts written for these tests: rounds of fighting, a vague count so
far that no one incident makes, every count of a sentence of tolls, tolls of property."""

from __future__ import annotations

import datetime as dt

import pytest

from .test_claims import WEDNESDAY, extract

pytestmark = pytest.mark.model


def test_rounds_of_fighting_give_a_toll_not_a_clash(extractor):
    got = extract(extractor, "At least 64 people were killed in three rounds of fighting between "
                             "rival militias in Tripoli, Libya, the monitor said.")
    assert [t.count.value for t in got.tolls] == [64]
    assert not got.claims


def test_violence_that_has_claimed_hundreds_of_lives_is_a_toll(extractor):
    got = extract(extractor, "The army in Mali is battling a surge in jihadist violence that has "
                             "claimed hundreds of lives.")
    (toll,) = got.tolls
    assert toll.count.words == "hundreds"
    assert not any(c.fatalities for c in got.claims)


def test_a_vague_count_at_protests_since_a_start_is_a_toll(extractor):
    got = extract(extractor, "The opposition in Guinea says dozens of protesters have been killed "
                             "by police at peaceful demonstrations since 2015.")
    (toll,) = got.tolls
    assert toll.count.words == "dozens"
    assert not got.claims


def test_each_count_of_a_sentence_of_tolls_is_a_toll_of_whom_it_counts(extractor):
    got = extract(extractor, "The rebels in Congo's Beni region have killed at least 500 civilians "
                             "and more than 15 United Nations peacekeepers.")
    tolls = {t.count.value: t.victims for t in got.tolls}
    assert tolls == {500: "civilians", 15: "United Nations peacekeepers"}


def test_structures_demolished_in_half_a_year_are_a_toll_of_property(extractor):
    got = extract(extractor, "Israeli authorities demolished 320 Palestinian structures in the "
                             "West Bank in the first half of this year, a UN office said.")
    (toll,) = got.tolls
    assert (toll.count.value, toll.outcome) == (320, "destroyed")
    assert (toll.period_start, toll.period_end) == (dt.date(WEDNESDAY.year, 1, 1), WEDNESDAY)
    assert not got.claims


def test_the_dead_of_incidents_the_report_counted_before_are_a_toll(extractor):
    got = extract(extractor, "As many as 75 attacks were recorded across Nigeria last month, a "
                             "research group said. The attacks resulted in the deaths of 130 "
                             "civilians and soldiers, while 60 were injured.")
    assert 130 in {t.count.value for t in got.tolls}
    assert not any(c.fatalities and c.fatalities.value == 130 for c in got.claims)


def test_the_dead_of_two_attacks_told_before_are_an_event_not_a_tally(extractor):
    got = extract(extractor, "Boko Haram carried out two attacks on a market in Maiduguri, "
                             "Nigeria, on Monday. The attacks killed 30 people, officials said.")
    assert not got.tolls
