"""Which claims become one event, on small hand-built cases."""

from __future__ import annotations

import datetime as dt

from marsad.records import EventDate, Modality
from marsad.resolve import resolve
from marsad.resolve.match import span_of
from marsad.resolve.sites import same_name, site_of, sites_fit

from .build import (DAY, DARAIYA, HAJIN, IS, RAQQA, RAQQA_PROVINCE, SDF, SENAA, TABQA, at,
                    claim)

NEXT = DAY + dt.timedelta(days=1)


def groups(events) -> list[set[int]]:
    """Events as sets of the claims' evidence starts, for readable assertions."""
    return sorted(({int(c_id) for c_id in e.claim_ids} for e in events), key=min)


def starts(events, claims) -> list[list[int]]:
    start = {c.id: c.evidence.start for c in claims}
    return sorted(sorted(start[i] for i in e.claim_ids) for e in events)


def test_two_reports_of_one_clash_are_one_event():
    claims = [claim("r1", 0), claim("r2", 0, outlet="Xinhua", day=NEXT)]
    events = resolve(claims)
    assert len(events) == 1 and len(events[0].claim_ids) == 2


def test_dates_beyond_the_window_are_two_events():
    claims = [claim("r1", 0), claim("r2", 0, day=DAY + dt.timedelta(days=2))]
    assert len(resolve(claims)) == 2
    assert len(resolve(claims, window=2)) == 1


def test_a_town_level_claim_joins_an_event_in_a_district_of_it():
    claims = [claim("r1", 0, where=at(SENAA, "Al-Senaa")), claim("r1", 100)]
    events = resolve(claims)
    assert len(events) == 1
    assert events[0].geocode.place == SENAA  # the most precise place speaks for the event


def test_two_named_parts_of_one_city_are_two_places():
    market = at(RAQQA, "Al-Hal market", ("Raqqa",))  # not in the gazetteer: the city's point
    senaa = at(SENAA, "Al-Senaa", ("Raqqa",))
    claims = [claim("r1", 0, where=market), claim("r1", 100, where=senaa)]
    assert starts(resolve(claims), claims) == [[0], [100]]


def test_two_unlisted_parts_of_one_city_are_two_places_but_spellings_match():
    hal = at(RAQQA, "Al-Hal market", ("Raqqa",))
    souk = at(RAQQA, "Souk al-Hal", ("Raqqa",))
    meshleb = at(RAQQA, "Al-Meshleb", ("Raqqa",))
    assert sites_fit(site_of(claim(where=hal)), site_of(claim(where=souk)))
    assert not sites_fit(site_of(claim(where=hal)), site_of(claim(where=meshleb)))
    assert same_name("Al-Senaa", "Al-Sinaa") and same_name("Raqqa", "Ar Raqqah")


def test_a_country_coded_at_the_report_town_is_the_town_not_a_part_of_it():
    # a headline naming only the country, coded at the report's town, joins the body's event
    # even where that event holds a part of the town the gazetteer lacks
    query, geocode = at(RAQQA, "Syria")
    country = (query, geocode.model_copy(update={"area": True}))
    claims = [claim("r1", 0, where=at(RAQQA)), claim("r1", 100, where=at(RAQQA, "Al-Meshleb")),
              claim("r1", 200, where=country)]
    assert len(resolve(claims)) == 1
    assert not sites_fit(site_of(claim(where=at(RAQQA, "Syria"))),
                         site_of(claim(where=at(RAQQA, "Al-Meshleb"))))


def test_one_story_one_place_one_day_one_doer_is_one_incident_whoever_it_hit():
    # "civilians" in one sentence, "the SDF" in the next: one incident in one report ...
    claims = [claim("r1", 0, actor1=IS, actor2="Civilians"), claim("r1", 100, actor1=IS, actor2=SDF)]
    assert len(resolve(claims)) == 1
    # ... but two reports that name different targets may tell two incidents
    claims = [claim("r1", 0, actor1=IS, actor2="Civilians"), claim("r2", 0, actor1=IS, actor2=SDF)]
    assert len(resolve(claims)) == 2
    # and a capture and a retaking are never one
    take, retake = "Non-state actor overtakes territory", "Government regains territory"
    claims = [claim("r1", 0, sub=take, actor1=IS, actor2=SDF),
              claim("r1", 100, sub=retake, actor1=IS, actor2="Civilians")]
    assert len(resolve(claims)) == 2


def test_different_towns_never_merge_but_a_province_claim_fits_its_towns():
    claims = [claim("r1", 0), claim("r2", 0, where=at(TABQA))]
    assert len(resolve(claims)) == 2
    province = claim("r3", 0, where=at(RAQQA_PROVINCE, "Raqqa province"))
    assert sites_fit(site_of(province), site_of(claims[0]))
    assert not sites_fit(site_of(province), site_of(claim(where=at(HAJIN))))


