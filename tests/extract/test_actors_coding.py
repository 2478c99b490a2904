"""Actors coded as ACLED codes them when the text leaves a side unnamed, on sentences written
for these tests."""

from __future__ import annotations

import pytest

from .test_claims import extract

pytestmark = pytest.mark.model


@pytest.mark.parametrize("text, sub_type", [
    ("A roadside bomb killed four civilians near the town of Kolbay on Tuesday, officials said.",
     "Remote explosive/landmine/IED"),
    ("A hand grenade thrown at a bus stop in the town of Kolbay wounded six people on Tuesday.",
     "Grenade"),
    ("Unknown gunmen abducted eleven farmers near the village of Kolbay on Tuesday.",
     "Abduction/forced disappearance"),
])
def test_an_unnamed_perpetrator_is_an_unidentified_armed_group(extractor, text, sub_type):
    (claim,) = extract(extractor, text).claims
    assert claim.sub_event_type == sub_type
    assert claim.actor1 == "Unidentified Armed Group"


def test_a_named_perpetrator_is_kept_and_an_air_strike_is_not_given_a_group(extractor):
    got = extract(extractor, "Al Shabaab claimed a roadside bomb that killed four soldiers near "
                             "the town of Kolbay in Somalia on Tuesday.")
    assert [c.actor1 for c in got.claims] == ["Al Shabaab"]
    got = extract(extractor, "An air strike killed four people in the town of Kolbay on Tuesday.")
    assert [c.actor1 for c in got.claims] == [""]


def test_a_capture_of_several_places_is_a_change_of_ground_at_each(extractor):
    got = extract(extractor, "Government troops seized the villages of Kolbay, Ridnyi and "
                             "Stavky, as well as the village of Morava, on Tuesday, state "
                             "television said.")
    assert sorted(c.place.mention for c in got.claims) == ["Kolbay", "Morava", "Ridnyi",
                                                           "Stavky"]
    assert len({c.id for c in got.claims}) == 4
    assert len({(c.sub_event_type, c.actor1, c.date.date) for c in got.claims}) == 1
    # an attack on two places is one incident told with both, as before
    got = extract(extractor, "Gunmen attacked Kolbay and Ridnyi on Tuesday, killing four.")
    assert len(got.claims) == 1


@pytest.mark.parametrize("text", [
    "An angry mob beat a suspected thief to death in the town of Kolbay on Friday, police said.",
    "Vigilantes lynched a man accused of theft in the town of Kolbay on Friday.",
])
def test_a_mob_is_rioters_as_acled_codes_mob_violence(extractor, text):
    (claim,) = extract(extractor, text).claims
    assert (claim.sub_event_type, claim.actor1) == ("Mob violence", "Rioters")


@pytest.mark.parametrize("text, actor1, actor2", [
    ("PKK militants attacked a Turkish army outpost in Hakkari province on Sunday, killing two "
     "soldiers, the defence ministry said.", "PKK: Kurdistan Workers Party",
     "Military Forces of Turkey"),
    ("ELN guerrillas attacked a police station in the town of Kolbay in Colombia on Sunday, "
     "killing two police officers, the army said.", "ELN: National Liberation Army",
     "Police Forces of Colombia"),
    ("SPLA-IO fighters ambushed a South Sudanese army convoy near the town of Kolbay on Sunday, "
     "killing six soldiers.", "SPLM/A-IO: Sudan People's Liberation Movement/Army-In Opposition",
     "Military Forces of South Sudan"),
])
def test_the_parties_of_more_conflicts_are_known_by_name(extractor, text, actor1, actor2):
    claims = extract(extractor, text).claims
    assert claims and {(c.actor1, c.actor2) for c in claims} == {(actor1, actor2)}


def test_the_army_s_opponent_is_the_conflict_s_own_party_not_a_foreign_force_named_more(extractor):
    """A story on a foreign post beside the front names the foreign troops most; the ground
    the army took was the rebels'."""
    got = extract(extractor, "Syrian government forces seized the village of Kolbay in Syria's "
                             "Hama province on Friday, Syrian state media said. Rebels had held "
                             "it for years. Turkey maintains an observation post near Kolbay; "
                             "Turkish soldiers stayed inside it and Turkish troops were not "
                             "harmed.")
    seized = [c for c in got.claims if c.sub_event_type == "Government regains territory"]
    assert seized and {c.actor2 for c in seized} == {"Syrian rebels"}


def test_former_fighters_among_the_dead_are_no_side_of_a_battle(extractor):
    (claim,) = extract(extractor, "Gunmen killed five demobilised former guerrillas in the "
                                  "village of Kolbay on Monday, police said.").claims
    assert claim.event_type == "Violence against civilians" and claim.actor2 == "Civilians"


