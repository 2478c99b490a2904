"""What must always hold: order, batching and repetition change nothing; ids are stable."""

from __future__ import annotations

import datetime as dt
import itertools
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.records import Modality, SourceKind
from marsad.resolve import resolve, resolve_store
from marsad.resolve.match import eligible, facts_of, same_incident

from .build import DARAIYA, IS, RAQQA, SDF, SENAA, TABQA, add, at, claim, extraction, report

PLACES = [at(RAQQA), at(SENAA, "Al-Senaa"), at(DARAIYA), at(TABQA),
          at(RAQQA, "Al-Hal market", ("Raqqa",)), (None, None)]
SUBS = [("Battles", "Armed clash"), ("Battles", "Non-state actor overtakes territory"),
        ("Explosions/Remote violence", "Air/drone strike")]
ACTORS = [(SDF, IS), (IS, SDF), ("", IS), ("US-led coalition", "Civilians")]
SOURCES = [("Syrian Observatory for Human Rights", SourceKind.MONITOR),
           ("Syrian Democratic Forces", SourceKind.PARTY), ("Airwars", SourceKind.MONITOR)]


@st.composite
def claims(draw, max_size: int = 14):
    count = draw(st.integers(1, max_size))
    made = {}
    for index in range(count):
        event_type, sub = draw(st.sampled_from(SUBS))
        actor1, actor2 = draw(st.sampled_from(ACTORS))
        source, kind = draw(st.sampled_from(SOURCES))
        precision = draw(st.sampled_from([1, 1, 1, 2, 3]))
        made_claim = claim(
            f"r{draw(st.integers(0, 3))}", index * 10, sub=sub, event_type=event_type,
            day=dt.date(2017, 7, 1) + dt.timedelta(days=draw(st.integers(0, 6))),
            precision=precision, where=draw(st.sampled_from(PLACES)), actor1=actor1,
            actor2=actor2, killed=draw(st.one_of(st.none(), st.integers(0, 60))),
            source=source, kind=kind,
            modality=draw(st.sampled_from([Modality.CLAIMED, Modality.CLAIMED, Modality.DENIED,
                                           Modality.PLANNED])))
        made[made_claim.id] = made_claim
    return list(made.values())


@given(claims(), st.randoms(use_true_random=False))
def test_merging_does_not_depend_on_input_order(found, random):
    shuffled = list(found)
    random.shuffle(shuffled)
    assert resolve(shuffled) == resolve(found)


@given(claims())
def test_merging_twice_changes_nothing(found):
    once = resolve(found)
    assert resolve(found + found) == once
    kept = {c.id: c for c in found}
    again = resolve([kept[i] for event in once for i in event.claim_ids])
    assert again == once


@given(claims())
def test_every_eligible_claim_is_in_exactly_one_event_whose_claims_all_fit(found):
    """...except denials that no other claim asserts: what is only denied founds no event."""
    events = resolve(found)
    placed = [i for event in events for i in event.claim_ids]
    assert len(placed) == len(set(placed))
    assert set(placed) <= {c.id for c in found if eligible(c)}
    assert {c.id for c in found if eligible(c) and c.modality is not Modality.DENIED} <= set(placed)
    for event in events:
        assert any(c.modality is not Modality.DENIED for c in found if c.id in event.claim_ids)
    by_id = {c.id: facts_of(c) for c in found}
    for event in events:
        for a, b in itertools.combinations(event.claim_ids, 2):
            assert same_incident(by_id[a], by_id[b]) and same_incident(by_id[b], by_id[a])


@given(claims(), claims())
def test_event_ids_are_stable_when_claims_are_added(first, more):
    before = {e.id: set(e.claim_ids) for e in resolve(first)}
    after = resolve(first + more)
    for event in after:
        if set(event.claim_ids) in before.values():  # an event that did not change...
            assert before.get(event.id) == set(event.claim_ids)  # ...kept its id
        if event.id in before:  # an event that grew kept the claim it is named after
            assert min(before[event.id]) == min(event.claim_ids)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(claims(max_size=10), st.integers(1, 3))
def test_adding_reports_later_gives_the_events_of_ingesting_them_at_once(found, cut):
    reports = sorted({c.report_id for c in found})
    batches = [reports[:cut], reports[cut:]]

    def batch(ids):
        return [extraction(report(r), *[c for c in found if c.report_id == r]) for r in ids]

    with tempfile.TemporaryDirectory() as folder:
        from marsad.store import Store

        later = Store.open(str(Path(folder) / "later.db"))
        for ids in batches:
            add(later, *batch(ids))
            resolve_store(later)
        at_once = Store.open(str(Path(folder) / "once.db"))
        add(at_once, *batch(reports))
        resolve_store(at_once)
        resolve_store(at_once)  # and re-running changes nothing
        assert later.events() == at_once.events()
        later.close()
        at_once.close()
