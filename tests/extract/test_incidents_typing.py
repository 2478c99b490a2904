"""Which incident a sentence tells and of what ACLED sub-type: the target and the weapon decide,
background and descriptions are no incident; on sentences written for these tests."""

from __future__ import annotations

import pytest

from .test_claims import extract

pytestmark = pytest.mark.model


@pytest.mark.parametrize("text, sub_type", [
    # the target decides: fire on protesters is force against them, an attack on villages
    # with no armed side defending them an attack on civilians
    ("Soldiers opened fire on the demonstrators outside the stadium on Tuesday, witnesses "
     "said.", "Excessive force against protesters"),
    ("Three villages were attacked by gunmen in the district on Tuesday, residents said.",
     "Attack"),
    # what aircraft attack is an air strike
    ("The air force stepped up its sorties on Tuesday, targeting rebel positions near the "
     "city.", "Air/drone strike"),
    ("A military base near the border was targeted with several drones on Sunday, news "
     "agencies reported.", "Air/drone strike"),
    # a bomber who walks into a room takes no ground
    ("On Monday the bomber entered a classroom in the town and blew up his explosive vest.",
     "Suicide bomb"),
    ("Unknown men used two gas cylinder bombs to target the army barracks in the city on "
     "Monday.", "Remote explosive/landmine/IED"),
    # what else happened at the place is another story
    ("Soldiers shot dead two men on Wednesday night in a suburb of the capital, where "
     "protesters and police clashed earlier in the day.", "Attack"),
    ("Five students who took part in the protests were arrested on Monday night in the "
     "capital.", "Arrests"),
])
def test_the_sentence_s_own_incident_and_its_type(extractor, text, sub_type):
    got = extract(extractor, text)
    assert got.claims, text
    assert got.claims[0].sub_event_type == sub_type


@pytest.mark.parametrize("text", [
    "It was the latest in a string of clashes with Cameroonian troops in the Northwest "
    "region.",
    "Since 2019, separatist fighters have been clashing with Cameroonian troops in the "
    "Northwest region.",
    "There was no reported fighting in the area on Monday, residents said.",
    "The senator urged the government on Monday to stop killing protesters in the capital.",
    "Police were hunting students in several districts that have seen strong protest "
    "activity.",
])
def test_background_and_descriptions_are_no_incident(extractor, text):
    assert not extract(extractor, text).claims, text


def test_a_lead_that_tells_the_act_needs_no_place_or_date(extractor):
    got = extract(extractor, "A mob lynched a man accused of stealing a goat.")
    assert [c.sub_event_type for c in got.claims] == ["Mob violence"]
    got = extract(extractor, "Rifles and thousands of rounds of ammunition were seized.")
    assert [c.sub_event_type for c in got.claims] == ["Disrupted weapons use"]


def test_a_later_sentence_with_nothing_around_it_is_comment(extractor):
    got = extract(extractor, "Rebels attacked the town of Kabo on Monday, residents said. The "
                             "governor spoke to reporters. Weapons were seized.")
    assert [c.sub_event_type for c in got.claims] == ["Armed clash"]


def test_troops_who_surrender_during_a_battle_make_no_agreement(extractor):
    got = extract(extractor, "Rebels and government troops fought for the town of Kabo on "
                             "Monday, residents said. Some government soldiers surrendered and "
                             "others fled.")
    assert got.claims
    assert all(c.sub_event_type != "Agreement" for c in got.claims)


@pytest.mark.parametrize("text", [
    "Earlier, the prime minister said the military offensive in the north achieved its goals.",
    "The government was accused of using gas in its fight to retake the city of Kabo.",
    "Their intention was to loot from the villagers of Kabo on Monday but they fled.",
    "Young activists have staged frequent protests in the capital of Kenya.",
    "Medics treated eight wounded people in Kabo on Monday, including five who were shot with "
    "live bullets.",
])
def test_campaigns_aims_habits_and_victims_described_are_no_incident(extractor, text):
    assert not extract(extractor, text).claims, text


def test_ground_entered_under_a_deal_is_handed_over(extractor):
    got = extract(extractor, "Russian troops have entered the district of Kabo as an agreement "
                             "has been reached.")
    assert got.claims[0].sub_event_type == "Non-violent transfer of territory"


