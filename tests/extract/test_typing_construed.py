"""Sub-event types told by a verb and what it acts on (data/triggers.yaml, ``verb_objects``),
ground handed over without a fight, and what a deal is about; on sentences written for these
tests."""

from __future__ import annotations

import pytest

from .test_claims import extract

pytestmark = pytest.mark.model


@pytest.mark.parametrize("text, sub_type", [
    ("The army has set up a new observation post near the river town on Monday, residents "
     "said.", "Headquarters or base established"),
    ("Foreign troops established three military checkpoints on the road north of the town on "
     "Monday.", "Headquarters or base established"),
    ("Customs officers intercepted twenty rifles and a box of pistols at the border post on "
     "Monday.", "Disrupted weapons use"),
    ("Several homemade bombs were discovered by police in a house in the old quarter on "
     "Monday.", "Disrupted weapons use"),
    ("Nigerian troops freed four villages from the insurgents in the north on Monday, the "
     "army said.", "Government regains territory"),
    ("The rebels took over the garrison town without a fight on Monday, residents said.",
     "Non-violent transfer of territory"),
    ("Police broke up a rally of opposition supporters in the capital on Monday.",
     "Protest with intervention"),
    ("Riot police beat protesters with clubs outside parliament on Monday, witnesses said.",
     "Excessive force against protesters"),
    ("More than forty rebel fighters surrendered to the army in the eastern hills on Monday.",
     "Agreement"),
])
def test_sub_types_a_verb_and_its_object_tell(extractor, text, sub_type):
    got = extract(extractor, text)
    assert got.claims, text
    assert got.claims[0].sub_event_type == sub_type


def test_fighters_driven_out_of_villages_are_no_captives(extractor):
    got = extract(extractor, "Nigerian troops drove the militants out of six villages near the "
                             "border on Monday, the army said.")
    assert got.claims[0].sub_event_type == "Government regains territory"


def test_weapons_handed_over_are_no_ground(extractor):
    got = extract(extractor, "The rebels handed over their heavy weapons to the army in the "
                             "town on Monday.")
    assert all(c.sub_event_type != "Non-violent transfer of territory" for c in got.claims)


def test_a_ceasefire_to_end_the_fighting_is_an_agreement(extractor):
    got = extract(extractor, "The two sides agreed a ceasefire on Monday to end the fighting "
                             "in the border town.")
    assert got.claims[0].sub_event_type == "Agreement"


def test_a_mine_among_soldiers_is_no_accident(extractor):
    got = extract(extractor, "Six soldiers were wounded when a mine planted by militants "
                             "exploded under their truck near the town on Monday.")
    assert got.claims[0].sub_event_type == "Remote explosive/landmine/IED"


@pytest.mark.parametrize("text", [
    "A hand grenade exploded during an attempted robbery at a pharmacy in the city on Monday, "
    "police said.",
    "The government imposed new sanctions on Monday aimed at the country's missile development "
    "programme.",
    "Officials said on Monday that foreign fighters were suspected to be behind the twin blasts "
    "at the market.",
])
def test_no_conflict_event(extractor, text):
    assert not extract(extractor, text).claims, text


@pytest.mark.parametrize("text, sub_type", [
    ("Thousands marched through the capital on Saturday; there were scuffles with police near "
     "the parliament.", "Violent demonstration"),
    ("Police fired tear gas while clashing with protesters in the capital on Saturday.",
     "Violent demonstration"),
    ("Protesters smashed shop windows and hurled bottles in the city centre on Saturday.",
     "Violent demonstration"),
    ("Gunmen stormed a university in the capital on Monday, killing twelve students.", "Attack"),
])
def test_riots_and_attacks_on_buildings(extractor, text, sub_type):
    got = extract(extractor, text)
    assert got.claims, text
    assert got.claims[0].sub_event_type == sub_type


@pytest.mark.parametrize("text, sub_type", [
    ("Israeli jets fired two missiles at a warehouse near the port on Monday.",
     "Air/drone strike"),
    ("Police fired tear gas to disperse students protesting in the capital on Monday, and "
     "later riot police guarded the ministry.", "Protest with intervention"),
    ("Soldiers entered the village on Sunday and raped several women, residents said.",
     "Sexual violence"),
    ("Security forces dispersed the demonstration in the city on Monday using live bullets.",
     "Excessive force against protesters"),
    ("Thousands marched through the city on Saturday, and some smashed store windows.",
     "Violent demonstration"),
    ("Foreign troops have withdrawn from a key base near the border, officials said on Monday.",
     "Change to group/activity"),
    ("Government troops have withdrawn from the area around the town, residents said on Monday.",
     "Non-violent transfer of territory"),
])
def test_the_weapon_and_the_harm_decide(extractor, text, sub_type):
    got = extract(extractor, text)
    assert got.claims, text
    assert got.claims[0].sub_event_type == sub_type


def test_a_protest_that_turns_into_a_riot_is_coded_a_riot(extractor):
    got = extract(extractor, "Thousands of teachers marched through the capital on Saturday. "
                             "There were scuffles with police in the centre of Kisumu.")
    assert got.claims[0].sub_event_type == "Violent demonstration"


def test_shells_that_held_gas_make_a_chemical_attack(extractor):
    got = extract(extractor, "Dozens of people were treated for breathing difficulties after "
                             "rebels fired shells into the town on Monday. Doctors in Kafr Nabl "
                             "suspect the shells contained chlorine gas.")
    assert got.claims[0].sub_event_type == "Chemical weapon"


def test_withdrawing_from_a_treaty_is_no_ground(extractor):
    got = extract(extractor, "The government formally withdrew from the arms control treaty "
                             "on Monday.")
    assert all(c.sub_event_type != "Non-violent transfer of territory" for c in got.claims)


def test_fire_opened_on_an_armed_group_is_a_battle(extractor):
    got = extract(extractor, "Israeli soldiers opened fire on Hezbollah fighters near the "
                             "border on Monday.")
    assert got.claims[0].sub_event_type == "Armed clash"


def test_sexual_assaults_are_sexual_violence(extractor):
    got = extract(extractor, "Soldiers were accused on Monday of the sexual assault of three "
                             "women in the village of Kadiel.")
    assert got.claims[0].sub_event_type == "Sexual violence"


@pytest.mark.parametrize("text, sub_type", [
    ("Syrian warplanes destroyed an arms depot of the rebels near the town on Monday.",
     "Air/drone strike"),
])
def test_what_aircraft_do_is_an_air_strike(extractor, text, sub_type):
    assert extract(extractor, text).claims[0].sub_event_type == sub_type


@pytest.mark.parametrize("text", [
    "Officials said on Monday that the army continues its offensive against the rebels.",
])
def test_a_campaign_is_no_new_incident(extractor, text):
    assert not extract(extractor, text).claims, text



def test_what_a_group_can_do_is_no_event(extractor):
    got = extract(extractor, "The army killed 30 rebels on Monday and said the rest can either "
                             "surrender or leave the town.")
    assert all(c.sub_event_type != "Agreement" for c in got.claims)
