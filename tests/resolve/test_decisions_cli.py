"""Analysts' decisions through the CLI, on a real SQLite file; re-running keeps them."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from marsad.records import EventStatus
from marsad.resolve import decisions, resolve_store
from marsad.resolve.decisions import DecisionError
from marsad.store import Store

from .build import IS, SDF, SENAA, TABQA, add, at, claim, extraction, report, store_with

CLOCK = lambda: dt.datetime(2031, 5, 17, 9, 30)  # noqa: E731 - a fixed clock for the tests


@pytest.fixture
def store(db_path):
    """Three claims of one clash (two reports) and a strike in another town."""
    one = report("r1")
    two = report("r2", published=dt.date(2017, 7, 3), outlet="Xinhua")
    made = store_with(db_path,
                      extraction(one, claim("r1", 0, killed=5), claim("r1", 100, killed=7,
                                                                      where=at(SENAA, "Al-Senaa"))),
                      extraction(two, claim("r2", 0, where=at(TABQA)), claim("r2", 100)))
    resolve_store(made)
    yield made
    made.close()


def event_list(cli) -> list[dict]:
    result = cli("events", "--format", "json")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def test_split_then_rerun_keeps_the_split(cli, store):
    big = max(event_list(cli), key=lambda e: len(e["claim_ids"]))
    assert len(big["claim_ids"]) == 3
    moved = big["claim_ids"][-1]
    result = cli("split", big["id"][:8], "--claim", moved[:8], "--who", "lina")
    assert result.exit_code == 0, result.output
    assert "split" in result.output and "kept" in result.output
    resolve_store(store)  # the pipeline runs again
    sizes = sorted(len(e["claim_ids"]) for e in event_list(cli))
    assert sizes == [1, 1, 2]
    assert any(e["claim_ids"] == [moved] for e in event_list(cli))


def test_merge_then_rerun_and_a_new_report_keep_the_merge(cli, store):
    ids = [e["id"] for e in event_list(cli)]
    assert len(ids) == 2
    result = cli("merge", ids[0][:8], ids[1][:8], "--who", "lina", "--note", "same incident")
    assert result.exit_code == 0, result.output
    assert "merged into" in result.output
    add(store, extraction(report("r3"), claim("r3", 0, actor1=IS, actor2=SDF)))
    resolve_store(store)
    events = event_list(cli)
    assert len(events) == 1 and len(events[0]["claim_ids"]) == 5


def test_review_and_correct_survive_reruns(cli, store):
    target = max(event_list(cli), key=lambda e: len(e["claim_ids"]))["id"]
    assert cli("review", target[:8], "--who", "lina").exit_code == 0
    result = cli("correct", target[:8], "fatalities_best", "6", "--who", "sami")
    assert result.exit_code == 0, result.output
    add(store, extraction(report("r3"), claim("r3", 0, killed=9, source="Airwars")))
    resolve_store(store)
    event = store.event(target)  # the new claim joined: the id holds (smallest claim kept)
    assert event.status is EventStatus.REVIEWED
    assert event.fatalities_best == 6 and event.fatalities_high == 9
    assert "fatalities_best set by sami" in event.notes
    assert decisions.reviewed_fields(store, target) == {"fatalities_best": 6}
    listing = cli("decisions", target[:8])
    assert "review" in listing.output and "correct" in listing.output and "sami" in listing.output


def test_bad_requests_say_what_to_do(cli, store):
    ids = [e["id"] for e in event_list(cli)]
    result = cli("merge", ids[0][:8], ids[0][:8])
    assert result.exit_code == 1 and "merge needs two different events" in result.output
    result = cli("split", ids[0][:8], "--claim", "zzzz")
    assert result.exit_code == 1 and "marsad show" in result.output
    result = cli("review", "nope")
    assert result.exit_code == 1 and "marsad events" in result.output


def test_the_library_api_records_who_and_when(store):
    target = store.events()[0]
    event = decisions.review(store, target.id, who="lina", note="ok", clock=CLOCK)
    assert event.status is EventStatus.REVIEWED
    [made] = decisions.history(store, target.id)
    assert (made.who, made.at, made.note, made.kind.value) == ("lina", CLOCK(), "ok", "review")
    with pytest.raises(DecisionError):
        decisions.review(store, target.id, who=" ")
    with pytest.raises(DecisionError):
        decisions.correct(store, target.id, "fatalities_best", "many", who="lina")


def test_decisions_live_in_their_own_migration_branch(store):
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from marsad.store import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_revision("resolve@head")
    assert "0002_decisions" in {r.revision for r in
                                ScriptDirectory.from_config(config).iterate_revisions(head.revision, "base")}
    assert head.revision in Store.head_versions()
    assert head.revision in store.schema_versions()
