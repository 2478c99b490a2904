"""`marsad ingest` end to end against a real SQLite file: refusal, --skip-bad, dates, the clock."""

from __future__ import annotations

import datetime as dt

import pytest

from marsad.ingest import Defaults, report_id
from marsad.pipeline import Pipeline
from marsad.store import Store
from tests.helpers import FIXED_NOW, HAJIN_TEXT, IDLIB_TEXT, dump_db, jsonl, write

pytestmark = pytest.mark.model

BAD_CONTENT = {
    "malformed JSON line": ("bad.jsonl", jsonl({"text": IDLIB_TEXT}) + '{"text": "cut off\n', 2),
    "undecodable bytes": ("bad.txt", b"Gunmen killed two people.\nThen \xff\xfe\n", 2),
    "empty file": ("bad.txt", b"", 1),
    "binary file": ("bad.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", 1),
    "date that is not a date": ("bad.jsonl", jsonl({"text": IDLIB_TEXT, "published": "2024-13-01"}),
                                1),
}


@pytest.fixture
def seeded(cli, db_path, workdir):
    """A database that already holds one report and its events."""
    write(workdir / "first.txt", f" date 2024-08-19 Attack near Hajin\n{HAJIN_TEXT}")
    result = cli("ingest", workdir / "first.txt")
    assert result.exit_code == 0, result.output
    return db_path


@pytest.mark.parametrize("name", BAD_CONTENT)
def test_bad_file_is_refused_whole_and_database_unchanged(cli, seeded, workdir, name):
    filename, content, line = BAD_CONTENT[name]
    bad = write(workdir / filename, content)
    before = dump_db(seeded)
    result = cli("ingest", bad)
    assert result.exit_code == 1
    lines = [x for x in result.stderr.splitlines() if x.startswith("error[")]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error[M100]: {bad}:{line}: ")
    assert "--skip-bad" in lines[0] and "refused" in lines[0]
    assert dump_db(seeded) == before


def test_good_file_before_bad_one_is_stored_with_its_events(cli, db_path, workdir):
    """One transaction per file: the good file stays, and its events are resolved."""
    good = write(workdir / "a_good.txt", f" date 2024-08-19 T\n{HAJIN_TEXT}")
    bad = write(workdir / "b_bad.jsonl", "{not json\n")
    result = cli("ingest", good, bad)
    assert result.exit_code == 1 and f"{bad}:1" in result.stderr
    store = Store.open(str(db_path))
    assert [r.id for r in store.reports()] == [report_id(HAJIN_TEXT)]
    assert store.count("claims") > 0
    assert store.count("events") > 0, "claims of the stored file were left without events"


def test_skip_bad_skips_counts_and_lists(cli, db_path, workdir):
    path = write(workdir / "mixed.jsonl", jsonl({"text": HAJIN_TEXT, "published": "2024-08-19"})
                 + "not json at all\n"
                 + jsonl({"text": IDLIB_TEXT, "published": "Tuesday"}))
    result = cli("ingest", "--skip-bad", path)
    assert result.exit_code == 0, result.output
    assert "1 new report(s)" in result.stdout
    assert "skipped 2 bad record(s)" in result.stderr
    assert f"{path}:2: not valid JSON" in result.stderr
    assert f"{path}:3: 'published'" in result.stderr
    assert Store.open(str(db_path)).count("reports") == 1


def test_report_with_no_date_is_stored_with_a_warning(cli, db_path, workdir):
    path = write(workdir / "undated.txt", HAJIN_TEXT)
    result = cli("ingest", path)
    assert result.exit_code == 0, result.output
    assert "warning:" in result.stderr and "no publication date" in result.stderr
    (report,) = Store.open(str(db_path)).reports()
    assert report.published is None
    assert any("no publication date" in w for w in report.warnings)


