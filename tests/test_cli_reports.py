"""`marsad reports` and `marsad reports date`: a report stored without a date gets one, and
so do its events; the advice the ingest warning gives works."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from marsad.store import Store
from tests.helpers import write

# "on Sunday" resolves only against a publication date
UNDATED_TEXT = ("Gunmen attacked a police checkpoint in Hajin on Sunday, killing three police "
                "officers, the Syrian Observatory for Human Rights said.")


def event_dates(db) -> list[dt.date | None]:
    return [e.date.date for e in Store.open(str(db)).events()]


@pytest.mark.model
def test_ingest_again_with_published_dates_a_report_stored_without_one(cli, workdir, db_path):
    path = write(workdir / "story.txt", UNDATED_TEXT)
    first = cli("ingest", path)
    assert "--published YYYY-MM-DD" in first.stderr  # the advice ...
    assert event_dates(db_path) == [None]
    again = cli("ingest", path, "--published", "2024-03-12")  # ... followed
    assert again.exit_code == 0, again.output
    assert "0 new report(s), 1 already stored" in again.stdout
    assert "1 report(s) stored earlier without a date: now published 2024-03-12" in again.stdout
    assert event_dates(db_path) == [dt.date(2024, 3, 10)]  # the Sunday before
    [report] = Store.open(str(db_path)).reports()
    assert report.published == dt.date(2024, 3, 12)
    assert not any("no publication date" in w for w in report.warnings)
    # a report that has its date keeps it: --published is for reports that lack one
    assert "stored earlier" not in cli("ingest", path, "--published", "2025-01-01").stdout
    assert event_dates(db_path) == [dt.date(2024, 3, 10)]


@pytest.mark.model
def test_reports_date_gives_one_report_its_date(cli, workdir, db_path):
    cli("ingest", write(workdir / "story.txt", UNDATED_TEXT))
    listed = cli("reports").stdout
    [report] = Store.open(str(db_path)).reports()
    assert f"marsad reports date {report.id[:8]} YYYY-MM-DD" in listed  # says how
    result = cli("reports", "date", report.id[:8], "2024-03-19")
    assert result.exit_code == 0, result.output
    assert f"report {report.id} " in result.stdout and "published 2024-03-19 (had none)" in result.stdout
    assert "1 claim(s), 1 of them dated" in result.stdout
    assert event_dates(db_path) == [dt.date(2024, 3, 17)]
    shown = json.loads(cli("events", "--format", "json").stdout.splitlines()[0])
    assert shown["date"]["date"] == "2024-03-17"
    assert "no date given" not in cli("reports").stdout


def test_reports_date_refuses_what_it_cannot_use(cli, db_path):
    Store.open(str(db_path)).close()
    missing = cli("reports", "date", "feedbeef", "2024-03-19")
    assert missing.exit_code == 1 and "no report 'feedbeef'" in missing.stderr
    assert "marsad reports" in missing.stderr
    bad = cli("reports", "date", "feedbeef", "19/03/2024")
    assert bad.exit_code == 2 and "write YYYY-MM-DD" in bad.output


def test_reports_status_says_what_was_stored(cli, db_path):
    from tests.publish.records import fill

    fill(Store.open(str(db_path)))
    listed = cli("reports").stdout
    assert "2 claim(s), 1 toll(s)" in listed and "1 claim(s), 1 control claim(s)" in listed
    assert listed.count("stored") == 2
