"""The scoring rules of shared/corpus/README.md, on gold and events written for the tests."""

from __future__ import annotations

import datetime as dt
import json

from marsad.evaluate import gold as scoring
from marsad.records import Control, EventDate, Event, Geocode, Place, PlaceQuery, Span

RAQQA = (35.95, 39.01)


def gold_file(tmp_path, events, control=()):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({"reports": "reports.jsonl", "tolerance": {"date_days": 1,
                                "distance_km": 10}, "events": events, "control": list(control)}))
    return scoring.read_gold(path)


def gold_event(id, date="2017-07-02", required=True, type="Battles", sub="Armed clash",
               a1="Syrian Democratic Forces", a2="Islamic State", fatalities=None, at=RAQQA):
    return {"id": id, "required": required, "event_date": date, "event_type": type,
            "sub_event_type": sub, "actor1": a1, "actor2": a2, "latitude": at[0],
            "longitude": at[1], "fatalities": fatalities}


def event(id, date="2017-07-02", type="Battles", sub="Armed clash",
          a1="Syrian Democratic Forces", a2="Islamic State", low=None, at=RAQQA):
    place = Place(id="p", name="Raqqa", latitude=at[0], longitude=at[1])
    return Event(id=id, date=EventDate(date=dt.date.fromisoformat(date)), event_type=type,
                 sub_event_type=sub, actor1=a1, actor2=a2, fatalities_low=low,
                 fatalities_best=low, geocode=Geocode(mention="Raqqa", place=place))


def test_type_date_and_distance_decide_a_match(tmp_path):
    gold = gold_file(tmp_path, [gold_event("G1")])
    assert scoring.score_events(gold, [event("a", date="2017-07-03")]).true_positives == 1
    assert scoring.score_events(gold, [event("a", date="2017-07-04")]).true_positives == 0
    assert scoring.score_events(gold, [event("a", type="Protests")]).true_positives == 0
    far = (36.2, 37.16)  # Aleppo, about 165 km away
    assert scoring.score_events(gold, [event("a", at=far)]).true_positives == 0


def test_a_second_event_on_one_incident_is_a_false_positive(tmp_path):
    result = scoring.score_events(gold_file(tmp_path, [gold_event("G1")]),
                                  [event("a"), event("b")])
    assert (result.true_positives, result.false_positives) == (1, 1)
    assert result.precision == 0.5 and result.recall == 1.0


def test_an_optional_gold_event_neither_rewards_nor_penalises(tmp_path):
    gold = gold_file(tmp_path, [gold_event("G1"), gold_event("G2", required=False,
                                                             date="2017-06-06")])
    result = scoring.score_events(gold, [event("a"), event("b", date="2017-06-06")])
    assert (result.true_positives, result.false_positives, result.optional_matched) == (1, 0, 1)
    assert result.f1 == 1.0


def test_an_optional_incident_never_takes_the_event_a_required_one_fits(tmp_path):
    """The optional background incident lies on the event's very point, the required one a
    kilometre off: the event is the required incident's, and the optional one goes unmatched."""
    near = (RAQQA[0] + 0.009, RAQQA[1])
    gold = gold_file(tmp_path, [gold_event("G1", at=near),
                                gold_event("G2", required=False, sub="Attack")])
    result = scoring.score_events(gold, [event("a")])
    assert (result.true_positives, result.optional_matched, result.false_positives) == (1, 0, 0)
    assert [m.gold.id for m in result.matches] == ["G1"]


def test_battle_actors_in_either_order_and_null_fatalities_mean_none(tmp_path):
    gold = gold_file(tmp_path, [gold_event("G1")])
    result = scoring.score_events(gold, [event("a", a1="Islamic State",
                                               a2="Syrian Democratic Forces", low=0)])
    (match,) = result.matches
    assert match.actors_ok and match.fatalities_ok
    wrong = scoring.score_events(gold, [event("a", low=5)]).matches[0]
    assert not wrong.fatalities_ok


def test_ties_prefer_the_same_sub_type_then_the_same_actors(tmp_path):
    gold = gold_file(tmp_path, [
        gold_event("G1", sub="Non-state actor overtakes territory"),
        gold_event("G2", a1="Islamic State", a2="Syrian Democratic Forces")])
    result = scoring.score_events(gold, [
        event("x", a1="Islamic State", a2="Syrian Democratic Forces"),
        event("y", sub="Non-state actor overtakes territory")])
    pairs = sorted((m.gold.id, m.event.id) for m in result.matches)
    assert pairs == [("G1", "y"), ("G2", "x")]