def test_no_date_means_no_day_precision_and_never_the_clock(db_path, extractor, workdir):
    store = Store.open(str(db_path))
    pipeline = Pipeline(store, extractor, clock=lambda: FIXED_NOW)
    write(workdir / "undated.txt", f"{HAJIN_TEXT}\n{IDLIB_TEXT}")
    pipeline.ingest([workdir / "undated.txt"])
    claims = store.claims()
    assert claims, "the extractor found nothing to check"
    for claim in claims:
        assert claim.date.date != FIXED_NOW.date() and claim.date.date != dt.date.today()
        assert claim.date.date is None or claim.date.precision > 1 or claim.date.text[:1].isdigit()
    assert all(e.date.precision > 1 or e.date.date is None for e in store.events())
    (report,) = store.reports()
    assert report.ingested_at == FIXED_NOW  # the clock is only for bookkeeping


def test_relative_dates_resolve_against_published(cli, db_path, workdir):
    path = write(workdir / "undated.txt", HAJIN_TEXT)  # "on Sunday"
    result = cli("ingest", path, "--published", "2024-08-20", "--outlet", "Test Wire")
    assert result.exit_code == 0, result.output
    store = Store.open(str(db_path))
    (report,) = store.reports()
    assert report.published == dt.date(2024, 8, 20) and report.outlet == "Test Wire"
    (claim,) = [c for c in store.claims() if c.sub_event_type == "Armed clash"]
    assert claim.date.date == dt.date(2024, 8, 18) and claim.date.precision == 1  # the Sunday
    assert claim.outlet == "Test Wire"


def test_yesterday_resolves_against_published_not_the_clock(db_path, extractor, workdir):
    store = Store.open(str(db_path))
    pipeline = Pipeline(store, extractor, clock=lambda: FIXED_NOW)
    pipeline.ingest([write(workdir / "idlib.txt", IDLIB_TEXT)],
                    Defaults(published=dt.date(2023, 11, 23)))
    (claim,) = store.claims()
    assert claim.date.date == dt.date(2023, 11, 22) and claim.date.precision == 1


def test_ingesting_twice_changes_nothing(cli, db_path, workdir):
    path = write(workdir / "r.jsonl", jsonl({"text": HAJIN_TEXT, "published": "2024-08-19"},
                                            {"text": IDLIB_TEXT, "published": "2023-11-23"}))
    assert cli("ingest", path).exit_code == 0
    before = dump_db(db_path)
    again = cli("ingest", path)
    assert again.exit_code == 0
    assert "0 new report(s), 2 already stored" in again.stdout
    assert dump_db(db_path) == before


def test_same_text_in_two_formats_is_one_report(cli, db_path, workdir):
    write(workdir / "in" / "a.txt", f" date 2024-08-19 Hajin\n{HAJIN_TEXT}")
    write(workdir / "in" / "b.jsonl", jsonl({"text": "  " + HAJIN_TEXT + "\n",
                                             "published": "2024-08-19"}))
    result = cli("ingest", workdir / "in")
    assert result.exit_code == 0, result.output
    assert "2 file(s): 1 new report(s), 1 already stored" in result.stdout
    assert Store.open(str(db_path)).count("reports") == 1


def test_directory_of_mixed_formats(cli, db_path, workdir):
    from tests.ingest.test_readers import ATOM_FEED, HTML_PAGE

    write(workdir / "in" / "page.html", HTML_PAGE)
    write(workdir / "in" / "feeds" / "desk.atom", ATOM_FEED)
    write(workdir / "in" / "hajin.txt", f" date 2024-08-19 Hajin\n{HAJIN_TEXT}")
    result = cli("ingest", workdir / "in")
    assert result.exit_code == 0, result.output
    assert "3 file(s): 3 new report(s)" in result.stdout
    store = Store.open(str(db_path))
    assert {r.published for r in store.reports()} == {
        dt.date(2024, 10, 10), dt.date(2024, 6, 21), dt.date(2024, 8, 19)}
