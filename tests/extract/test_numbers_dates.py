"""Numbers and dates as reports write them; no model needed."""

from __future__ import annotations

import datetime as dt

import pytest

from marsad.extract.dates import DateResolver
from marsad.extract.numbers import NumberReader
from marsad.records import CountQualifier


@pytest.fixture(scope="module")
def numbers(knowledge):
    return NumberReader(knowledge.numbers)


@pytest.mark.parametrize("text, value", [
    ("eleven", 11), ("2,500", 2500), ("twenty-one", 21), ("two hundred", 200),
    ("a dozen", 12), ("3 thousand", 3000), ("one hundred and five", 105), ("36", 36),
])
def test_number_words_and_digits(numbers, text, value):
    assert numbers.value(text) == value


def test_words_that_are_not_numbers(numbers):
    assert numbers.value("several hundred villagers") is None
    assert numbers.value("soldiers") is None


def counts(blank_nlp, numbers, text):
    doc = blank_nlp(text)
    return [m.count for m in numbers.mentions(doc[:])]


@pytest.fixture(scope="module")
def blank_nlp():
    import spacy

    return spacy.blank("en")


@pytest.mark.parametrize("text, value, qualifier, low, high", [
    ("at least 11 people died", 11, CountQualifier.AT_LEAST, 11, None),
    ("more than 200 civilians", 200, CountQualifier.MORE_THAN, 200, None),
    ("up to 40 servicemen", 40, CountQualifier.UP_TO, None, 40),
    ("nearly 30 fighters", 30, CountQualifier.ABOUT, None, None),
    ("15 to 20 women", 15, CountQualifier.RANGE, 15, 20),
    ("dozens of fighters", 12, CountQualifier.VAGUE, None, None),
    ("scores of villagers", 20, CountQualifier.VAGUE, None, None),
])
def test_qualifiers_ranges_and_vague_words_keep_their_words(blank_nlp, numbers, text, value,
                                                           qualifier, low, high):
    count = counts(blank_nlp, numbers, text)[0]
    assert (count.value, count.qualifier, count.low, count.high) == (value, qualifier, low, high)
    assert count.words and count.words in text


SUNDAY = dt.date(2017, 7, 2)


@pytest.mark.parametrize("text, expected, precision", [
    ("late Sunday", SUNDAY, 1),  # news usage: the report's own Sunday
    ("on Thursday", dt.date(2017, 6, 29), 1),
    ("Tuesday night", dt.date(2017, 6, 27), 1),
    ("yesterday", dt.date(2017, 7, 1), 1),
    ("last week", SUNDAY, 2),
    ("November 6, 2016", dt.date(2016, 11, 6), 1),
    ("in 2014", dt.date(2014, 1, 1), 4),
])
def test_relative_dates_resolve_against_the_base_date(text, expected, precision):
    found = DateResolver(SUNDAY).resolve(text)
    assert found.date == expected and found.precision == precision


def test_a_date_weeks_before_the_report_is_background():
    assert DateResolver(SUNDAY).resolve("June 6").background
    assert DateResolver(SUNDAY).resolve("in 2014").background
    assert not DateResolver(SUNDAY).resolve("on Friday").background


def test_the_past_48_hours_is_a_range_ending_on_the_base_date():
    found = DateResolver(SUNDAY).resolve("over the past 48 hours")
    assert (found.start, found.end, found.date) == (dt.date(2017, 7, 1), SUNDAY, SUNDAY)


def test_without_a_base_date_relative_dates_stay_unresolved_never_today():
    resolver = DateResolver(None)
    assert resolver.resolve("late Sunday") is None
    assert resolver.resolve("yesterday") is None
    assert resolver.resolve("March 3, 2024").date == dt.date(2024, 3, 3)


@pytest.mark.parametrize("words, day, precision", [
    ("a day earlier", dt.date(2024, 3, 12), 1),
    ("the previous day", dt.date(2024, 3, 12), 1),
    ("two days ago", dt.date(2024, 3, 11), 1),
    ("overnight", dt.date(2024, 3, 13), 1),
    ("last June", dt.date(2023, 6, 1), 3),
    ("mid-October 2016", dt.date(2016, 10, 1), 3),
    ("in early March", dt.date(2024, 3, 1), 3),
    ("May 10 last year", dt.date(2023, 5, 10), 1),
    ("on Dec. 18", dt.date(2023, 12, 18), 1),
    ("last year", dt.date(2023, 1, 1), 4),
])
def test_relative_dates_of_the_genre(words, day, precision):
    from marsad.extract.dates import DateResolver

    found = DateResolver(dt.date(2024, 3, 13)).resolve(words)
    assert (found.date, found.precision) == (day, precision)


def test_this_month_is_no_background_and_market_is_no_month():
    from marsad.extract.dates import DateResolver

    resolver = DateResolver(dt.date(2024, 3, 13))
    assert resolver.resolve("in March").background is False
    assert resolver.resolve("market") is None


def test_an_incident_that_comes_days_after_another_dates_that_one_in_the_week_before(extractor):
    from .test_claims import extract

    claims = extract(extractor, "Sunday's blast in Kismayo comes days after a drone strike "
                                "killed a commander of the group near Kismayo.",
                     published=dt.date(2024, 3, 10)).claims
    strike = next(c for c in claims if c.sub_event_type == "Air/drone strike")
    assert strike.date.start <= dt.date(2024, 3, 8) and strike.date.end < dt.date(2024, 3, 10)


def test_an_incident_that_comes_months_after_another_makes_that_one_background(extractor):
    from .test_claims import extract

    claims = extract(extractor, "The latest abduction is coming less than three months after "
                                "gunmen abducted hundreds of students of a school in Kolbay in "
                                "Nigeria.", published=dt.date(2024, 3, 10)).claims
    assert claims and all(c.date.background for c in claims)
    assert all(c.date.date < dt.date(2024, 1, 1) for c in claims)
