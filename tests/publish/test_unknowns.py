"""What a reader sees for what is not known: words ("no date given", "unknown", "none
reported"), never Python's `None`."""

from __future__ import annotations

import re

import pytest

from marsad.publish.brief import markdown_brief
from marsad.records import (Claim, Control, Count, CountQualifier, Event, EventDate, EventStatus,
                            Extraction, Modality, PlaceQuery, Report, SourceKind, Span, Toll)
from marsad.store import Store

CLASH = "Gunmen and soldiers fought near the bridge, a resident said."
DENIAL = "The army denied that any fighting took place."
TOLL = "Dozens have been killed in the district, the monitor said."
CONTROL = "The gunmen hold the bridge, the monitor said."
UNDATED = Report(id="u" * 16, text=f"{CLASH} {DENIAL} {TOLL} {CONTROL}", title="Fighting near a bridge")


def span(sentence: str) -> Span:
    start = UNDATED.text.index(sentence)
    return Span(report_id=UNDATED.id, start=start, end=start + len(sentence), text=sentence)


def claim(claim_id: str, sentence: str, **fields) -> Claim:
    return Claim(id=claim_id, report_id=UNDATED.id, evidence=span(sentence), event_type="Battles",
                 sub_event_type="Armed clash", date=EventDate(precision=3),
                 place=PlaceQuery(mention="the bridge"), actor1="Gunmen", **fields)


CLAIMS = (claim("u1", CLASH, attributed_to="a resident", source_kind=SourceKind.WITNESS),
          claim("u2", DENIAL, attributed_to="the army", modality=Modality.DENIED))
EVENT = Event(id="undated-0000001", date=EventDate(precision=3), event_type="Battles",
              sub_event_type="Armed clash", actor1="Gunmen", place=PlaceQuery(mention="the bridge"),
              status=EventStatus.CONTESTED, claim_ids=("u1", "u2"), sources=("a resident",))
TOLLS = (Toll(id="ut", report_id=UNDATED.id, evidence=span(TOLL), victims="civilians",
              count=Count(qualifier=CountQualifier.VAGUE)),)
CONTROLS = (Control(id="uc", report_id=UNDATED.id, evidence=span(CONTROL),
                    place=PlaceQuery(mention="the bridge"), holder="Gunmen", date=EventDate()),)


@pytest.fixture
def undated(db_path) -> Store:
    store = Store.open(str(db_path))
    with store.transaction() as connection:
        store.add_report(connection, UNDATED, Extraction(report_id=UNDATED.id, claims=CLAIMS,
                                                         tolls=TOLLS, controls=CONTROLS))
        store.replace_events(connection, [EVENT])
    yield store
    store.close()


def no_none(text: str) -> str:
    found = [text[max(m.start() - 60, 0):m.end() + 20] for m in re.finditer(r"\bNone\b", text)]
    assert not found, f"`None` shown to a reader: {found}"
    return text


def test_show_and_events_say_what_is_unknown(cli, undated):
    shown = no_none(cli("show", EVENT.id[:8]).stdout)
    assert "no date given" in shown and "fatalities: none reported" in shown
    listed = no_none(cli("events").stdout)
    assert "no date" in listed
    for command in ("reports", "tolls", "control"):
        no_none(cli(command).stdout)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_situation_report_says_what_is_unknown(cli, undated, workdir, fmt):
    result = cli("report", "--format", fmt, "--no-md-charts", "-o", f"r.{fmt}")
    assert result.exit_code == 0, result.output
    text = no_none((workdir / f"r.{fmt}").read_text(encoding="utf-8"))
    assert "unknown / unknown / unknown" in text  # the contested figures, none given
    assert "no figure given" in text  # the toll's count


def test_the_brief_says_what_is_unknown(undated):
    claims = {c.id: c for c in undated.claims()}
    brief = markdown_brief(undated.events(), claims, {UNDATED.id: UNDATED}, list(TOLLS),
                           list(CONTROLS))
    assert "no date given" in no_none(brief)


def test_the_csv_says_why_the_date_is_empty(cli, undated):
    import csv
    import io

    [row] = csv.DictReader(io.StringIO(cli("export", "--format", "csv").stdout))
    assert (row["event_date"], row["year"]) == ("", "")
    assert row["notes"].startswith("On an unknown date (the reports give none)")
    no_none(cli("export", "--format", "csv").stdout)
