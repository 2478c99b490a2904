"""Control phrasings of the genre, on texts written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from .test_claims import WEDNESDAY, extract

pytestmark = pytest.mark.model


def test_a_held_adjective_says_who_holds_the_place_on_the_day_the_sentence_tells(extractor):
    got = extract(extractor, "Government aircraft dropped barrel bombs on the rebel-held "
                             "district of Maadi in eastern Aleppo on Saturday, killing 15 "
                             "civilians, the Syrian Observatory for Human Rights said.")
    (control,) = [c for c in got.controls if c.place.mention == "Maadi"]
    assert control.holder == "Syrian rebels"
    assert control.date.date == WEDNESDAY - dt.timedelta(days=4)
    assert got.claims  # the strike is still an event


def test_a_held_adjective_with_no_day_told_holds_as_of_the_report(extractor):
    got = extract(extractor, "Shells fell on the rebel-held town of Kafr Nabl in Syria's Idlib "
                             "province, residents said.")
    (control,) = got.controls
    assert control.date.date == WEDNESDAY


def test_ground_a_possessor_names_is_the_place_taken_not_the_possessor(extractor):
    got = extract(extractor, "The Arakan Army has seized all of Chin State's Paletwa "
                             "Township, the group said.")
    assert [c.place.mention for c in got.controls] == ["Paletwa"]


def test_besieged_ground_names_no_holder(extractor):
    got = extract(extractor, "Food ran out in the besieged town of Madaya on Monday, "
                             "residents said.")
    assert not got.controls


def test_a_capture_in_the_present_perfect_holds_as_of_the_report(extractor):
    got = extract(extractor, "Rebels attacked the town of Kafr Nabl in Idlib on Monday. They "
                             "have since seized the town of Sarmin, the Syrian Observatory for "
                             "Human Rights said.")
    (control,) = [c for c in got.controls if c.place.mention == "Sarmin"]
    assert control.date.date == WEDNESDAY


def test_place_names_compare_without_accents():
    from marsad.evaluate.gold import _norm

    assert _norm("Khān Shaykhūn") == _norm("Khan Shaykhun")


def test_forces_stationed_in_a_place_hold_it(extractor):
    got = extract(extractor, "As of Thursday, Houthi fighters were stationed in the district of "
                             "Kolbay, west of the city of Marib, officials said.")
    assert [(c.holder, c.place.mention) for c in got.controls] == [("Houthis", "Kolbay")]
    got = extract(extractor, "No Houthi fighters were stationed in Kolbay, officials said.")
    assert not got.controls
