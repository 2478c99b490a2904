"""Toll phrasings of the genre (monthly reports, daily bulletins, "N days of"), on texts written
for these tests: each is a toll, never an event."""

from __future__ import annotations

import datetime as dt

import pytest

from .test_claims import extract

pytestmark = pytest.mark.model


def test_a_monthly_report_gives_the_month_s_toll(extractor):
    got = extract(extractor, "A total of 412 civilians were killed and 900 wounded in Nigeria "
                             "in March 2023, the monitoring group said in its monthly report.",
                  published=dt.date(2023, 4, 2))
    assert not got.claims
    (toll,) = [t for t in got.tolls if t.count.value == 412]
    assert (toll.period_start, toll.period_end) == (dt.date(2023, 3, 1), dt.date(2023, 3, 31))


def test_the_day_s_bulletin_is_a_toll_but_a_strike_over_two_days_is_an_event(extractor):
    got = extract(extractor, "Eighteen people were killed and 40 wounded in the past 24 hours, "
                             "the health ministry said on Tuesday.")
    assert not got.claims and any(t.count.value == 18 for t in got.tolls)
    got = extract(extractor, "Russian shelling of Kherson killed three civilians over the past "
                             "48 hours, the regional governor said.")
    assert got.claims and not got.tolls


def test_days_of_airstrikes_give_a_toll_over_those_days(extractor):
    got = extract(extractor, "Four days of airstrikes on the city have left at least 60 people "
                             "dead, the ministry said on Wednesday.")
    toll = next(t for t in got.tolls if t.count.value == 60)
    assert toll.period_end - toll.period_start == dt.timedelta(days=4)


def test_a_report_of_figures_goes_on_in_the_next_sentence(extractor):
    got = extract(extractor, "A total of 412 civilians were killed in Nigeria in March 2023, "
                             "the monitoring group said. A further 57 soldiers were killed and "
                             "80 injured.", published=dt.date(2023, 4, 2))
    assert not got.claims
    further = next(t for t in got.tolls if t.count.value == 57)
    assert (further.period_start, further.period_end) == (dt.date(2023, 3, 1),
                                                          dt.date(2023, 3, 31))


def test_a_war_s_overall_toll_is_a_toll(extractor):
    got = extract(extractor, "The overall death toll in the war has risen to 37,925, the "
                             "ministry said.")
    assert not got.claims and [t.count.value for t in got.tolls] == [37925]


def test_bringing_the_toll_to_a_figure_is_the_cumulative_toll(extractor):
    got = extract(extractor, "Over the past 24 hours the army killed 25 people and wounded 81, "
                             "bringing the total death toll in the province to 3,925 and "
                             "injuries to 8,141 since the war began, the health ministry said.")
    counts = {(t.count.value, t.outcome) for t in got.tolls}
    assert {(3925, "killed"), (8141, "injured")} <= counts


def test_brings_to_a_figure_the_number_killed(extractor):
    got = extract(extractor, "The attack brings to 67 the number of civilians killed in the "
                             "province this year, the monitor said.")
    assert [(t.count.value, t.outcome) for t in got.tolls] == [(67, "killed")]


def test_violence_that_has_claimed_lives_is_a_toll_of_unnamed_victims(extractor):
    got = extract(extractor, "The insurgency has claimed hundreds of lives since it began.")
    (toll,) = got.tolls
    assert toll.count.words == "hundreds" and toll.outcome == "killed"
    assert toll.victims == "unspecified"
    assert got.claims == ()


def test_a_group_responsible_for_killing_hundreds_is_a_toll_and_the_displaced_are_not_dead(
        extractor):
    got = extract(extractor, "The militia has been responsible for killing hundreds of "
                             "civilians in the province and displacing thousands, according "
                             "to the United Nations.")
    assert [(t.count.words, t.outcome) for t in got.tolls] == [("hundreds", "killed")]
    assert got.claims == ()
