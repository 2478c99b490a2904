"""Monitor and regional-administration bulletins: a lead that says what hit the region, then
place-by-place items with their dead and wounded. Texts written for these tests."""

from __future__ import annotations

import pytest

from .test_claims import extract

pytestmark = pytest.mark.model

BULLETIN = (
    "Russian forces shelled towns of the region 19 times over the past 24 hours, killing three "
    "civilians and injuring seven, the governor said on Saturday.\n\n"
    '"Bakhmut district. In Soledar, a school was destroyed, two houses were damaged; one person '
    "died, two were injured. In Siversk, two houses were damaged; in Toretsk, one man was "
    'wounded. Kramatorsk district. In Ivanivka, two people died, four were injured and a gas '
    'pipeline was damaged."')


def test_each_item_with_casualties_is_an_incident_of_the_lead_s_type(extractor):
    got = extract(extractor, BULLETIN)
    items = {c.place.mention: c for c in got.claims}
    assert set(items) == {"Soledar", "Toretsk", "Ivanivka"}  # damage alone makes none
    assert {c.sub_event_type for c in got.claims} == {"Shelling/artillery/missile attack"}
    assert {c.actor1 for c in got.claims} == {"Military Forces of Russia"}
    assert items["Soledar"].fatalities.value == 1 and items["Ivanivka"].fatalities.value == 2
    assert items["Toretsk"].fatalities is None and items["Toretsk"].injured.value == 1
    # each item is its own clause, and the heading above it is its district
    assert items["Toretsk"].evidence.text.startswith("in Toretsk")
    assert items["Ivanivka"].place.parents == ("Kramatorsk district",)


def test_the_lead_s_figures_are_a_toll_not_an_event_besides_the_items(extractor):
    got = extract(extractor, BULLETIN)
    assert all(not c.evidence.text.startswith("Russian forces shelled") for c in got.claims)
    assert sorted(t.count.value for t in got.tolls) == [3, 7]


def test_a_sentence_opening_on_a_place_without_a_lead_is_no_incident(extractor):
    got = extract(extractor, "The governor spoke on Saturday about the harvest. In Soledar, one "
                             "person died and two were injured in a road accident.")
    assert got.claims == ()