def test_shells_filled_with_chlorine_are_a_chemical_attack(extractor):
    got = extract(extractor, "The militants shelled government troops in Kabo on Monday with "
                             "mortars filled with chlorine gas.")
    assert got.claims[0].sub_event_type == "Chemical weapon"


def test_bombs_the_police_detonated_and_foiled_are_disrupted(extractor):
    got = extract(extractor, "Somali police on Saturday dismantled and detonated two bombs in "
                             "Kabo. The Somali police foiled two bombs fitted to a car, a spokesman said.")
    assert {c.sub_event_type for c in got.claims} == {"Disrupted weapons use"}


def test_bombs_foiled_after_a_blast_leave_the_blast_a_blast(extractor):
    got = extract(extractor, "A roadside bomb exploded near a police patrol in Kabo on Saturday. "
                             "Police foiled two more bombs planted under a nearby bridge.")
    assert [c.sub_event_type for c in got.claims] == ["Remote explosive/landmine/IED",
                                                      "Disrupted weapons use"]


def test_another_attack_claimed_is_a_new_incident_coded_by_its_weapon(extractor):
    got = extract(extractor, "Gunmen attacked a village in Diyala province on Monday, killing "
                             "eight civilians. The Islamic State on Sunday claimed responsibility "
                             "for another attack in Kirkuk province, when a roadside bomb killed "
                             "nine police officers.")
    assert [c.sub_event_type for c in got.claims] == ["Attack", "Remote explosive/landmine/IED"]


def test_a_bomb_in_a_vehicle_is_no_suicide_bomb_unless_said(extractor):
    got = extract(extractor, "Four policemen were killed when a vehicle-borne improvised "
                             "explosive device, emplaced by militants, detonated in Kabo on "
                             "Monday.")
    assert got.claims[0].sub_event_type == "Remote explosive/landmine/IED"
    got = extract(extractor, "Militants detonated a suicide vehicle-borne improvised explosive "
                             "device at a hotel in Kabo on Monday, killing 25 people.")
    assert got.claims[0].sub_event_type == "Suicide bomb"


def test_homes_looted_in_a_targeted_attack_after_fighting_are_looting(extractor):
    got = extract(extractor, "Hundreds of homes were looted in what appears to be a targeted "
                             "attack on the villages of Kabo after fighting on Monday, a rights "
                             "group said.")
    assert got.claims[0].sub_event_type == "Looting/property destruction"


@pytest.mark.parametrize("text, sub_type", [
    ("The UN mission formally handed its temporary operating base in Kabo to the national army "
     "on Friday.", "Non-violent transfer of territory"),
    ("The mission said on Friday it had completed the handover of its base in Kabo to the "
     "authorities.", "Non-violent transfer of territory"),
    ("Army bulldozers razed the homes of three families in Kabo on Thursday.",
     "Looting/property destruction"),
])
def test_ground_handed_over_and_homes_razed(extractor, text, sub_type):
    got = extract(extractor, text)
    assert got.claims, text
    assert got.claims[0].sub_event_type == sub_type


@pytest.mark.parametrize("text", [
    "The handover of power to a civilian government was completed on Friday in Kabo.",
    "The operation today targets the active elements who are suspected of crimes in Kabo.",
    "Despite tight security, activists have staged frequent flash mob protests in Yangon.",
])
def test_a_handover_of_power_an_operation_s_aim_and_a_habit_are_no_incident(extractor, text):
    assert not extract(extractor, text).claims, text


def test_control_taken_of_a_city_is_one_capture(extractor):
    got = extract(extractor, 'Kurdish forces took "full control" of the city of Kabo on Thursday '
                             'morning, a spokesman said.')
    assert len(got.claims) == 1


@pytest.mark.parametrize("text", [
    "Protesters poured into the streets of Kabo late on Friday, denouncing the election result.",
    "Demonstrators chanted anti-government slogans outside parliament in Kabo on Monday.",
    "Teachers staged a sit-in outside the ministry in Kabo on Monday.",
])
def test_what_a_crowd_does_is_a_protest(extractor, text):
    got = extract(extractor, text)
    assert [c.sub_event_type for c in got.claims] == ["Peaceful protest"], text


