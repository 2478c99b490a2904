"""Extraction of claims, tolls and control from short reports written for these tests.

These use the real English pipeline (installed with marsad), marked `model`.
"""

from __future__ import annotations

import datetime as dt

import pytest

from marsad.ingest import Defaults
from marsad.ingest.readers import build_report
from marsad.records import Modality, SourceKind

pytestmark = pytest.mark.model
WEDNESDAY = dt.date(2024, 3, 13)


def extract(extractor, text, published=WEDNESDAY, outlet="Test Wire", title=""):
    report = build_report(text, Defaults(), published=published, outlet=outlet, title=title)
    return extractor.extract(report.model_copy(update={"language": "en"}))


def test_air_strike_with_victims_breakdown_and_monitor(extractor):
    got = extract(extractor, "Nine civilians, including two women and three children, were "
                             "killed in Russian air strikes on the town of Sarmin in Idlib province "
                             "on Monday, the Syrian Observatory for Human Rights said.")
    (claim,) = got.claims
    assert claim.sub_event_type == "Air/drone strike"
    assert claim.actor1 == "Military Forces of Russia" and claim.actor2 == "Civilians"
    assert claim.fatalities.value == 9
    assert (claim.victims.civilians, claim.victims.women, claim.victims.children) == (9, 2, 3)
    assert claim.date.date == dt.date(2024, 3, 11)
    assert claim.attributed_to == "Syrian Observatory for Human Rights"
    assert claim.source_kind == SourceKind.MONITOR
    assert claim.place.mention == "Sarmin"
    assert claim.civilian_targeting


def test_evidence_offsets_point_into_the_report(extractor):
    text = "Fighting was heavy.\n\nThe army said on Tuesday that troops killed 14 al-Shabaab fighters near Jilib."
    report = build_report(text, Defaults(), published=WEDNESDAY, outlet="Test Wire")
    got = extractor.extract(report.model_copy(update={"language": "en"}))
    for claim in got.claims:
        assert report.text[claim.evidence.start:claim.evidence.end] == claim.evidence.text


def test_a_claim_by_a_party_is_marked_as_such(extractor):
    got = extract(extractor, "The army said on Tuesday that its troops killed 14 al-Shabaab "
                             "fighters in clashes near Jilib.")
    claim = got.claims[0]
    assert claim.source_kind == SourceKind.PARTY
    assert claim.attributed_to == "Military Forces of Somalia"
    assert claim.modality == Modality.CLAIMED
    assert claim.victims.per_side == {"Al Shabaab": 14}


def test_a_denial(extractor):
    got = extract(extractor, "A Russian missile struck a hospital in Kharkiv on Tuesday, killing "
                             "four people, officials said. The Russian defence ministry denied that "
                             "its forces had targeted the hospital.")
    modalities = {c.modality for c in got.claims}
    assert Modality.DENIED in modalities
    denied = next(c for c in got.claims if c.modality == Modality.DENIED)
    assert denied.event_type == got.claims[0].event_type  # the denial is about the same strike


def test_a_toll_beside_an_event_is_a_toll_not_an_event(extractor):
    got = extract(extractor, "Shelling by the Rapid Support Forces killed 12 civilians in a market "
                             "in El Fasher on Sunday, medics said. More than 300 civilians have been "
                             "killed in the city since the siege began in May, the United Nations said.")
    assert [c.fatalities.value for c in got.claims] == [12]
    (toll,) = got.tolls
    assert toll.count.value == 300 and toll.count.qualifier.value == "more_than"
    assert toll.victims == "civilians"
    assert toll.period_end == WEDNESDAY


def test_two_incidents_in_one_sentence(extractor):
    got = extract(extractor, "On Monday an air strike hit Maarat al-Numan, while artillery shelled "
                             "the town of Ariha on Tuesday, rescuers said.")
    kinds = sorted((c.sub_event_type, c.date.date) for c in got.claims)
    assert kinds == [("Air/drone strike", dt.date(2024, 3, 11)),
                     ("Shelling/artillery/missile attack", dt.date(2024, 3, 12))]


def test_one_incident_over_three_sentences_keeps_its_type(extractor):
    got = extract(extractor, "A suicide bomber blew up a car at a checkpoint in Mogadishu on Tuesday. "
                             "The dead were seven civilians and three soldiers, police said. "
                             "Al-Shabaab claimed responsibility.")
    assert {c.sub_event_type for c in got.claims} == {"Suicide bomb"}
    assert all(c.date.date == dt.date(2024, 3, 12) for c in got.claims)
    assert any(c.actor1 == "Al Shabaab" for c in got.claims)


def test_a_date_in_the_past_is_background(extractor):
    got = extract(extractor, "The Arakan Army captured the town of Buthidaung in May 2022, "
                             "residents said.")
    assert got.claims and all(c.date.background for c in got.claims)
    assert got.claims[0].date.date == dt.date(2022, 5, 1)


def test_a_number_in_words_and_per_side_deaths(extractor):
    got = extract(extractor, "Eleven RSF fighters and four soldiers were killed in clashes in "
                             "Omdurman on Monday, the army said.")
    claim = got.claims[0]
    assert claim.fatalities.value == 15
    assert claim.victims.per_side == {"Rapid Support Forces": 11, "Military Forces of Sudan": 4}
    assert claim.sub_event_type == "Armed clash"


def test_a_capture_is_an_event_and_a_control_claim(extractor):
    got = extract(extractor, "The Sudanese army retook the town of Bara from the Rapid Support "
                             "Forces on Monday, a military spokesman said.")
    claim = got.claims[0]
    assert claim.sub_event_type == "Government regains territory"
    assert (claim.actor1, claim.actor2) == ("Military Forces of Sudan", "Rapid Support Forces")
    control = got.controls[0]
    assert control.holder == "Military Forces of Sudan" and control.place.mention == "Bara"