def test_control_claims_match_on_place_holder_and_date(tmp_path):
    gold = gold_file(tmp_path, [], control=[
        {"place": "Al-Hal market, Raqqa", "date": "2017-07-05", "holder": "contested"}])
    control = Control(id="c", report_id="r", evidence=Span(report_id="r", start=0, end=1, text="x"),
                      place=PlaceQuery(mention="Souk al-Hal"), holder="contested",
                      date=EventDate(date=dt.date(2017, 7, 5)))
    assert scoring.control_found(gold.control[0], [control])
    other = control.model_copy(update={"place": PlaceQuery(mention="Al-Senaa")})
    assert not scoring.control_found(gold.control[0], [other])


def test_an_entry_s_own_distance_and_date_window_replace_the_file_s(tmp_path):
    wide = {**gold_event("G1"), "distance_km": 200, "from": "2017-06-20", "to": "2017-07-02"}
    gold = gold_file(tmp_path, [wide])
    aleppo = (36.2, 37.16)  # about 165 km from Raqqa: inside this entry's 200 km
    assert scoring.score_events(gold, [event("a", at=aleppo)]).true_positives == 1
    assert scoring.score_events(gold, [event("a", date="2017-06-21")]).true_positives == 1
    assert scoring.score_events(gold, [event("a", date="2017-06-18")]).true_positives == 0
    assert scoring.score_events(gold, [event("a", date="2017-07-03")]).true_positives == 1
    narrow = gold_file(tmp_path, [{**gold_event("G1"), "distance_km": 1}])
    near = (35.99, 39.01)  # about 4.5 km north
    assert scoring.score_events(narrow, [event("a", at=near)]).true_positives == 0


def _claim(id, report):
    from marsad.records import Claim

    return Claim(id=id, report_id=report, evidence=Span(report_id=report, start=0, end=1, text="x"),
                 event_type="Battles", sub_event_type="Armed clash",
                 date=EventDate(date=dt.date(2017, 7, 2)))


def test_explain_names_the_stage_and_parts_score_on_their_own_reports(tmp_path):
    from marsad.evaluate import explain

    gold = gold_file(tmp_path, [{**gold_event("G1"), "reports": ["dA01"]},
                                {**gold_event("G2", date="2017-07-10"), "reports": ["dB01"]},
                                {**gold_event("G3", type="Protests", sub="Peaceful protest",
                                              date="2017-07-20"), "reports": ["dB01"]}])
    far = (36.2, 37.16)
    events = [event("a").model_copy(update={"claim_ids": ("c1",)}),
              event("b").model_copy(update={"claim_ids": ("c2",)}),
              event("c", date="2017-07-10", at=far).model_copy(update={"claim_ids": ("c3",)}),
              event("d", date="2017-07-20", type="Riots", sub="Mob violence")
              .model_copy(update={"claim_ids": ("c4",)})]
    claims = {"c1": _claim("c1", "dA01"), "c2": _claim("c2", "dA01"), "c3": _claim("c3", "dB01"),
              "c4": _claim("c4", "dB01")}
    result = scoring.score(gold, events, claims, [], [])
    why = explain.explain(gold, result, events, claims)
    assert why.spurious == {"b": "duplicate", "c": "place", "d": "type"}
    assert why.missed == {"G2": "place mention", "G3": "type"}
    parts = explain.by_part(gold, events, claims, [], [])
    assert list(parts) == ["dA", "dB"]
    assert (parts["dA"].true_positives, parts["dA"].false_positives) == (1, 1)
    assert (parts["dB"].true_positives, parts["dB"].required) == (0, 2)


def _control(place, holder, date="2017-07-02", report="r1", share=None):
    return Control(id=place + holder, report_id=report,
                   evidence=Span(report_id=report, start=0, end=1, text="x"),
                   place=PlaceQuery(mention=place), holder=holder,
                   date=EventDate(date=dt.date.fromisoformat(date)), share=share)


