"""`marsad report`: the situation report, its figures, footnotes, charts and formats."""

from __future__ import annotations

import re

import pytest

from marsad.publish.report import build_report, report_from_store, to_html
from marsad.records import Claim, Event, EventDate, Report
from marsad.store import EventFilter

from .html_notes import check_citations, parse
from .records import CLAIMS, CONTROLS, EVENTS, REPORT_A, REPORT_B, TOLLS


def _texts(store) -> dict[str, str]:
    return {r.id: r.text for r in store.reports()}


def test_html_report_cites_every_figure(cli, filled, workdir):
    result = cli("report", "-o", "out/report.html")
    assert result.exit_code == 0, result.output
    html = (workdir / "out" / "report.html").read_text(encoding="utf-8")
    parsed = check_citations(html, _texts(filled))
    assert set(parsed.charts) == {"chart-fatalities", "chart-types", "chart-map"}
    outside = re.findall(r'(?:src|href)="(?!#|data:)([^"]*)"', html)
    assert outside == []  # offline: the page loads nothing from anywhere


def test_headline_figures_add_up_events_not_tolls(filled):
    report = report_from_store(filled)
    values = {h.label: h.value.text for h in report.headlines}
    assert values == {"Events": "2", "Fatalities, low": "4", "Fatalities, best": "7",
                      "Fatalities, high": "7", "Civilians killed": "7", "Women killed": "2",
                      "Children killed": "3"}


def test_contested_figures_side_by_side(filled):
    report = report_from_store(filled)
    [contested] = report.contested
    assert [(source, value.text) for source, value in contested.figures] == [
        ("the army via Other Wire", "4"), ("rescuers via Test Wire", "7")]
    assert contested.low_best_high == "4 / 7 / 7"


def test_toll_beside_sum_of_coded_events(filled):
    [line] = report_from_store(filled).tolls
    assert (line.count.text, line.coded.text, line.coded_events) == ("more than 300", "7", 1)
    assert line.count.notes and line.coded.notes


def test_control_change_with_share(filled):
    [change] = report_from_store(filled).control
    assert (change.place, change.holder, change.share) == ("Hajin", "Syrian Democratic Forces", "60%")


def test_footnote_names_outlet_date_and_report(filled):
    report = report_from_store(filled)
    note = next(n for n in report.notes if n.report_id == REPORT_B.id)
    assert (note.outlet, str(note.published)) == ("Other Wire", "2019-03-06")
    html = to_html(report)
    assert f"report <code>{REPORT_B.id}</code>" in html and "Other Wire, 2019-03-06" in html


def test_filters_apply(cli, filled, workdir):
    cli("report", "--since", "2019-03-04", "-o", "r.html")
    html = (workdir / "r.html").read_text(encoding="utf-8")
    assert "Armed clash" not in html and "Air/drone strike" in html
    report = report_from_store(filled, EventFilter(actor="Democratic"))
    assert [i.sub_event_type for i in report.incidents] == ["Armed clash"]


def test_text_from_reports_is_escaped():
    hostile = Report(id="h" * 16, text="<script>alert(1)</script> killed 3.", outlet="<b>x</b>")
    evidence = CLAIMS[0].evidence.model_copy(update={
        "report_id": hostile.id, "start": 0, "end": len(hostile.text), "text": hostile.text})
    claim = CLAIMS[0].model_copy(update={"report_id": hostile.id, "evidence": evidence,
                                         "actor1": "<img src=x onerror=alert(1)>"})
    event = EVENTS[1].model_copy(update={"claim_ids": (claim.id,), "actor1": claim.actor1})
    html = to_html(build_report([event], {claim.id: claim}, {hostile.id: hostile}, [], [],
                                charts=()))
    assert "<script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html


def test_markdown_report(cli, filled, workdir):
    cli("report", "--format", "md", "-o", "r.md")
    text = (workdir / "r.md").read_text(encoding="utf-8")
    notes = dict(re.findall(r"^\[\^(\d+)\]: .*?“(.*)”$", text, flags=re.M))
    assert notes and all(f"[^{n}]" in text.split("## Sources")[0] for n in notes)
    texts = _texts(filled).values()
    for quote in notes.values():
        assert any(quote.replace("\\", "") in t for t in texts)
    assert text.count("](data:image/png;base64,") == 3


def test_pdf_report(cli, filled, workdir):
    pytest.importorskip("weasyprint", reason="PDF needs `pip install marsad[pdf]`")
    result = cli("report", "--format", "pdf", "-o", "r.pdf")
    assert result.exit_code == 0, result.output
    assert (workdir / "r.pdf").read_bytes().startswith(b"%PDF")


def test_empty_database_still_renders(cli, workdir):
    result = cli("report", "-o", "empty.html")
    assert result.exit_code == 0
    html = (workdir / "empty.html").read_text(encoding="utf-8")
    assert "No events in this period" in html and parse(html).charts


def test_every_record_used_is_reachable():
    report = build_report(EVENTS, {c.id: c for c in CLAIMS}, {REPORT_A.id: REPORT_A,
                          REPORT_B.id: REPORT_B}, TOLLS, CONTROLS, charts=())
    cited = {(n.report_id, n.sentence) for n in report.notes}
    assert {(c.report_id, c.evidence.text) for c in CLAIMS} <= cited
    assert (TOLLS[0].report_id, TOLLS[0].evidence.text) in cited


def test_undated_event_does_not_break_the_report():
    undated = Event(id="u1", date=EventDate(), event_type="Battles", sub_event_type="Armed clash")
    report = build_report([undated], {}, {}, [], [], charts=("fatalities", "types", "map"))
    assert report.incidents[0].date is None and set(report.charts) == {"fatalities", "types", "map"}
    assert isinstance(CLAIMS[0], Claim)