def test_control_with_a_share(extractor):
    got = extract(extractor, "The Houthis now control about 60 percent of the city of Taiz, "
                             "a government official said on Tuesday.")
    control = got.controls[0]
    assert control.holder == "Houthis" and control.share == pytest.approx(0.6)


def test_a_threat_is_no_event(extractor):
    got = extract(extractor, "The Houthis threatened on Tuesday to strike the port of Jizan if "
                             "air strikes on Sanaa resumed.")
    assert all(c.modality in (Modality.THREATENED, Modality.PLANNED) for c in got.claims)


def test_a_deed_told_beside_a_threat_is_done_not_threatened(extractor):
    got = extract(extractor, "Soldiers held the woman, threatened her with knives and raped her "
                             "in the village of Kolbay on Monday, her family said.")
    assert [c.sub_event_type for c in got.claims] == ["Sexual violence"]
    assert got.claims[0].modality in (Modality.ASSERTED, Modality.CLAIMED)
    got = extract(extractor, "The militants threatened to attack and burn the village of Kolbay, "
                             "residents said.")
    assert all(c.modality == Modality.THREATENED for c in got.claims)


def test_aliases_are_one_actor_and_the_observatory_is_a_source(extractor):
    got = extract(extractor, "Daesh militants attacked an SDF checkpoint near Hajin on Monday, "
                             "killing three fighters, the Observatory said.")
    claim = got.claims[0]
    assert claim.actor1 == "Islamic State"
    assert "Observatory" not in (claim.actor1 + claim.actor2)


def test_a_report_in_another_language_gives_no_claims_and_says_why(extractor):
    report = build_report("Des combats ont eu lieu dans la ville, selon des habitants.", Defaults(),
                          published=WEDNESDAY)
    got = extractor.extract(report.model_copy(update={"language": "fr"}))
    assert got.claims == () and "English only" in got.notes[0]


def test_the_same_report_gives_the_same_claims_in_every_process(tmp_path):
    """No set or hash order may leak into claims: two processes with different hash seeds."""
    import os
    import subprocess
    import sys

    script = (
        "import json\n"
        "from marsad.extract import Extractor\nfrom marsad.knowledge import load_knowledge\n"
        "from marsad.nlp import load_pipeline\nfrom marsad.ingest import Defaults\n"
        "from marsad.ingest.readers import build_report\nimport datetime as dt\n"
        "text = ('Eleven RSF fighters and four soldiers were killed in clashes in Omdurman on '\n"
        "        'Monday, the army said. Shells hit a market in El Fasher, killing nine civilians.')\n"
        "r = build_report(text, Defaults(), published=dt.date(2024, 3, 13)).model_copy("
        "update={'language': 'en'})\n"
        "x = Extractor(load_pipeline(), load_knowledge()).extract(r)\n"
        "print(x.model_dump_json())\n")
    outputs = []
    for seed in ("1", "5"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                              text=True, timeout=300, check=True)
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]


def test_a_toll_update_is_a_figure_for_the_incident_not_a_toll(extractor):
    got = extract(extractor, "The number of people killed in Tuesday's missile strike on an apartment "
                             "block in Kharkiv's Saltivka district has risen to nine, officials said.")
    assert got.tolls == ()
    (claim,) = got.claims
    assert claim.fatalities.value == 9 and claim.date.date == dt.date(2024, 3, 12)
    assert claim.place.mention == "Saltivka" and claim.place.parents == ("Kharkiv",)


def test_retook_the_city_is_control_of_the_town_named_before(extractor):
    got = extract(extractor, "Russian shelling of Kherson killed two civilians on Tuesday, officials "
                             "said. The front has run along the river since Ukrainian forces retook "
                             "the city in November 2022.")
    control = next(c for c in got.controls if c.holder == "Military Forces of Ukraine")
    assert control.place.mention == "Kherson" and control.date.date == dt.date(2022, 11, 1)


def test_an_explosion_of_unknown_kind_is_a_remote_explosive(extractor):
    got = extract(extractor, "An explosion tore through a bus station in Maiduguri on Tuesday, "
                             "killing five people, police said.")
    (claim,) = got.claims
    assert claim.sub_event_type == "Remote explosive/landmine/IED"
    assert claim.actor2 == "Civilians" and claim.fatalities.value == 5


def test_a_later_sentence_that_blames_names_the_perpetrator(extractor):
    got = extract(extractor, "Air strikes hit a market in Idlib on Monday, killing seven civilians, "
                             "rescuers said. They blamed Russian warplanes.")
    assert got.claims[0].actor1 == "Military Forces of Russia"


def test_a_report_from_a_conflict_without_an_actor_file_still_gets_its_country(extractor):
    got = extract(extractor, "Gunmen killed 12 villagers in an attack on Ogossagou in central Mali "
                             "on Monday, local officials in Mali said.")
    (claim,) = got.claims
    assert claim.place.country == "ML"
    assert claim.actor2 == "Civilians" and claim.fatalities.value == 12


def test_an_alias_shared_by_two_conflicts_names_the_actor_of_this_one(nlp, knowledge):
    from marsad.extract.actors import ActorResolver

    def actors(text):
        doc = nlp(text)
        return {m.name for m in ActorResolver(knowledge, doc).mentions(doc[:])}

    assert "Africa Corps" in actors("Malian troops and Wagner mercenaries killed 20 JNIM fighters "
                                    "near Timbuktu in Mali on Monday, the army said.")
    assert "Military Forces of Russia" in actors("Wagner fighters attacked Ukrainian troops near "
                                                 "Bakhmut on Monday, Ukraine's General Staff said.")