def test_protesters_who_are_arrested_do_not_protest_by_it(extractor):
    got = extract(extractor, "Police arrested twenty protesters in Kabo on Monday.")
    assert all(c.sub_event_type != "Peaceful protest" for c in got.claims)


def test_a_suicide_attacker_told_after_an_attack_sharpens_it(extractor):
    got = extract(extractor, "Rebels attacked an army convoy near Kabo on Sunday, killing five "
                             "soldiers. Police said a suicide attacker rammed a vehicle into the "
                             "convoy.")
    assert {c.sub_event_type for c in got.claims} == {"Suicide bomb"}


@pytest.mark.parametrize("text", [
    "Despite fears that the militants might have got long-range rockets and missiles, Kurdish "
    "forces in Kabo were calm on Monday.",
    "The rebels have rocket-firing helicopters in Kabo, an official said on Monday.",
    "The army has helicopters that can be used to attack Kabo, an official said on Monday.",
    "Residents of Kabo said on Monday they had not benefited from the truce.",
])
def test_arms_that_might_be_had_or_describe_and_a_truce_in_force_are_no_incident(extractor,
                                                                                  text):
    assert not extract(extractor, text).claims, text


def test_suicide_bombs_set_off_with_gunfire_are_a_suicide_bombing(extractor):
    got = extract(extractor, "Attackers set off suicide bombs and exchanged gunfire outside a "
                             "cafe in Kabo on Thursday.")
    assert got.claims[0].sub_event_type == "Suicide bomb"


@pytest.mark.parametrize("text, sub_type", [
    ("Air defence systems downed 36 Ukrainian drones over the Kursk region overnight, the "
     "Russian defence ministry said on Monday.", "Disrupted weapons use"),
    ("Armed terrorists raided the village of Kabo on Monday and attacked the local population.",
     "Attack"),
])
def test_drones_downed_and_a_population_attacked(extractor, text, sub_type):
    got = extract(extractor, text)
    assert got.claims, text
    assert got.claims[0].sub_event_type == sub_type


@pytest.mark.parametrize("text", [
    "It was the latest blow to a region of Mali which is battling a surge in jihadist "
    "violence that has claimed hundreds of lives.",
    "The Malian army said on Monday its fight against terrorism would go on in Mopti.",
])
def test_a_fight_against_a_surge_or_terrorism_is_no_clash(extractor, text):
    assert all(c.event_type != "Battles" for c in extract(extractor, text).claims), text


def test_a_toll_that_describes_a_noun_is_no_killing_of_the_day(extractor):
    got = extract(extractor, "A surge in violence by the Islamic State that has killed 49 "
                             "Malian soldiers alarmed Mopti on Monday.")
    assert not got.claims


@pytest.mark.parametrize("text, sub_type", [
    ("The Turkish army has established a number of barracks near the town of Soran on Monday.",
     "Headquarters or base established"),
    ("Police used smoke grenades and pepper spray to disperse the rally in Kabo on Tuesday.",
     "Protest with intervention"),
    ("Crowds of protesters defied a police ban on Saturday in Kabo.", "Peaceful protest"),
])
def test_counted_bases_crowd_control_and_crowds(extractor, text, sub_type):
    got = extract(extractor, text)
    assert got.claims, text
    assert got.claims[0].sub_event_type == sub_type


def test_a_hunger_strike_is_no_protest(extractor):
    # ACLED codes people who gather, not those who forgo food
    got = extract(extractor, "Prisoners in Kabo began a hunger strike on Monday.")
    assert all(c.event_type != "Protests" for c in got.claims)


def test_a_stance_on_arrests_is_no_arrest(extractor):
    got = extract(extractor, "The Chinese liaison office in Kabo said on Monday it firmly "
                             "supported the arrests.")
    assert not got.claims


def test_arrests_of_people_who_took_part_in_demonstrations_are_arrests(extractor):
    got = extract(extractor, "The security service continues to detain people who organise or "
                             "participate in the demonstrations.")
    assert [c.sub_event_type for c in got.claims] == ["Arrests"]


def test_a_judgement_of_the_reports_of_an_incident_is_no_incident(extractor):
    got = extract(extractor, "Reports of shooting by soldiers at the toll gate in Kabo are "
                             "barbaric and unacceptable.")
    assert not got.claims
