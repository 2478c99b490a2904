"""Properties that must always hold: ingesting twice changes nothing; ids are content hashes.

The reports are put together by hypothesis from sentences written for the tests and run through
the blank spaCy pipeline (no model), so many examples stay fast.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.ingest import Defaults, normalise_text, report_id
from marsad.pipeline import Pipeline
from marsad.store import Store
from tests.helpers import FIXED_NOW, dump_tables, jsonl, write

ACTORS = ["Islamic State fighters", "Syrian Democratic Forces", "Russian jets", "RSF fighters",
          "gunmen", "al-Shabaab militants"]
VERBS = ["attacked a checkpoint in", "shelled a market in", "carried out an air strike on",
         "clashed with troops near", "stormed a village near"]
PLACES = ["Hajin", "Idlib", "Kharkiv", "El Fasher", "Mogadishu", "Bama", "Taiz"]
WHEN = ["on Sunday", "yesterday", "on 3 March 2024", "late on Tuesday", ""]
TOLLS = ["killing five people", "killing at least 12 civilians", "wounding dozens", ""]
SOURCES = ["the Syrian Observatory for Human Rights said", "residents said", "police said", ""]


@st.composite
def sentences(draw) -> str:
    parts = [draw(st.sampled_from(ACTORS)), draw(st.sampled_from(VERBS)),
             draw(st.sampled_from(PLACES)), draw(st.sampled_from(WHEN))]
    sentence = " ".join(p for p in parts if p)
    for tail in (draw(st.sampled_from(TOLLS)), draw(st.sampled_from(SOURCES))):
        if tail:
            sentence += ", " + tail
    return sentence[0].upper() + sentence[1:] + "."


reports_text = st.lists(sentences(), min_size=1, max_size=4).map(" ".join)
dates = st.one_of(st.none(), st.dates(dt.date(2015, 1, 1), dt.date(2025, 12, 31)))
records = st.lists(st.tuples(reports_text, dates), min_size=1, max_size=4)


def _jsonl(items) -> str:
    return jsonl(*({"text": text, **({"published": d.isoformat()} if d else {})}
                   for text, d in items))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items=records, order=st.randoms(use_true_random=False))
def test_ingesting_the_same_reports_twice_changes_nothing(blank_extractor, items, order):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        store = Store.open(str(folder / "p.db"))
        pipeline = Pipeline(store, blank_extractor, clock=lambda: FIXED_NOW)
        first = write(folder / "a.jsonl", _jsonl(items))
        pipeline.ingest([first])
        before = dump_tables(store)

        shuffled = list(items)
        order.shuffle(shuffled)
        again = write(folder / "b.jsonl", _jsonl(shuffled))
        summary = pipeline.ingest([first, again])
        assert summary.reports_new == 0
        assert dump_tables(store) == before

        stored = store.reports()
        assert {r.id for r in stored} == {report_id(text) for text, _ in items}
        assert all(r.id == report_id(r.text) for r in stored)
        store.close()


@given(text=reports_text, gap=st.sampled_from([" ", "  ", "\t", " \u00a0"]),
       edge=st.sampled_from(["", " ", "\n", "\r\n", "\t\n"]))
def test_report_id_is_a_hash_of_the_normalised_text(text, gap, edge):
    """Spacing within a line and around the text is layout; line breaks inside are kept."""
    spaced = edge + text.replace(" ", gap) + edge
    assert report_id(spaced) == report_id(text)
    assert normalise_text(normalise_text(text)) == normalise_text(text)
    assert len(report_id(text)) == 16 and int(report_id(text), 16) >= 0


@given(text=reports_text)
def test_a_different_text_is_a_different_report(text):
    assert report_id(text) != report_id(text + " Residents fled.")


def test_ids_do_not_depend_on_file_or_metadata(tmp_path, blank_extractor):
    from marsad.ingest import read_file

    text = "Gunmen attacked a checkpoint in Bama on Sunday, killing five people, police said."
    a = read_file(write(tmp_path / "a.txt", f" date 2024-08-19 One title\n{text}"), Defaults())
    b = read_file(write(tmp_path / "b.jsonl", jsonl({"text": text, "title": "Another",
                                                     "outlet": "X"})), Defaults())
    assert a.reports[0].id == b.reports[0].id == report_id(text)