def test_an_attack_that_killed_only_civilians_is_violence_against_civilians(extractor):
    got = extract(extractor, "Gunmen killed 12 villagers in an attack on Ogossagou in central Mali "
                             "on Monday, local officials said.")
    (claim,) = got.claims
    assert (claim.event_type, claim.sub_event_type) == ("Violence against civilians", "Attack")
    assert claim.date.date == dt.date(2024, 3, 11)


def test_a_country_without_an_actor_file_names_its_forces_as_acled_does(extractor):
    got = extract(extractor, "Soldiers repelled an attack on their base near Djibo in Burkina Faso "
                             "on Monday, killing 20 assailants, the army said.")
    assert "Military Forces of Burkina Faso" in {got.claims[0].actor1, got.claims[0].actor2}


def test_the_crowd_is_actor_one_of_a_protest_and_civilians_are_the_targets(extractor):
    got = extract(extractor, "Police fired tear gas at protesters in central Tbilisi on "
                             "Tuesday night, witnesses said.")
    (claim,) = got.claims
    assert claim.event_type == "Protests" and claim.actor1.startswith("Protesters")
    got = extract(extractor, "Al-Shabaab militants abducted a village elder near Jowhar on "
                             "Monday, residents said.")
    (claim,) = got.claims
    assert claim.event_type == "Violence against civilians"
    assert (claim.actor1, claim.actor2) == ("Al Shabaab", "Civilians")


def test_a_denial_and_a_negated_statement_are_denied_and_make_no_event(extractor):
    from marsad.resolve import resolve

    got = extract(extractor, "\"We do not accept that the operation targeted civilians,\" the "
                             "army spokesman said on Tuesday.")
    assert got.claims and all(c.modality == Modality.DENIED for c in got.claims)
    assert resolve(got.claims) == []


def test_the_seat_of_a_province_lies_in_it_and_a_country_never_in_a_town(extractor):
    # "X, the capital of Y's Z province": the town is the place, the country holds it
    (claim,) = extract(extractor, "Gunmen on Tuesday stormed the main police station in Kandal, "
                                  "the capital of Cambodia's southern Takeo province, killing "
                                  "four officers.").claims
    assert claim.place.mention == "Kandal" and "Kandal" not in claim.place.parents


def test_a_country_named_as_a_border_is_not_where_it_happened(extractor):
    (claim,) = extract(extractor, "A car bomb killed nine civilians on Tuesday in a northern "
                                  "Syrian town along the border with Turkey.").claims
    assert claim.place is None or claim.place.mention != "Turkey"


@pytest.mark.parametrize("text, town, country", [
    ("A rocket attack killed four people in a rebel-held district of Syria’s Idlib city on "
     "Monday, a monitor said.", "Idlib", "Syria"),
    ("Shelling killed three civilians on Monday in a neighbourhood of Sudan’s Omdurman city, "
     "activists said.", "Omdurman", "Sudan"),
])
def test_a_town_a_country_owns_is_the_place_inside_it(extractor, text, town, country):
    (claim,) = extract(extractor, text).claims
    assert claim.place.mention == town and claim.place.parents == (country,)


def test_an_attack_on_a_police_station_is_an_attack_on_the_police(extractor):
    (claim,) = extract(extractor, "Gunmen attacked the Sarband and Mattani police stations in "
                                  "Pakistan's Peshawar district on Friday night.").claims
    assert claim.actor2 == "Police Forces of Pakistan"


def test_the_country_of_the_places_names_the_forces_where_the_text_names_none(extractor):
    report = build_report("Gunmen attacked the Sarband police station in Peshawar on Friday "
                          "night and wounded two policemen, police said.", Defaults(),
                          published=WEDNESDAY, outlet="Test Wire")
    report = report.model_copy(update={"language": "en"})
    asked = []

    def ground(names):
        asked.extend(names)
        return "PK"

    (claim,) = extractor.extract(report, ground).claims
    assert "Peshawar" in asked and claim.actor2 == "Police Forces of Pakistan"
    (claim,) = extractor.extract(report).claims  # nothing tells the country
    assert claim.actor2 == ""


@pytest.mark.parametrize("text", [
    "Government aircraft dropped chlorine gas on the town of Saraqeb in Syria on Tuesday, "
    "rescuers said.",
    "Rebels looted shops in the market of Kadugli in Sudan on Monday, residents said.",
    "Houthi shelling on residential neighbourhoods of Taiz in Yemen on Saturday wounded seven "
    "people, officials said.",
])
def test_the_target_no_one_names_is_civilians_where_acled_says_so(extractor, text):
    (claim,) = extract(extractor, text).claims
    assert claim.actor2 == "Civilians"


def test_a_strike_on_fighters_is_not_on_civilians(extractor):
    (claim,) = extract(extractor, "An air strike killed six RSF fighters near Omdurman in Sudan "
                                  "on Monday, the army said.").claims
    assert claim.actor2 == "Rapid Support Forces"


def test_a_report_whose_only_place_is_a_neighbour_still_reads(extractor):
    # the neighbour is no place of the incident, but where the story names nothing else it is
    # the best there is, and a control claim needs a place
    got = extract(extractor, "Militants seized control of the last border post between Chad and "
                             "Sudan on Thursday, a monitor said.")
    assert all(c.place is not None for c in got.controls)


def test_places_are_looked_up_first_in_the_country_they_lie_in(extractor):
    # an armed group of another conflict named, no country: the places decide
    report = build_report("Islamic State fighters killed seven villagers in Kwoti village of "
                          "Bokkos on Sunday, police said.", Defaults(), published=WEDNESDAY,
                          outlet="Test Wire")
    report = report.model_copy(update={"language": "en"})
    (claim,) = extractor.extract(report, lambda names: "NG").claims
    assert claim.place.country == "NG"


