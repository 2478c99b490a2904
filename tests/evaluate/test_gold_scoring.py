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
