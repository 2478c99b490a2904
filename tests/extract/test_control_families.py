"""The families of wordings that say who holds which ground, one test each, on texts written
for these tests: passive captures, captures told in passing, facilities inside a town, holdings,
handovers, surrenders, withdrawals, shares and lists of places."""

from __future__ import annotations

import datetime as dt

import pytest

from .test_claims import WEDNESDAY, extract

pytestmark = pytest.mark.model
MONDAY = WEDNESDAY - dt.timedelta(days=2)


def controls_at(got, word):
    return [c for c in got.controls if word.lower() in c.place.mention.lower()]


def test_a_passive_capture_is_held_by_its_agent_not_by_the_ground(extractor):
    got = extract(extractor, "The town of Sarmin in Syria's Idlib province was captured by Syrian "
                             "government forces on Monday, the Syrian Observatory for Human "
                             "Rights said.")
    (control,) = controls_at(got, "Sarmin")
    assert control.holder == "Military Forces of Syria"
    assert control.date.date == MONDAY


def test_ground_that_fell_to_a_side_is_that_sides(extractor):
    got = extract(extractor, "The town of Sarmin in Syria's Idlib province fell to Syrian "
                             "government forces on Monday, activists said.")
    (control,) = got.controls
    assert (control.place.mention, control.holder) == ("Sarmin", "Military Forces of Syria")


def test_a_unit_captured_with_no_agent_leaves_its_post_to_whom_the_sentence_gives_it(extractor):
    got = extract(extractor, "Myanmar's Arakan Army said the junta's 9th Police Battalion was "
                             "captured in Kyauktaw on Monday, giving up control of the town to "
                             "the Arakan Army.")
    assert got.controls
    assert {c.holder for c in got.controls} == {"Arakan Army"}
    (town,) = controls_at(got, "Kyauktaw")
    assert town.date.date == MONDAY


def test_a_capture_told_in_passing_holds_as_of_the_report(extractor):
    got = extract(extractor, "A car bomb killed five people on Saturday in Ras al-Ain in Syria, "
                             "which was captured last month by Turkey-backed rebels.")
    held = controls_at(got, "Ras al-Ain")
    assert {c.holder for c in held} == {"Syrian National Army"}
    assert WEDNESDAY in {c.date.date for c in held}


def test_the_ethnic_army_is_the_armed_group_the_story_is_about_not_the_state(extractor):
    got = extract(extractor, "The Arakan Army attacked junta troops in Myanmar's Rakhine State on "
                             "Sunday. The ethnic army took control of the battalion's "
                             "headquarters in Kyauktaw on Monday, it said.")
    (control,) = got.controls
    assert control.holder == "Arakan Army"
    assert "Kyauktaw" in (control.place.mention, *control.place.parents)
    assert control.date.date == MONDAY


def test_a_compound_captured_in_a_town_is_ground_in_that_town(extractor):
    got = extract(extractor, "Al-Shabaab fighters on Monday captured the main government compound "
                             "in the Somali town of Afgoye, residents said.")
    (control,) = got.controls
    assert control.holder == "Al Shabaab"
    assert "Afgoye" in (control.place.mention, *control.place.parents)


def test_a_holding_verb_with_a_share_and_what_it_includes(extractor):
    got = extract(extractor, "Russia controls about 18 percent of Ukraine's territory, including "
                             "Crimea, which it annexed in 2014.")
    (country,) = controls_at(got, "Ukraine")
    assert country.holder == "Military Forces of Russia"
    assert country.share == pytest.approx(0.18)
    assert country.date.date == WEDNESDAY  # held now, not in 2014
    assert controls_at(got, "Crimea")


def test_ground_controlled_by_a_side_in_a_relative_clause(extractor):
    got = extract(extractor, "The tribal fighters in Syria later withdrew to the northern bank of "
                             "the Euphrates River, which is controlled by Syrian government "
                             "forces.")
    (control,) = got.controls
    assert control.holder == "Military Forces of Syria"
    assert "Euphrates" in control.place.mention


def test_ground_under_a_sides_control(extractor):
    got = extract(extractor, "By Tuesday the town of Sarmin in Syria was fully under the control "
                             "of Syrian government forces, the army said.")
    (control,) = controls_at(got, "Sarmin")
    assert control.holder == "Military Forces of Syria"
    assert control.share == 1.0


def test_a_city_divided_between_two_sides_control(extractor):
    got = extract(extractor, "The city of Aleppo in Syria has been divided between rebel control "
                             "in the east and government control in the west since 2012.")
    assert {c.holder for c in controls_at(got, "Aleppo")} == {"Syrian rebels",
                                                             "Military Forces of Syria"}


def test_one_sides_word_that_the_other_does_not_hold_the_ground_leaves_it_contested(extractor):
    got = extract(extractor, "\"Russia does not control the border,\" a Ukrainian official said "
                             "on Wednesday.")
    (control,) = got.controls
    assert control.holder == "contested"
    assert control.place.mention == "border"


def test_a_base_handed_over_is_held_by_whom_it_was_handed_to(extractor):
    got = extract(extractor, "The UN mission in Mali said it has completed the handover of its "
                             "Tessalit camp in northern Mali to the Malian authorities.")
    (control,) = controls_at(got, "camp")
    assert control.holder == "Military Forces of Mali"
    assert control.date.date == WEDNESDAY