def test_a_name_followed_by_city_or_township_is_a_place_whatever_the_ner_said(extractor):
    (claim,) = extract(extractor, "Regime troops fled during Friday’s battle for Myebon-U "
                                  "township, a resident said in Myanmar.").claims
    assert claim.place.mention == "Myebon-U" and claim.place.kind_hint == "township"


def test_a_capital_that_speaks_is_its_government_not_a_place(extractor):
    (claim,) = extract(extractor, "Shelling killed two civilians on Monday, Ukrainian officials "
                                  "said, but Moscow denied targeting civilians.").claims
    assert claim.place is None or claim.place.mention != "Moscow"


def test_the_places_a_capture_is_told_of_in_the_next_sentence_are_each_a_capture(extractor):
    got = extract(extractor, "Donetsk militias have taken control of three villages south of "
                             "Debaltseve in Ukraine on Wednesday, their defence ministry said.\n"
                             "The villages are Kalynivka, Sanzharivka and Orikhove.")
    places = [c.place.mention for c in got.claims
              if c.sub_event_type == "Non-state actor overtakes territory"]
    assert {"Kalynivka", "Sanzharivka", "Orikhove"} <= set(places)
    listed = next(c for c in got.claims if c.place.mention == "Orikhove")
    assert "three villages" in listed.evidence.text and "Orikhove" in listed.evidence.text


def test_what_the_latest_news_comes_a_day_after_is_dated_the_day_before(extractor):
    got = extract(extractor, "The general launched his offensive last month. Clashes in "
                             "Benghazi killed 10 people on Wednesday.\nThe latest bloodshed comes "
                             "a day after government aircraft launched fresh air raids on "
                             "Islamists in Benghazi, a general said.")
    raid = next(c for c in got.claims if c.sub_event_type == "Air/drone strike")
    assert raid.date.date == WEDNESDAY - dt.timedelta(days=1)


def test_a_headline_line_break_is_no_part_of_a_place_name():
    import spacy
    from spacy.tokens import Doc

    from marsad.extract.sentence import _clean_place

    doc = Doc(spacy.blank("en").vocab, words=["south", "of", "Debaltsevo", "\n\n", "The"],
              spaces=[True, True, True, False, False])
    assert _clean_place(doc[2:4]) == ("Debaltsevo", "")


@pytest.mark.parametrize("text, mention", [
    ("Settlers torched two cars in the town of Huwara in the northern West Bank on Monday, "
     "residents said.", "Huwara"),
    ("Government troops shelled positions of the rebels in Eastern Equatoria on Monday, "
     "the rebels said.", "Eastern Equatoria"),
])
def test_a_compass_word_in_capitals_is_part_of_the_name(extractor, text, mention):
    (claim,) = extract(extractor, text).claims
    names = {claim.place.mention, *claim.place.parents, *claim.place.fallbacks}
    assert mention in names and "Bank" not in names and "Equatoria" not in names


def test_a_capital_that_owns_forces_is_the_government_not_the_place(extractor):
    (claim,) = extract(extractor, "Fighters captured the village of Orlivka in the Donetsk "
                                  "region on Monday, as Moscow's forces pressed on.").claims
    assert claim.place.mention != "Moscow"
    assert "Moscow" not in (claim.place.fallbacks or ())


def test_a_name_before_region_or_province_is_a_place(extractor):
    (claim,) = extract(extractor, "Shelling killed two civilians in the Donetsk region on "
                                  "Monday, the governor said.").claims
    assert claim.place.mention == "Donetsk" and claim.place.kind_hint == "region"


def test_the_islamic_state_in_a_story_on_a_province_s_conflict_is_that_province(extractor):
    (claim,) = extract(extractor, "Fighters of the Islamic State group killed six soldiers in "
                                  "a raid on a military base near Maiduguri in Borno state, "
                                  "Nigeria, on Monday.").claims
    assert claim.actor1 == "Islamic State West Africa Province"
    (claim,) = extract(extractor, "Fighters of the Islamic State group killed six soldiers "
                                  "near Raqqa in Syria on Monday.").claims
    assert claim.actor1 == "Islamic State"


def test_the_place_a_wire_story_was_filed_from_is_not_where_it_happened(nlp):
    from marsad.extract.sentence import find_places

    doc = nlp("NAIROBI, Kenya (AP) — A car bomb exploded near a convoy in Beledweyne on "
              "Sunday, killing four people.")
    places = {p.text: p for p in find_places(doc[:])}
    assert places["NAIROBI"].dateline and not places["Beledweyne"].dateline
    doc = nlp("Gunmen in Nairobi attacked a bus on Sunday, killing four people.")
    assert not any(p.dateline for p in find_places(doc[:]))


def test_a_country_s_forces_in_a_town_do_not_make_the_country_the_town_s_parent(extractor):
    (claim,) = extract(extractor, "A car bomb exploded near a convoy of Mali's elite forces in "
                                  "Gao on Monday, killing three soldiers.").claims
    assert claim.place.mention == "Gao" and claim.place.parents == ()


@pytest.mark.parametrize("text, sub_type", [
    # ground the state gave up is a transfer; ground a group gave up, regained
    ("The town of Kelbaj in Syria was taken over by militia fighters on Monday after government "
     "troops left the town.", "Non-violent transfer of territory"),
    ("On Monday, government forces took control of the town of Kelbaj in Syria after the rebels "
     "pulled out.", "Government regains territory"),
    # a foreign army's capture is not a government regaining its own ground
    ("Russian forces captured the village of Kolbay in the Donetsk region of Ukraine on Monday, "
     "Ukraine's army said.", "Non-state actor overtakes territory"),
    ("Syrian government forces recaptured the village of Kolbay in Idlib province in Syria on "
     "Monday.", "Government regains territory"),
])
def test_who_took_the_ground_and_how_decides_the_territory_sub_type(extractor, text, sub_type):
    (claim,) = extract(extractor, text).claims
    assert claim.sub_event_type == sub_type