def test_a_capture_and_a_retaking_are_two_events():
    take = "Non-state actor overtakes territory"
    where = at(SENAA, "Al-Senaa")
    claims = [claim("r1", 0, sub=take, actor1=IS, actor2=SDF, where=where),
              claim("r1", 100, sub=take, actor1=SDF, actor2=IS, where=where)]
    assert len(resolve(claims)) == 2


def test_two_captures_of_one_place_on_different_days_are_two_events():
    take = "Non-state actor overtakes territory"
    claims = [claim("r1", 0, sub=take), claim("r2", 0, sub=take, day=DAY + dt.timedelta(days=5))]
    assert len(resolve(claims)) == 2


def test_clash_sides_may_come_in_either_order_and_unknown_sides_fit():
    claims = [claim("r1", 0), claim("r1", 100, actor1=IS, actor2=SDF),
              claim("r1", 200, actor1="", actor2=IS)]
    assert len(resolve(claims)) == 1


def test_the_parties_of_an_agreement_may_come_in_either_order():
    def agreement(report, start, actor1, actor2):
        return claim(report, start, sub="Agreement", event_type="Strategic developments",
                     actor1=actor1, actor2=actor2)

    claims = [agreement("r1", 0, "Palestinian Islamic Jihad", "Military Forces of Israel"),
              agreement("r2", 0, "Military Forces of Israel", "Palestinian Islamic Jihad")]
    assert len(resolve(claims)) == 1
    # (a one-sided strategic development keeps its order: who did what to whom)
    claims = [claim("r1", 0, sub="Looting/property destruction", event_type="Strategic developments",
                    actor1=IS, actor2=SDF),
              claim("r2", 0, sub="Looting/property destruction", event_type="Strategic developments",
                    actor1=SDF, actor2=IS)]
    assert len(resolve(claims)) == 2


def test_different_sides_are_different_events():
    claims = [claim("r1", 0), claim("r2", 0, actor1="Syrian Elite Forces", actor2="Syrian Army")]
    assert len(resolve(claims)) == 2


def test_event_types_must_agree():
    strike = claim("r1", 100, event_type="Explosions/Remote violence", sub="Air/drone strike",
                   actor1="US-led coalition", actor2="Civilians")
    assert len(resolve([claim("r1", 0), strike])) == 2


def test_background_planned_and_threatened_claims_make_no_event():
    claims = [claim("r1", 0, background=True, day=dt.date(2014, 1, 1), precision=4),
              claim("r1", 100, modality=Modality.PLANNED),
              claim("r1", 200, modality=Modality.THREATENED)]
    assert resolve(claims) == []


def test_one_report_told_over_several_sentences_is_one_event():
    take = "Non-state actor overtakes territory"
    claims = [claim("r1", 0, sub=take), claim("r1", 100),
              claim("r1", 200, where=(None, None)),  # no place: the report's own incident
              claim("r1", 300, killed=5)]
    events = resolve(claims)
    assert len(events) == 1
    assert events[0].sub_event_type == take  # the most specific sub-event type


def test_the_most_specific_sub_event_type_wins():
    types = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
             ("Explosions/Remote violence", "Suicide bomb")]
    explosions = [claim("r1", i * 100, event_type=t, sub=s, actor1=IS, actor2="")
                  for i, (t, s) in enumerate(types) if t.startswith("Explosions")]
    assert resolve(explosions)[0].sub_event_type == "Suicide bomb"


def test_gas_told_beside_the_air_raid_that_dropped_it_is_a_chemical_attack():
    told = [claim("r1", 0, event_type="Explosions/Remote violence", sub="Air/drone strike"),
            claim("r1", 100, event_type="Explosions/Remote violence", sub="Chemical weapon"),
            claim("r1", 200, event_type="Explosions/Remote violence", sub="Air/drone strike")]
    (event,) = resolve(told)
    assert event.sub_event_type == "Chemical weapon"


def test_a_coarse_claim_prefers_the_event_with_its_actor1_then_its_sub_type():
    take = "Non-state actor overtakes territory"
    senaa, daraiya = at(SENAA, "Al-Senaa"), at(DARAIYA, "Al-Daraiya")
    claims = [claim("r1", 0, where=senaa, actor1=IS, actor2=SDF),
              claim("r1", 100, where=daraiya, sub=take),
              claim("r2", 0, sub=take)]  # city level: fits both, same actor1 and type as r1/100
    assert starts(resolve(claims), claims) == [[0], [0, 100]]


def test_a_month_claim_joins_the_day_event_inside_it():
    claims = [claim("r1", 0), claim("r2", 0, day=dt.date(2017, 7, 1), precision=3)]
    assert len(resolve(claims)) == 1


def test_undated_claims_only_merge_with_undated_claims():
    claims = [claim("r1", 0), claim("r2", 0, day=None), claim("r3", 0, day=None)]
    assert sorted(len(e.claim_ids) for e in resolve(claims)) == [1, 2]