def test_a_garrison_that_surrendered_leaves_its_post_to_whom_it_surrendered(extractor):
    got = extract(extractor, "On Monday about 50 junta soldiers stationed at the Taung Shey outpost "
                             "in Myanmar surrendered to the Arakan Army.")
    (control,) = controls_at(got, "Taung Shey")
    assert control.holder == "Arakan Army"
    assert control.date.date == MONDAY


def test_ground_a_side_withdrew_from_goes_to_the_side_it_fought(extractor):
    got = extract(extractor, "Syrian government forces withdrew from the town of Sarmin on Monday "
                             "after clashes with rebels, the Syrian Observatory for Human Rights "
                             "said.")
    (control,) = controls_at(got, "Sarmin")
    assert control.holder == "Syrian rebels"


def test_an_effort_to_seize_is_no_capture(extractor):
    got = extract(extractor, "The Arakan Army has stepped up its effort to seize the junta's "
                             "outpost near Maungdaw in Myanmar's Rakhine State.")
    assert not got.controls


def test_a_count_of_a_places_parts_is_a_share_of_that_place(extractor):
    got = extract(extractor, "The Arakan Army has seized six of Rakhine State's 17 townships, the "
                             "group said.")
    (control,) = got.controls
    assert control.place.mention == "Rakhine State"
    assert control.share == pytest.approx(6 / 17, abs=0.001)


def test_an_outpost_named_before_is_what_it_and_the_outpost_speak_of(extractor):
    got = extract(extractor, "Myanmar's Arakan Army is attacking the junta's Taung Shey outpost "
                             "near Maungdaw. Its troops began attacking the outpost a month ago "
                             "and have captured parts of it.")
    (control,) = controls_at(got, "Taung Shey")
    assert control.holder == "contested"


def test_a_capture_in_a_since_clause_holds_as_of_the_capture_and_still_as_of_the_report(extractor):
    got = extract(extractor, "Russian shelling of Kherson killed two civilians, officials in "
                             "Ukraine said. The shells hit homes near the Dnipro river, which has "
                             "been the front line since Ukrainian forces retook the city in "
                             "November 2022.")
    dates = {c.date.date for c in controls_at(got, "Kherson")
             if c.holder == "Military Forces of Ukraine"}
    assert dates == {dt.date(2022, 11, 1), WEDNESDAY}


def test_a_capture_a_clause_of_trying_dates_is_no_attempt(extractor):
    got = extract(extractor, "Ukraine's army said it repelled Russian assaults near Chasiv Yar "
                             "on Tuesday. Moscow's forces have been trying to take the town, which "
                             "lies west of Bakhmut, since they captured Bakhmut in May 2023 after "
                             "a long battle.")
    assert [c.holder for c in controls_at(got, "Bakhmut")] == ["Military Forces of Russia"] * 2
    assert len(got.controls) == 2  # the town they are trying to take is not theirs


def test_the_group_who_have_controlled_a_place_since_a_year_holds_it_now(extractor):
    got = extract(extractor, "The Houthis, who have controlled the port city of Hodeidah in Yemen "
                             "since 2014, deny laying mines.")
    (control,) = controls_at(got, "Hodeidah")
    assert control.holder == "Houthis"
    assert control.date.date == WEDNESDAY


def test_it_that_controls_is_the_group_the_story_told_acting(extractor):
    got = extract(extractor, "The Arakan Army captured the town of Taungup in Myanmar's Rakhine "
                             "State on Sunday. A junta spokesman denied it. It says it now "
                             "controls 14 of Rakhine's 17 townships.")
    (control,) = [c for c in got.controls if c.share and c.share < 1]
    assert control.holder == "Arakan Army"
    assert control.share == pytest.approx(14 / 17, abs=0.001)


def test_the_villages_a_capture_counted_are_held_when_the_next_sentence_names_them(extractor):
    got = extract(extractor, "The militias of the self-proclaimed Donetsk People's Republic have "
                             "taken under control two villages north of the town of Bakhmut, a "
                             "spokesman said on Monday in Donetsk. According to him, the two villages are "
                             "Zaitseve and Holmivskyi.")
    named = {c.place.mention: c.holder for c in got.controls}
    assert named["Zaitseve"] == named["Holmivskyi"] == "Donetsk People's Republic"
    (villages,) = controls_at(got, "villages")
    assert villages.place.parents[0] == "Bakhmut"  # near Bakhmut, not Bakhmut


def test_the_peninsula_of_a_place_is_that_place(extractor):
    got = extract(extractor, "Russia controls about 18 percent of Ukraine's territory, including "
                             "the Black Sea peninsula of Crimea.")
    assert {c.place.mention for c in got.controls} == {"Ukraine", "Crimea"}


def test_most_of_the_districts_a_group_who_has_wrested_them_holds(extractor):
    got = extract(extractor, "Dozens of fighters died in clashes in Yemen's Marib province. Most "
                             "were Houthi forces, who have recently wrested from their rivals most "
                             "of Marib's 14 districts, officials said.")
    (control,) = controls_at(got, "Marib")
    assert control.holder == "Houthis"
    assert control.date.date == WEDNESDAY