def test_the_police_who_tell_of_a_bombing_did_not_do_it(extractor):
    (claim,) = extract(extractor, "A car bomb exploded near a market in Mogadishu in Somalia "
                                  "on Monday, killing four people, a Somali police officer "
                                  "said.").claims
    assert not claim.actor1.startswith("Police")
    (claim,) = extract(extractor, "Air strikes hit a fuel depot near Donetsk in Ukraine on "
                                  "Monday, the Russian defence ministry said.").claims
    assert claim.actor1 == "Military Forces of Russia"


def test_a_side_named_only_as_the_source_or_as_what_was_hit_is_not_the_doer(extractor):
    claims = extract(extractor, "According to the army's statement, militants targeted two "
                                "army posts in Gao in Mali last night while two soldiers were "
                                "injured in a roadside blast.").claims
    assert len(claims) == 2  # (the posts attacked, and the blast "while" sets beside it)
    for claim in claims:
        assert claim.actor1 != "Military Forces of Mali"
        assert claim.actor2 == "Military Forces of Mali"


def test_the_vehicle_that_hit_a_mine_is_the_target_not_the_bomber(extractor):
    (claim,) = extract(extractor, "A vehicle of the Malian army hit an improvised explosive "
                                  "device near the town of Douentza in Mali on Sunday, the "
                                  "military said.").claims
    assert claim.actor2 == "Military Forces of Mali" and claim.actor1 != "Military Forces of Mali"


def test_killed_in_the_clashes_is_the_clash_just_told(extractor):
    out = extract(extractor, "Kismayo has been calm for weeks, and traders in Kismayo say "
                             "business is back.\n\nOn Monday, rebels attacked the army post in "
                             "the village of Kolbay in Somalia.\n\nThe army also said that three "
                             "of its soldiers were killed in the clashes.")
    first, second = out.claims
    assert second.place.mention == first.place.mention == "Kolbay"


def test_a_statement_days_after_the_incident_does_not_date_it(extractor):
    out = extract(extractor, "An air strike hit a market in the town of Kolbay in Somalia on "
                             "Monday, killing 12 people, residents said.\n\nThe army said on "
                             "Wednesday that a military air strike on a market targeted fighters.",
                  published=dt.date(2024, 3, 14))
    assert {c.date.date for c in out.claims} == {dt.date(2024, 3, 11)}


def test_the_soldiers_two_verbs_fell_on_are_the_target(extractor):
    (claim,) = extract(extractor, "Separatist fighters ambushed and attacked the soldiers in "
                                  "the village of Kolbay in Somalia on Saturday.").claims
    assert claim.actor2 == "Military Forces of Somalia" and claim.actor1 != claim.actor2


def test_an_attack_told_after_an_arrest_is_an_incident_of_its_own(extractor):
    out = extract(extractor, "Police arrested seven suspects in the village of Kolbay in "
                             "Nigeria on Sunday.\n\nGunmen attacked the village of Ruwan on "
                             "Sunday evening and killed ten people, residents said.")
    assert [c.sub_event_type for c in out.claims] == ["Arrests", "Attack"]


@pytest.mark.parametrize("text", [
    "A gang organized the abduction of a group of missionaries and their families seized as "
    "they left an orphanage near Kolbay in Haiti on Saturday, police said.",
    "Gunmen seized 20 travellers on a highway near Kolbay in Nigeria on Saturday, police said.",
])
def test_people_seized_are_abducted_not_ground_taken(extractor, text):
    claims = extract(extractor, text).claims
    assert claims and all(c.sub_event_type == "Abduction/forced disappearance" for c in claims)


def test_where_jets_took_off_from_is_not_where_they_struck(extractor):
    out = extract(extractor, "Militants raided a military base in Kolbay in Nigeria on Sunday."
                             "\n\nFighter jets launched from Maiduguri attacked the attackers as "
                             "they fled.")
    assert all(c.place is None or c.place.mention != "Maiduguri" for c in out.claims)


@pytest.mark.parametrize("text", [
    "Border villages of the Kolbay region have come under frequent shelling in the course of "
    "the war, officials said.",
    "There was no fighting in Kolbay in Somalia on Monday, residents said.",
    "The bandits kill and kidnap at will in Kolbay in Nigeria, residents said on Monday.",
])
def test_what_happens_often_or_not_at_all_is_no_event(extractor, text):
    claims = extract(extractor, text).claims
    assert all(c.modality == Modality.DENIED for c in claims)


def test_the_dead_of_another_time_inside_what_was_hit_are_not_this_incident_s(extractor):
    out = extract(extractor, "In the town of Kolbay in Somalia, army bulldozers razed the "
                             "houses owned by two men killed by soldiers last year, residents "
                             "said on Thursday.", published=dt.date(2024, 3, 14))
    razing = [c for c in out.claims if c.sub_event_type == "Looting/property destruction"]
    assert razing and not razing[0].fatalities
    assert razing[0].date.date == dt.date(2024, 3, 14) and not razing[0].date.background
    assert razing[0].place.mention == "Kolbay"


def test_a_raid_is_no_capture_and_what_the_raiders_did_decides(extractor):
    (claim,) = extract(extractor, "Militants stormed an army camp near Kolbay in Nigeria on "
                                  "Sunday, killing five soldiers.").claims
    assert claim.sub_event_type == "Armed clash"
    out = extract(extractor, "Soldiers stormed the town of Kolbay in Somalia on Sunday and "
                             "razed the houses of two families, residents said.")
    assert [c.sub_event_type for c in out.claims] == ["Looting/property destruction"]