def test_spans():
    assert span_of(EventDate(date=DAY)) == (DAY, DAY)
    assert span_of(EventDate(date=dt.date(2017, 7, 15), precision=3)) == (
        dt.date(2017, 7, 1), dt.date(2017, 7, 31))
    assert span_of(EventDate(date=DAY, start=dt.date(2017, 7, 1), end=DAY)) == (
        dt.date(2017, 7, 1), DAY)


def test_a_part_of_a_town_named_with_its_town_is_the_same_part():
    assert same_name("Kharkiv's Saltivka", "Saltivka")
    assert not same_name("Al-Hal market", "Al-Meshleb")


def test_a_side_is_never_its_own_target_in_an_event():
    claims = [claim("r1", 0, actor1=IS, actor2=IS), claim("r1", 100, actor1=IS, actor2="")]
    (event,) = resolve(claims)
    assert event.actor1 == IS and event.actor2 != IS


def test_a_claim_about_a_month_of_attacks_does_not_name_the_days_type():
    gas = claim("r1", 0, event_type="Explosions/Remote violence", sub="Chemical weapon",
                precision=3)
    raid = claim("r1", 100, event_type="Explosions/Remote violence", sub="Air/drone strike")
    (event,) = resolve([gas, raid])
    assert event.sub_event_type == "Air/drone strike"


def _told(c, text: str, day_text: str):
    return c.model_copy(update={
        "evidence": c.evidence.model_copy(update={"text": text}),
        "date": c.date.model_copy(update={"text": day_text})})


def test_one_story_s_air_strike_and_shelling_of_a_town_that_day_are_two_events():
    strike = claim("r1", 0, sub="Air/drone strike", event_type="Explosions/Remote violence")
    shells = claim("r1", 100, sub="Shelling/artillery/missile attack",
                   event_type="Explosions/Remote violence")
    assert len(resolve([strike, shells])) == 2
    # two reports may each call the same incident by another name
    other = claim("r2", 0, sub="Shelling/artillery/missile attack",
                  event_type="Explosions/Remote violence")
    assert len(resolve([strike, other])) == 1


def test_two_sentences_that_each_name_their_own_day_tell_two_incidents():
    monday = _told(claim("r1", 0), "Fighters attacked the town on Monday.", "on monday")
    sunday = _told(claim("r1", 100, day=DAY - dt.timedelta(days=1)),
                   "The attack came a day after clashes on Sunday.", "on sunday")
    assert len(resolve([monday, sunday])) == 2
    # a day that is when someone spoke is not the incident's own
    said = _told(claim("r1", 100, day=DAY - dt.timedelta(days=1)),
                 "Eight were killed, the army said on Sunday.", "on sunday")
    assert len(resolve([monday, said])) == 1
    # nor is a day carried from the sentence before (not written in this one)
    carried = _told(claim("r1", 100, day=DAY - dt.timedelta(days=1)),
                    "Eight were killed in the fighting.", "on sunday")
    assert len(resolve([monday, carried])) == 1


def test_a_village_coded_at_its_district_is_still_that_village():
    from marsad.records import Geocode, Place, PlaceQuery

    district = Place(id="gn:d", name="Kolbay Raion", latitude=48.5, longitude=37.5, country="UA",
                     admin1="Donetsk", kind="admin2")
    town = Place(id="gn:t", name="Ridnyi", latitude=48.6, longitude=37.6, country="UA",
                 admin1="Donetsk", kind="town")
    village = (PlaceQuery(mention="Stavky"), Geocode(mention="Stavky", place=district,
                                                       geo_precision=3, where_prec=3))
    other = (PlaceQuery(mention="Ridnyi"), Geocode(mention="Ridnyi", place=town,
                                                     geo_precision=1, where_prec=1))
    region = (PlaceQuery(mention="Kolbay Raion"), Geocode(mention="Kolbay Raion", place=district,
                                                           geo_precision=3, where_prec=3))
    shelled = dict(sub="Shelling/artillery/missile attack", event_type="Explosions/Remote violence")
    assert len(resolve([claim("r1", 0, where=village, **shelled),
                        claim("r1", 100, where=other, **shelled)])) == 2
    # the district named as such still joins the town's event inside it
    assert len(resolve([claim("r1", 0, where=region, **shelled),
                        claim("r1", 100, where=other, **shelled)])) == 1


def test_a_statement_days_later_joins_the_story_s_incident():
    strike = _told(claim("r1", 0, sub="Air/drone strike", event_type="Explosions/Remote violence",
                         day=DAY - dt.timedelta(days=2)),
                   "An air strike hit the market on Tuesday.", "on tuesday")
    said = _told(claim("r1", 100, sub="Air/drone strike", event_type="Explosions/Remote violence"),
                 "The army said Thursday that the strike on the market targeted rebels.",
                 "thursday")
    assert len(resolve([strike, said])) == 1
    # a day of its own two days later is another incident
    own = _told(claim("r1", 100, sub="Air/drone strike", event_type="Explosions/Remote violence"),
                "Another air strike hit the market on Thursday.", "on thursday")
    assert len(resolve([strike, own])) == 2
