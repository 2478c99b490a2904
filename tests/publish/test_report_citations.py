"""Footnote markers a reader can tell apart, and sources described as they are."""

from __future__ import annotations

import datetime as dt
import re

from marsad.publish import ucdp
from marsad.publish.exports import ucdp_row
from marsad.publish.report import (Cited, Headline, Note, SituationReport, build_report, to_html,
                                   to_markdown)
from marsad.records import Event, EventDate, Report

from .html_notes import parse
from .records import claim


def report_with(*headlines: Headline) -> SituationReport:
    notes = [Note(number=n, report_id="r" * 16, outlet="Desert Courier", published=None,
                  title="", sentence=f"Sentence {n}.") for n in range(1, 12)]
    return SituationReport(title="t", period="p", sources="s", headlines=list(headlines),
                           notes=notes)


def visible(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_headline_footnote_markers_are_separated_and_grouped():
    situation = report_with(Headline("Fatalities", Cited("25", (2, 1))),
                            Headline("Civilians killed", Cited("30", tuple(range(1, 12)))))
    html = to_html(situation)
    text = visible(html)
    assert "251, 2" in text and "301–11" in text  # the figure, then its notes
    assert "1234567891011" not in text and "2512" not in text
    assert parse(html).refs == [1, 2, *range(1, 12)]  # every note still linked
    markdown = to_markdown(situation)
    assert "25[^1],[^2]" in markdown and "[^1][^2]" not in markdown


def test_cited_runs():
    assert Cited("x", (5, 1, 2, 3, 9, 10)).runs() == [(1, 3), (5, 5), (9, 10)]
    assert Cited("x").runs() == []


def test_sources_say_how_many_reports_name_no_outlet():
    reports = [Report(id=f"{n}" * 16, text=f"Sentence {n}.", outlet="Desert Courier" if n == 1
                      else "") for n in range(1, 5)]
    claims = {f"c{r.id[0]}": claim(f"c{r.id[0]}", r, r.text) for r in reports}
    event = Event(id="e", date=EventDate(date=dt.date(2024, 3, 12)), event_type="Battles",
                  sub_event_type="Armed clash", claim_ids=tuple(claims))
    situation = build_report([event], claims, {r.id: r for r in reports}, [], [], charts=())
    assert situation.sources == "4 report(s) from Desert Courier (3 of them naming no outlet)"
    lone = build_report([event.model_copy(update={"claim_ids": ("c2",)})], claims,
                        {r.id: r for r in reports}, [], [], charts=())
    assert lone.sources == "1 report(s), none naming its outlet"


def test_ucdp_source_article_writes_only_the_parts_there_are(knowledge):
    reports = {"a" * 16: Report(id="a" * 16, text="Sentence.", title="Headline",
                                published=dt.date(2024, 3, 12)),
               "b" * 16: Report(id="b" * 16, text="Other.", outlet="Desert Courier")}
    claims = [claim("c1", reports["a" * 16], "Sentence."), claim("c2", reports["b" * 16], "Other.")]
    event = Event(id="e", date=EventDate(date=dt.date(2024, 3, 12)), event_type="Battles",
                  sub_event_type="Armed clash", claim_ids=("c1", "c2"))
    row = ucdp_row(event, knowledge, claims, reports, ucdp.actor_names())
    assert row["source_article"] == '"2024-03-12,Headline";"Desert Courier"'