@pytest.mark.parametrize("text, killed", [
    ("A six-year-old boy died on Sunday after shelling of a residential area of Taiz in Yemen, "
     "a medic said.", 1),
    ("A drone strike killed the group's intelligence chief near Kismayo in Somalia on Monday.", 1),
    ("The strikes come after 15 people, among them 11 children, were killed in a barrel bomb "
     "attack on a market in Aleppo in Syria on Thursday.", 15),
])
def test_the_dead_counted_by_a_noun_or_lost_by_the_parse_are_counted(extractor, text, killed):
    claims = extract(extractor, text).claims
    assert [c.fatalities.value for c in claims if c.fatalities] == [killed]


def test_a_strike_that_killed_a_commander_did_not_fall_on_civilians(extractor):
    (claim,) = extract(extractor, "A drone strike killed a commander of the group near Kismayo "
                                  "in Somalia on Monday.").claims
    assert claim.actor2 != "Civilians" and claim.fatalities.value == 1


@pytest.mark.parametrize("text, place, parent", [
    ("Gunmen attacked Kolbay district of Mopti region in Mali on Monday.", "Kolbay", "Mopti"),
    ("A mob lynched a man in Lapai Local Government Area of Niger State in Nigeria on Friday.",
     "Lapai", "Niger State"),
])
def test_a_district_of_a_region_lies_in_the_region(extractor, text, place, parent):
    (claim,) = extract(extractor, text).claims
    assert place in claim.place.mention and parent in claim.place.parents


def test_a_person_and_their_relative_killed_are_two(extractor):
    (claim,) = extract(extractor, "A landmine exploded under a motorcycle near Kolbay in Yemen "
                                  "on Monday, killing a farmer and his son.").claims
    assert claim.fatalities.value == 2


@pytest.mark.parametrize("text, actor1, actor2", [
    ("An air strike hit a market in Kolbay in Sudan on Monday, killing eight people, "
     "residents said.", "Military Forces of Sudan", "Civilians"),
    ("Police arrested 12 people in Kolbay in Nigeria on Monday.", "Police Forces of Nigeria",
     "Civilians"),
    ("Police defused a car bomb in Kolbay in Somalia on Monday.", "Police Forces of Somalia",
     "Unidentified Armed Group"),
])
def test_the_sides_acled_codes_where_the_text_names_none(extractor, text, actor1, actor2):
    (claim,) = extract(extractor, text).claims
    assert (claim.actor1, claim.actor2) == (actor1, actor2)


def test_a_drone_or_a_strike_on_the_state_s_forces_is_not_the_state_s(extractor):
    (claim,) = extract(extractor, "A drone strike hit a market in Kolbay in Sudan on Monday, "
                                  "killing eight people, residents said.").claims
    assert claim.actor1 != "Military Forces of Sudan"
    (claim,) = extract(extractor, "An air strike hit an army base in Kolbay in Sudan on Monday, "
                                  "killing eight soldiers.").claims
    assert claim.actor1 != "Military Forces of Sudan"


def test_shooting_with_no_one_hit_is_fighting_and_residents_who_clash_with_forces_riot(extractor):
    (claim,) = extract(extractor, "There was heavy shooting all night in Kolbay in Somalia, "
                                  "residents said on Monday.").claims
    assert claim.sub_event_type == "Armed clash"
    (claim,) = extract(extractor, "The shooting killed two people in Kolbay in Nigeria on "
                                  "Monday.").claims
    assert claim.sub_event_type == "Attack"
    (claim,) = extract(extractor, "The demolitions triggered clashes between angry residents "
                                  "and Israeli forces in Kolbay in the West Bank on Monday.").claims
    assert claim.event_type == "Riots" and claim.actor1 == "Rioters"


def test_the_dead_of_both_sides_name_the_sides_of_a_battle(extractor):
    (claim,) = extract(extractor, "The battles over the past day killed 21 IS militants and "
                                  "five SDF fighters in Raqqa in Syria.").claims
    assert {claim.actor1, claim.actor2} == {"Islamic State", "Syrian Democratic Forces"}


def test_provinces_listed_under_one_unit_word_are_an_event_each(extractor):
    claims = extract(extractor, "The defence ministry said air defences downed 36 drones "
                                "overnight in Bryansk, Kursk and Belgorod oblasts.").claims
    assert sorted(c.place.mention for c in claims) == ["Belgorod", "Bryansk", "Kursk"]
    assert all(c.place.kind_hint == "oblast" and not c.place.parents for c in claims)


def test_a_name_before_a_plural_place_word_is_a_place(nlp):
    from marsad.extract.sentence import find_places

    doc = nlp("Crowds protested in several Dakar neighborhoods on Thursday.")
    assert [p.text for p in find_places(doc[:])] == ["Dakar"]


def test_the_town_a_school_is_in_is_its_place_and_a_position_on_a_kidnap_is_no_kidnap(nlp, extractor):
    from marsad.extract.sentence import find_places

    doc = nlp("Bandits abducted students of the Government Science School, Kolbay in Niger State.")
    places = {p.text: p for p in find_places(doc[:])}
    assert "Kolbay" in places and "Kolbay" in places["Government Science School"].parents
    claims = extract(extractor, "The police spokesman did not respond to calls seeking an "
                                "official position on the kidnap in Kolbay in Nigeria.").claims
    assert not claims


def test_a_place_that_names_another_incident_is_not_this_one_s(extractor):
    (claim,) = extract(extractor, "A vigilante group in Kolbay aided the arrest of seven men "
                                  "who took part in the Ruwan attack in Nigeria on Sunday.").claims
    assert claim.place.mention == "Kolbay"