def test_anti_government_fighters_are_not_the_government_s_forces(extractor):
    (claim,) = extract(extractor, "Five people were killed after anti-government fighters "
                                  "shelled the town of Kolbay in Sudan on Monday, official "
                                  "radio said.").claims
    assert claim.sub_event_type == "Shelling/artillery/missile attack"
    assert claim.actor1 != "Military Forces of Sudan"


def test_an_army_spokesman_telling_of_rebel_shelling_does_not_make_it_the_army_s(extractor):
    for text in ("An army spokesman said one woman died in Monday's rebel shelling of Kolbay "
                 "in Sudan.",
                 "Sudan's army spokesman said one woman was killed by rebel shelling in the "
                 "town of Kolbay on Monday."):
        (claim,) = extract(extractor, text).claims
        assert claim.sub_event_type == "Shelling/artillery/missile attack"
        assert claim.attributed_to == "Military Forces of Sudan"
        assert claim.actor1 != "Military Forces of Sudan"


@pytest.mark.parametrize("text, actor1, place", [
    ("Israel bombed a house in the town of Kolbay on Monday, killing three people, medics said.",
     "Military Forces of Israel", "Kolbay"),
    ("Ukraine said Russia shelled the town of Kolbay on Monday, killing two civilians.",
     "Military Forces of Russia", "Kolbay"),
])
def test_a_country_that_strikes_is_its_forces_and_not_the_place(extractor, text, actor1, place):
    (claim,) = extract(extractor, text).claims
    assert claim.actor1 == actor1 and claim.place.mention == place


def test_a_truce_between_a_country_and_a_group_names_both_and_happens_where_it_holds(extractor):
    (claim,) = extract(extractor, "A ceasefire between Israel and Islamic Jihad took effect in "
                                  "the town of Kolbay on Sunday.").claims
    assert claim.sub_event_type == "Agreement"
    assert {claim.actor1, claim.actor2} == {"Military Forces of Israel",
                                            "Palestinian Islamic Jihad"}
    assert claim.place.mention == "Kolbay"


def test_a_country_that_only_speaks_or_files_the_story_is_no_party(extractor):
    for text in ("Egypt called on both sides to observe a truce in the town of Kolbay on Sunday.",
                 "NAIROBI, Kenya (AP) — A suicide bomber blew himself up near a convoy in the "
                 "town of Kolbay in Somalia on Sunday, killing four people, police said."):
        claims = extract(extractor, text).claims
        assert claims and all("Egypt" not in c.actor1 + c.actor2 and "Kenya" not in
                              c.actor1 + c.actor2 for c in claims)


def test_another_conflict_s_acronym_is_not_its_group(extractor):
    """"PMF" in a story on Nigeria's Plateau State is its Police Mobile Force, not Iraq's
    Popular Mobilization Forces; the story stays on Nigeria."""
    got = extract(extractor, "Gunmen attacked the village of Kolbay in Nigeria's Plateau State on Sunday, "
                             "killing 13 people. Police and PMF personnel arrested seven "
                             "suspects in Bokkos on Monday.")
    assert got.claims
    assert all("Popular Mobilization" not in c.actor1 + c.actor2 for c in got.claims)


def test_the_dead_a_witness_counts_after_an_arrest_are_no_part_of_the_arrest(extractor):
    got = extract(extractor, "Police arrested seven men in the village of Kolbay on Sunday. A "
                             "witness said he counted 10 dead bodies when the attackers left "
                             "the village.")
    dead = [c for c in got.claims if c.fatalities is not None]
    assert dead and all(c.sub_event_type != "Arrests" for c in dead)
    assert all(c.fatalities is None for c in got.claims if c.sub_event_type == "Arrests")


def test_a_name_that_labels_another_incident_is_not_where_the_story_goes_on(extractor):
    got = extract(extractor, "Gunmen attacked the village of Kolbay in Nigeria on Sunday. "
                             "Villagers helped arrest seven men who took part in the Maiduguri "
                             "attack. A witness said he counted 10 dead bodies when the "
                             "attackers left the village.")
    dead = [c for c in got.claims if c.fatalities is not None]
    assert dead and all(c.place is not None and c.place.mention == "Kolbay" for c in dead)


def test_the_police_telling_of_an_attack_on_a_village_are_no_side_of_it(extractor):
    (claim,) = extract(extractor, "Gunmen attacked the village of Kolbay in Nigeria's Borno "
                                  "State on Sunday, police said.").claims
    assert (claim.sub_event_type, claim.actor2) == ("Attack", "Civilians")