def test_control_is_found_by_ground_and_day_and_its_holder_scored_apart(tmp_path):
    entry = {"reports": ["r1"], "place": "eastern bank of the Euphrates, Deir ez-Zor",
             "date": "2017-07-02", "holder": "M23: March 23 Movement (rebels)"}
    gold = scoring.canonicalise(gold_file(tmp_path, [], control=[entry]), {})
    right = _control("Euphrates River", "M23")
    wrong = _control("Euphrates", "Military Forces of Syria")
    result = scoring.score(gold, [], {}, [], [wrong, right])
    assert (result.control_found, result.control_holder_right) == (1, 1)
    result = scoring.score(gold, [], {}, [], [wrong])
    assert (result.control_found, result.control_holder_right) == (1, 0)
    other_report = _control("Euphrates River", "M23", report="r2")
    assert scoring.score(gold, [], {}, [], [other_report]).control_found == 0
    elsewhere = _control("Raqqa", "M23")
    assert scoring.score(gold, [], {}, [], [elsewhere]).control_found == 0


def test_a_control_entry_that_describes_ground_inside_a_town_matches_the_town(tmp_path):
    entry = {"reports": ["r1"], "place": "government compound, Ramadi, Anbar, Iraq",
             "date": "2017-07-02", "holder": "Islamic State"}
    gold = scoring.canonicalise(gold_file(tmp_path, [], control=[entry]), {})
    assert scoring.score(gold, [], {}, [], [_control("Ramadi", "Islamic State")]).control_found == 1
    assert scoring.score(gold, [], {}, [], [_control("Anbar", "Islamic State")]).control_found == 0


def test_acled_s_country_qualified_groups_are_the_bare_group():
    from marsad.evaluate.gold import actor_key

    assert actor_key("Civilians (Syria)") == "Civilians" == actor_key("Civilians")
    assert actor_key("Protesters (Iraq)") == "Protesters"
    assert actor_key("Military Forces of Iraq (Kurdistan Regional Government)") != \
        "Military Forces of Iraq"


def _placed(claim, at, mention, where_prec=1):
    place = Place(id=mention, name=mention, latitude=at[0], longitude=at[1])
    return claim.model_copy(update={"place": PlaceQuery(mention=mention), "geocode": Geocode(
        mention=mention, place=place, where_prec=where_prec)})


def test_placing_scores_each_incident_s_best_claim_and_country_points_named_finer(tmp_path):
    """Matched or not, an incident is placed when the best claim of its reports (its event
    type, then its day, then the nearest point) lies within the entry's distance; an event at
    a country's centroid whose claim names a town is counted."""
    from marsad.evaluate.placing import placing

    gold = gold_file(tmp_path, [{**gold_event("G1"), "reports": ["r1"]},
                                {**gold_event("G2", date="2017-07-10"), "reports": ["r2"]},
                                {**gold_event("G3"), "reports": ["r3"]},
                                {**gold_event("G4", required=False), "reports": ["r4"]}])
    far = (36.2, 37.16)  # some 170 km west
    claims = {
        # r1: a protest at Raqqa does not stand for the clash, the clash a day off far away does
        "c1": _placed(_claim("c1", "r1").model_copy(update={"event_type": "Protests"}), RAQQA,
                      "Raqqa"),
        "c2": _placed(_claim("c2", "r1").model_copy(update={"date": EventDate(
            date=dt.date(2017, 7, 3))}), far, "Manbij"),
        # r2: the clash of its day is at Raqqa
        "c3": _placed(_claim("c3", "r2").model_copy(update={"date": EventDate(
            date=dt.date(2017, 7, 10))}), RAQQA, "Raqqa"),
        # r3: a town coded at the country's centroid
        "c4": _placed(_claim("c4", "r3"), far, "Tabqa", where_prec=6),
    }
    events = [event("e1", at=far).model_copy(update={"claim_ids": ("c4",), "geocode": Geocode(
        mention="Tabqa", place=Place(id="sy", name="Syria", latitude=far[0], longitude=far[1]),
        where_prec=6)})]
    result = placing(gold, claims, events)
    assert (result.placed, result.required) == (1, 3)
    assert [u.split(":")[0] for u in result.unplaced] == ["G1", "G3"]
    assert result.at_country == ["e1: Tabqa"]
    country_named = {"c4": _placed(_claim("c4", "r3"), far, "Syria", where_prec=6)}
    assert placing(gold, country_named, events).at_country == []