def test_a_relative_clause_on_the_doers_tells_the_incident_s_own_day(extractor):
    (claim,) = extract(extractor, "The villages of Kolbay and Ruwan in Nigeria were attacked "
                                  "by gunmen who operated for three hours on Tuesday.",
                       published=dt.date(2024, 3, 14)).claims
    assert claim.date.date == dt.date(2024, 3, 12)


def test_a_decision_to_fight_is_a_policy_not_a_fight(extractor):
    claims = extract(extractor, "The president said his government's decision to fight against "
                                "Al-Shabaab in Somalia had been successful.").claims
    assert all(c.modality == Modality.PLANNED for c in claims)


def test_a_decision_to_withdraw_told_after_is_the_withdrawal(extractor):
    claims = extract(extractor, "The regional leader said the decision to withdraw from the "
                                "city of Kolbay in Iraq in the face of an advance by federal "
                                "forces was taken by his opponents.").claims
    assert claims and all(c.modality != Modality.PLANNED for c in claims)


def test_a_protest_broken_up_is_broken_up_by_the_police(extractor):
    (claim,) = extract(extractor, "Students marched in Kolbay in Bangladesh on Monday and tear "
                                  "gas was fired to disperse them.").claims
    assert claim.sub_event_type == "Protest with intervention"
    assert claim.actor2 == "Police Forces of Bangladesh"


def test_a_side_named_in_a_clause_on_the_place_is_no_party(extractor):
    (claim,) = extract(extractor, "Two men were shot and injured in Kolbay, a suburb of "
                                  "Conakry in Guinea, on Wednesday, where protesters had set up "
                                  "barricades.").claims
    assert claim.actor1 != "Protesters"


def test_the_feature_named_again_with_a_word_between_is_the_one_named_before(extractor):
    from marsad.extract.claims import ReportReader
    from marsad.records import Report

    text = ("Gunmen attacked the Kolbay market in Somalia on Monday.\n\n"
            "On Tuesday, gunmen attacked the main market again.")
    report = Report(id="r", text=text, published=WEDNESDAY, language="en")
    reader = ReportReader(extractor, report, extractor.nlp(text))
    reader.read()
    first, second = list(reader.doc.sents)[:2]
    assert reader._definite_feature(second).text == "Kolbay"


def test_a_rank_is_no_place(nlp):
    from marsad.extract.sentence import find_places

    doc = nlp("The forces under the command of Major General Patrick Chapuho ambushed them near "
              "Kolbay.")
    assert "Major General" not in {p.text for p in find_places(doc[:])}


def test_the_title_gives_the_day_and_the_region_the_text_leaves_out(extractor):
    (claim,) = extract(extractor, "Separatist fighters ambushed the soldiers in Kolbay village "
                                  "of the region, an official said.",
                       title="Two soldiers were killed early Saturday by separatist fighters in "
                             "the Ruwan region of Cameroon").claims
    assert claim.date.date == dt.date(2024, 3, 9)
    assert claim.place.mention == "Kolbay" and "Ruwan" in claim.place.parents


def test_an_armed_group_that_killed_is_an_attack_and_the_missing_are_not_dead(extractor):
    (claim,) = extract(extractor, "Twelve people are dead and two are missing after an armed "
                                  "group invaded a bar in Kolbay in Mexico early Sunday.").claims
    assert claim.sub_event_type == "Attack" and claim.actor1 == "Unidentified Armed Group"
    assert claim.fatalities.value == 12


def test_ground_held_for_a_year_is_held_and_no_place_the_story_goes_on_at(extractor):
    out = extract(extractor, "Islamic State fighters captured Ramadi on Friday, officials in "
                             "Ramadi said.\n\nThe advance marks the latest gain for the group in "
                             "the province, where IS fighters have controlled the city of Kolbay "
                             "in Iraq for over a year.\n\nThe militants are now attacking the "
                             "army headquarters, an official said.")
    assert any(c.place.mention == "Kolbay" for c in out.controls)
    assert all(c.place is None or c.place.mention != "Kolbay" for c in out.claims)


def test_the_parties_accused_of_supporting_an_attack_are_no_incident_of_their_own(extractor):
    claims = extract(extractor, "Officials on Sunday accused Rwandan soldiers and artillery of "
                                "supporting the rebels' attack on Kolbay in Congo.").claims
    assert not any(c.sub_event_type == "Shelling/artillery/missile attack" for c in claims)


def test_a_place_named_after_a_town_falls_back_to_the_town(extractor):
    """"the University of Kisumu": where the university is not in the gazetteer, the town it
    is named after is the nearest point the text gives; waters are not at their town."""
    claim = extract(extractor, "Police fired tear gas at students protesting outside the "
                               "University of Kisumu on Monday, witnesses said.").claims[0]
    assert claim.place.mention == "University of Kisumu"
    assert claim.place.fallbacks[0] == "Kisumu"
    (claim,) = extract(extractor, "Rebels attacked a cargo ship in the Gulf of Aden on Monday, "
                                  "the navy said.").claims
    assert "Aden" not in (claim.place.fallbacks or ())


@pytest.mark.parametrize("where", [
    "The incident took place in the Kolbay area of the western Mopti zone.",
    "The site is located in the Kolbay (Kulbai) district in the north of Mopti province.",
    "The attack occurred in Kolbay, in the Mopti region.",
])
def test_a_sentence_on_where_the_incident_happened_places_it(extractor, where):
    """"The incident took place in X": a sentence that tells no incident of its own says
    where the one told before happened, and where the story goes on."""
    claims = extract(extractor, "Soldiers set up a new military base in Mali on Sunday, "
                                f"officials said. {where} Gunmen attacked the base on Monday, "
                                "killing two soldiers.").claims
    assert [c.place.mention for c in claims] == ["Kolbay", "Kolbay"]
    assert "Mopti" in claims[0].place.parents


