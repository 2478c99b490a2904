"""Incremental resolution: new claims re-open only their blocks, and the events are always
those of one resolution from scratch, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.records import Extraction, Modality, SourceKind
from marsad.resolve import claim_order, decisions, facts_of, resolve, resolve_store
from marsad.resolve.decisions import stored
from marsad.resolve.incremental import resolve_unresolved
from marsad.resolve.run import ordered_facts

from .build import (DARAIYA, HAJIN, IS, RAQQA, RAQQA_PROVINCE, SDF, SENAA, TABQA, add, at, claim,
                    extraction, report)

PLACES = [at(RAQQA), at(SENAA, "Al-Senaa"), at(DARAIYA), at(TABQA), at(HAJIN),
          at(RAQQA, "Al-Hal market", ("Raqqa",)), at(RAQQA_PROVINCE), (None, None)]
SUBS = [("Battles", "Armed clash"), ("Battles", "Non-state actor overtakes territory"),
        ("Explosions/Remote violence", "Air/drone strike")]
ACTORS = [(SDF, IS), (IS, SDF), ("", IS), ("US-led coalition", "Civilians")]
SOURCES = [("Syrian Observatory for Human Rights", SourceKind.MONITOR),
           ("Syrian Democratic Forces", SourceKind.PARTY)]
REPORTS = [f"r{n}" for n in range(6)]
START = dt.date(2017, 7, 1)


@st.composite
def a_claim(draw, report_id: str, start: int):
    event_type, sub = draw(st.sampled_from(SUBS))
    actor1, actor2 = draw(st.sampled_from(ACTORS))
    source, kind = draw(st.sampled_from(SOURCES))
    return claim(report_id, start, sub=sub, event_type=event_type,
                 day=START + dt.timedelta(days=draw(st.integers(0, 8))),
                 precision=draw(st.sampled_from([1, 1, 1, 2, 3])),
                 where=draw(st.sampled_from(PLACES)), actor1=actor1, actor2=actor2,
                 killed=draw(st.one_of(st.none(), st.integers(0, 60))), source=source,
                 kind=kind, modality=draw(st.sampled_from([Modality.CLAIMED, Modality.CLAIMED,
                                                           Modality.DENIED, Modality.PLANNED])))


# what can happen to a store: a report arrives, an analyst decides, a report is extracted
# again (a claim gone, a claim's date changed under the same id), a report gets its date
STEP = st.one_of(
    st.tuples(st.just("ingest"), st.integers(1, 3)),
    st.tuples(st.sampled_from(["merge", "split", "review", "correct"]), st.integers(0, 99),
              st.integers(0, 99)),
    st.tuples(st.just("reextract"), st.integers(0, 99), st.integers(0, 8)),
    st.tuples(st.just("redate"), st.integers(0, 99), st.integers(0, 8)),
)


class History:
    """Plays steps on a store, resolving incrementally after each."""

    def __init__(self, store, draw):
        self.store, self.draw = store, draw
        self.next_report = 0
        self.ticks = itertools.count()

    def clock(self) -> dt.datetime:
        return dt.datetime(2031, 1, 1) + dt.timedelta(minutes=next(self.ticks))

    def play(self, step) -> None:
        kind = step[0]
        if kind == "ingest":
            self.ingest(step[1])
        elif kind in ("reextract", "redate"):
            self.change(kind, step[1], step[2])
        else:
            self.decide(kind, step[1], step[2])
        resolve_store(self.store)

    def ingest(self, count: int) -> None:
        if self.next_report >= len(REPORTS):
            return
        rid = REPORTS[self.next_report]
        self.next_report += 1
        made = {c.id: c for c in (self.draw(a_claim(rid, 10 * n)) for n in range(count))}
        add(self.store, extraction(report(rid), *made.values()))

    def change(self, kind: str, pick: int, days: int) -> None:
        stored_reports = self.store.reports()
        if not stored_reports:
            return
        rep = stored_reports[pick % len(stored_reports)]
        with self.store.transaction() as connection:
            if kind == "redate":
                self.store.update_report(connection, rep.model_copy(update={
                    "published": START + dt.timedelta(days=days)}))
                return
            claims = [c for c in self.store.claims() if c.report_id == rep.id]
            kept = claims[1:]  # the first claim is no longer found...
            if kept:  # ...and another is now dated differently, under the same id
                moved = kept[0].date.model_copy(update={"date": START + dt.timedelta(days=days)})
                kept[0] = kept[0].model_copy(update={"date": moved})
            self.store.replace_extraction(connection, Extraction(report_id=rep.id,
                                                                 claims=tuple(kept)))

    def decide(self, kind: str, first: int, second: int) -> None:
        events = self.store.events()
        if not events:
            return
        event = events[first % len(events)]
        if kind == "merge" and len(events) > 1:
            other = events[second % len(events)]
            if other.id == event.id:
                other = events[(second + 1) % len(events)]
            decisions.merge(self.store, [event.id, other.id], who="lina", clock=self.clock)
        elif kind == "split" and len(event.claim_ids) > 1:
            moved = event.claim_ids[second % len(event.claim_ids)]
            decisions.split(self.store, event.id, [moved], who="lina", clock=self.clock)
        elif kind == "review":
            decisions.review(self.store, event.id, who="lina", clock=self.clock)
        elif kind == "correct":
            decisions.correct(self.store, event.id, "fatalities_best", second, who="lina",
                              clock=self.clock)


def from_scratch(store):
    return resolve(store.claims(), 1, decisions=stored(store),
                   published=store.report_dates())


@settings(max_examples=12, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.data(), st.lists(STEP, min_size=3, max_size=12))
def test_incremental_ingests_and_decisions_give_the_events_of_one_resolution(store, data, steps):
    store.empty()
    history = History(store, data.draw)
    for step in [("ingest", 2), *steps]:
        history.play(step)
        assert store.events() == from_scratch(store), step
        assert store.unresolved() == []
    incremental = store.events()
    resolve_store(store, full=True)
    assert store.events() == incremental


def test_a_new_claim_reads_only_the_claims_of_its_block(store):
    """Incidents in Raqqa on 2 July and 20 August, in Tabqa (another town of the province)
    and in Hajin (another province) on 2 July; a new claim about Raqqa on 2 July reads the
    claims of its block whose place can fit its own and no other, and only its event is
    rewritten."""
    far = dt.date(2017, 8, 20)
    raqqa, later, hajin = claim("a", 0), claim("b", 0, day=far), claim("a", 10, where=at(HAJIN))
    tabqa = claim("t", 0, where=at(TABQA))
    add(store, extraction(report("a"), raqqa, hajin),
        extraction(report("b"), later, claim("b", 10, killed=4)), extraction(report("t"), tabqa))
    resolve_store(store)
    before = {e.id: e for e in store.events()}
    read: list[str] = []
    claims = store.claims

    def spy(ids=None, **kwargs):
        found = claims(ids, **kwargs)
        read.extend(c.id for c in found)
        return found

    store.claims = spy
    new = claim("c", 0, killed=9)
    add(store, extraction(report("c"), new))
    resolve_store(store)
    del store.claims
    assert new.id in read and raqqa.id in read
    assert later.id not in read and hajin.id not in read and tabqa.id not in read
    after = {e.id: e for e in store.events()}
    changed = {i for i in after if after[i] != before.get(i)}
    assert len(changed) == 1 and new.id in after[changed.pop()].claim_ids
    assert after == {e.id: e for e in from_scratch(store)}


def chain(days: int) -> list:
    """A clash in Raqqa told every day by a new report: each day's claim fits the next, so
    the claims chain into one component however long the run of days."""
    return [extraction(report(f"d{n}"), claim(f"d{n}", 0, day=START + dt.timedelta(days=n),
                                              killed=n))
            for n in range(days)]


def test_claims_chained_past_the_limit_are_resolved_from_scratch_in_bounded_memory(store):
    add(store, *chain(8))
    resolve_store(store)
    before = store.events()
    add(store, extraction(report("late"), claim("late", 0, day=START, killed=30)))
    with store.transaction() as connection:  # the component (9 claims) is past a limit of 3
        assert not resolve_unresolved(store, connection, 1, store.unresolved(connection), 3)
    assert store.events() == before and store.unresolved() != []  # nothing written
    resolve_store(store, limit=3)  # gives up following it, and resolves the store instead
    assert store.unresolved() == []
    assert store.events() == from_scratch(store) != before


def test_a_resolution_from_scratch_reads_claims_in_the_groupers_order_a_few_at_a_time(store):
    """Days told as a day, a week, a month or a range, and undated claims: read two at a
    time, the facts come in the order the grouper sorts all of them in."""
    made = [claim("o", n, day=START + dt.timedelta(days=n % 5), precision=[1, 2, 3][n % 3])
            for n in range(9)]
    made += [claim("o", 20, day=None), claim("o", 21, span=(START, START + dt.timedelta(days=3)))]
    add(store, extraction(report("o"), *made))
    resolve_store(store, full=True)
    with store.transaction() as connection:
        streamed = [f.id for f in ordered_facts(store, connection, size=2)]
    assert streamed == [f.id for f in sorted(map(facts_of, made), key=claim_order)]
