"""ACLED's sub-event types beyond battles and explosions, and the distinctions it draws, read
from the sentence's own words; on sentences written for these tests."""

from __future__ import annotations

import pytest

from .test_claims import extract

pytestmark = pytest.mark.model


@pytest.mark.parametrize("text, sub_type", [
    ("Thousands of teachers marched peacefully through the capital on Monday demanding higher "
     "pay.", "Peaceful protest"),
    ("Police used water cannon and rubber bullets to disperse hundreds of students protesting in "
     "the capital on Monday.", "Protest with intervention"),
    ("Security forces opened fire on protesters in the capital on Monday, killing four people, "
     "witnesses said.", "Excessive force against protesters"),
    ("Protesters threw rocks at police and set tyres ablaze in the capital on Monday.",
     "Violent demonstration"),
    ("Crowds protested in several districts of the capital on Thursday, starting fires and "
     "throwing rocks at police.", "Violent demonstration"),
    ("An angry mob beat a suspected thief to death in the market town on Monday, police said.",
     "Mob violence"),
    ("The two armed groups signed a ceasefire agreement in the capital on Monday.", "Agreement"),
    ("Police defused a bomb planted near a school in the town on Monday.",
     "Disrupted weapons use"),
    ("Soldiers seized a large cache of weapons and ammunition in a raid on Monday, the army said.",
     "Disrupted weapons use"),
    ("The rebel group established a new base near the border town on Monday, residents said.",
     "Headquarters or base established"),
    ("Two armed factions announced on Monday that they had merged into a new coalition.",
     "Change to group/activity"),
])
def test_sub_event_types_from_the_sentence_s_words(extractor, text, sub_type):
    got = extract(extractor, text)
    assert got.claims, text
    assert got.claims[0].sub_event_type == sub_type


def test_according_to_is_no_agreement(extractor):
    got = extract(extractor, "Three soldiers were killed in clashes with rebels on Monday, "
                             "according to the army.")
    assert all(c.sub_event_type != "Agreement" for c in got.claims)


def test_a_clash_with_civilians_is_an_attack_on_them_and_with_a_crowd_a_riot(extractor):
    got = extract(extractor, "Gunmen attacked the village of Kadiel on Monday, killing five "
                             "villagers, residents said.")
    (claim,) = got.claims
    assert (claim.event_type, claim.sub_event_type) == ("Violence against civilians", "Attack")
    assert claim.actor2 == "Civilians"


def test_a_foiled_bomb_is_disrupted_weapons_use_not_a_bombing(extractor):
    got = extract(extractor, "Police foiled a car bomb attack in the capital on Saturday "
                             "morning, officials said.")
    assert got.claims and got.claims[0].sub_event_type == "Disrupted weapons use"


@pytest.mark.parametrize("text, sub_type", [
    ("Dozens of people were treated for breathing difficulties after a chlorine attack on the "
     "town on Monday, doctors said.", "Chemical weapon"),
    ("Security forces violently dispersed a peaceful sit-in outside the ministry on Monday, "
     "witnesses said.", "Excessive force against protesters"),
    ("The army deployed reinforcements to the border town on Monday, officials said.",
     "Change to group/activity"),
])
def test_more_of_the_codebook_s_wordings(extractor, text, sub_type):
    got = extract(extractor, text)
    assert got.claims and got.claims[0].sub_event_type == sub_type


def test_a_violated_ceasefire_is_no_agreement_and_a_person_seized_is_abducted(extractor):
    got = extract(extractor, "The army said the rebels had violated the ceasefire 12 times over "
                             "the weekend.")
    assert all(c.sub_event_type != "Agreement" for c in got.claims)
    got = extract(extractor, "An aid worker was seized in the northern city of Gao on Saturday, "
                             "officials said.")
    (claim,) = got.claims
    assert claim.sub_event_type == "Abduction/forced disappearance"
    assert claim.actor2 == "Civilians"


@pytest.mark.parametrize("text", [
    "A tank at the gas plant exploded on Thursday night, injuring four workers.",
    "Firefighters battled several wildfires near the town on Monday, forcing thousands to flee.",
])
def test_accidents_and_disasters_are_no_political_violence(extractor, text):
    assert not extract(extractor, text).claims


def test_a_blast_with_an_armed_group_is_still_an_event(extractor):
    got = extract(extractor, "An explosion planted by al-Shabaab militants hit a fuel tank at "
                             "the port on Monday, killing three people, police said.")
    assert got.claims


@pytest.mark.parametrize("text", [
    "The navy test-fired a new anti-ship missile off the coast on Tuesday, the ministry said.",
    "The army tested a long-range cruise missile at a desert range on Tuesday.",
    "The state's space agency launched a military satellite on Tuesday, state media said.",
    "More than 20,000 villagers have fled across the border into the neighbouring country after "
    "the killing of a local chief, aid agencies said.",
])
def test_weapons_tests_and_mass_flight_are_other_developments(extractor, text):
    """ACLED's Other strategic development: a weapons test and a mass flight of people; the
    dead a flight's sentence names belong to what drove people out, not to the flight."""
    got = extract(extractor, text)
    assert got.claims, text
    claim = got.claims[0]
    assert (claim.event_type, claim.sub_event_type) == ("Strategic developments", "Other")
    assert claim.fatalities is None


@pytest.mark.parametrize("text, sub_type", [
    ("The rebels launched 40 missiles at the town on Monday, officials said.",
     "Shelling/artillery/missile attack"),
    ("Thousands of residents fled the town on Monday as shelling intensified.",
     "Shelling/artillery/missile attack"),
])
def test_launched_missiles_and_a_flight_from_shelling_are_the_attack(extractor, text, sub_type):
    got = extract(extractor, text)
    assert got.claims and got.claims[0].sub_event_type == sub_type


@pytest.mark.parametrize("text", [
    "The gunmen fled after the raid on the village on Monday, police said.",
    "Militants attacked a camp for displaced people near the town on Monday.",
    "More than two million people have fled their homes since the war began.",
])
def test_few_fled_or_a_period_s_flight_is_no_development(extractor, text):
    got = extract(extractor, text)
    assert all(c.sub_event_type != "Other" for c in got.claims), text


def test_a_war_s_toll_told_beside_its_displaced_stays_a_toll(extractor):
    got = extract(extractor, "More than 40,000 people have died in the conflict, and almost "
                             "two million have been displaced from their homes.")
    assert not got.claims
    assert [t.count.value for t in got.tolls] == [40000]


def test_an_undated_intervention_at_a_dated_protest_s_place_is_that_protest(extractor):
    got = extract(extractor, "Police fired tear gas at students protesting outside the "
                             "University of Kisumu on Monday, witnesses said.")
    assert [c.sub_event_type for c in got.claims] == ["Protest with intervention"]