def test_a_sentence_on_where_and_when_the_incident_happened_dates_it(extractor):
    """"The attack took place on Monday in X": the lead that gave no day is dated by it."""
    (claim,) = extract(extractor, "Gunmen killed 40 people in an attack on a village in central "
                                  "Mali, officials said. The attack took place on Monday in "
                                  "Kolbay village in the Mopti region.").claims
    assert claim.date.date == WEDNESDAY - dt.timedelta(days=2) and claim.date.precision == 1
    # (a lead with a day of its own keeps it)
    (claim,) = extract(extractor, "Gunmen killed 40 people in an attack on a village in central "
                                  "Mali on Sunday, officials said. The attack took place on "
                                  "Monday in Kolbay village in the Mopti region.").claims
    assert claim.date.date == WEDNESDAY - dt.timedelta(days=3)


def test_a_sentence_with_an_incident_of_its_own_keeps_the_one_before_where_it_was(extractor):
    claims = extract(extractor, "Gunmen killed three farmers in Kolbay in Mali on Sunday. The "
                                "army said an attack took place in Dinangourou on Monday.").claims
    assert claims[0].place.mention == "Kolbay"


def test_a_district_in_the_north_of_a_province_lies_in_the_province(nlp):
    from marsad.extract.sentence import find_places
    doc = nlp("The camp lies in the Kolbay district in the north of Mopti province.")
    places = {p.text: p for p in find_places(doc[:])}
    assert places["Kolbay"].parents == ("Mopti",) and places["Mopti"].parents == ()


def test_a_village_named_with_its_head_word_lies_in_the_region_after_it(nlp):
    from marsad.extract.sentence import find_places
    doc = nlp("The attack took place on Monday in Sangatibo village in the Mopti region.")
    places = {p.text: p for p in find_places(doc[:])}
    assert places["Sangatibo"].parents == ("Mopti",) and places["Mopti"].parents == ()


def test_an_incident_a_speaker_reports_with_an_article_is_told_not_referred_to(extractor):
    """"reported a drone attack on X at night" tells the attack; "confirmed the attack"
    refers to one told before."""
    (claim,) = extract(extractor, "The regional governor reported a drone attack on the "
                                  "Kolbay district of Ukraine at night.").claims
    assert claim.sub_event_type == "Air/drone strike" and claim.place.mention == "Kolbay"
    assert not extract(extractor, "The regional governor confirmed the attack.").claims


def test_a_governor_telling_of_a_strike_on_their_ground_is_not_its_striker(extractor):
    text = ("Russian troops shelled Ukrainian positions near Kolbay in Ukraine on Monday, the "
            "Ukrainian army said. The regional governor reported a drone attack on the Kolbay "
            "district at night.")
    claims = extract(extractor, text).claims
    drone = next(c for c in claims if c.sub_event_type == "Air/drone strike")
    assert drone.actor1 == "Military Forces of Russia"


def test_the_residents_of_a_nearby_town_name_a_place_whatever_the_ner_said(nlp):
    from marsad.extract.sentence import find_places
    doc = nlp("The attack in the town of Kolbay sparked a protest by several thousand residents "
              "of nearby Beni, the scene of frequent raids.")
    assert "Beni" in {p.text for p in find_places(doc[:])}


def test_a_sentence_that_names_no_place_is_placed_at_the_report_s_place_and_says_so(extractor):
    claims = extract(extractor, "Gunmen killed three farmers in Kolbay in Mali on Sunday. "
                                "A drone hit a village on Monday, killing two people.").claims
    assert [(c.place.mention, c.place.from_report) for c in claims] == [
        ("Kolbay", False), ("Kolbay", True)]


def test_an_incident_set_beside_another_by_while_is_its_own(extractor):
    """"targeted two police stations while two policemen were injured in a roadside blast":
    two incidents; "both attacks were repelled" goes on with the one of its kind."""
    claims = extract(extractor, "Militants targeted two police stations in Kolbay in Pakistan "
                                "on Friday while two policemen were injured in a roadside blast. "
                                "Police said militants attacked the stations but both attacks "
                                "were repelled.").claims
    kinds = sorted({c.sub_event_type for c in claims})
    assert kinds == ["Armed clash", "Remote explosive/landmine/IED"]
    assert claims[-1].sub_event_type == "Armed clash"


def test_what_someone_was_doing_while_hit_is_no_incident_of_its_own(extractor):
    (claim,) = extract(extractor, "A roadside bomb killed two soldiers in Kolbay in Mali on "
                                  "Monday while they were patrolling the road.").claims
    assert claim.sub_event_type == "Remote explosive/landmine/IED"


def test_a_crowd_act_a_source_reports_is_a_protest(extractor):
    """"Witnesses said protesters held flags in X": what a crowd does in the clause a source
    reports."""
    (claim,) = extract(extractor, "Local television said protesters held long flags in the "
                                  "southern city of Kolbay in Lebanon on Sunday.").claims
    assert claim.sub_event_type == "Peaceful protest" and claim.place.mention == "Kolbay"


def test_what_happens_around_a_demonstration_while_is_the_demonstration(extractor):
    claims = extract(extractor, "Dozens of villagers suffocated by tear gas inhalation, while "
                                "a young activist was arrested during clashes that broke out "
                                "after soldiers attacked a peaceful protest in Kolbay in "
                                "Lebanon on Sunday.").claims
    (claim,) = claims
    assert claim.event_type in ("Protests", "Riots")
