"""Issue 17: ingest reads only what it is given, and bad input gets an error that says what to do.

Every input here is written for the test. No model and no database, except where said.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
from pathlib import Path

import pytest

from marsad.errors import InputError, StoreError
from marsad.ingest import Defaults, expand_paths, read_file
from marsad.store import Store
from tests.helpers import HAJIN_TEXT, IDLIB_TEXT, jsonl, write

SECRET = "root:x:0:0:the secret outside the folder"


@pytest.fixture(autouse=True)
def _never_hang():
    """A reader that blocks (on a FIFO) fails the test instead of hanging the suite."""
    def stuck(signum, frame):
        raise TimeoutError("the reader hung")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def errors_of(path: Path, defaults: Defaults = Defaults()) -> list[InputError]:
    batch = read_file(path, defaults)
    assert not any(SECRET in r.text for r in batch.reports), "read a file outside the folder"
    assert batch.errors and not batch.reports, (batch.errors, batch.reports)
    return batch.errors


def one_error(path: Path, line: int = 1, defaults: Defaults = Defaults()) -> str:
    (error,) = errors_of(path, defaults)
    assert isinstance(error, InputError) and error.code == "M100"
    assert error.where == f"{path}:{line}", error
    assert "\n" not in str(error)
    return error.message


@pytest.fixture
def outside(tmp_path) -> Path:
    """A file outside the ingested folder (standing in for /etc/passwd)."""
    return write(tmp_path / "outside" / "passwd.txt", SECRET)


# -- A. a JSON Lines `path` stays in its folder ----------------------------------------------------

@pytest.mark.parametrize("name", ["../../outside/passwd.txt", "sub/../../../outside/passwd.txt",
                                  "ABSOLUTE"])
def test_jsonl_path_out_of_its_folder_is_refused(tmp_path, outside, name):
    name = str(outside) if name == "ABSOLUTE" else name
    index = write(tmp_path / "in" / "feed" / "index.jsonl", jsonl({"path": name}))
    message = one_error(index)
    assert "outside" in message and "--allow-root" in message and repr(name) in message


def test_jsonl_path_through_a_link_out_of_the_folder_is_refused(tmp_path, outside):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.txt").symlink_to(outside)
    (tmp_path / "in" / "sub").symlink_to(outside.parent, target_is_directory=True)
    index = write(tmp_path / "in" / "index.jsonl", jsonl({"path": "notes.txt"},
                                                         {"path": "sub/passwd.txt"}))
    assert [e.line for e in errors_of(index)] == [1, 2]
    assert all("outside" in e.message for e in errors_of(index))


def test_allow_root_names_a_folder_a_jsonl_path_may_reach(tmp_path, outside):
    index = write(tmp_path / "in" / "index.jsonl", jsonl({"path": "../outside/passwd.txt"}))
    batch = read_file(index, Defaults(allow_roots=(outside.parent,)))
    assert not batch.errors and [r.text for r in batch.reports] == [SECRET]


def test_jsonl_path_inside_its_folder_still_works(tmp_path):
    write(tmp_path / "in" / "texts" / "a.txt", HAJIN_TEXT)
    index = write(tmp_path / "in" / "index.jsonl", jsonl({"path": "sub/../texts/a.txt"}))
    assert [r.text for r in read_file(index, Defaults()).reports] == [HAJIN_TEXT]


def test_jsonl_that_names_itself_is_refused_not_recursed(tmp_path):
    index = write(tmp_path / "index.jsonl", jsonl({"path": "index.jsonl"}))
    assert "cannot include itself" in one_error(index)


def test_two_jsonl_files_naming_each_other_are_refused(tmp_path):
    write(tmp_path / "b.jsonl", jsonl({"path": "a.jsonl"}))
    index = write(tmp_path / "a.jsonl", jsonl({"path": "b.jsonl"}))
    assert "cannot include itself" in one_error(index)


def test_folder_walk_skips_links_out_of_the_folder(tmp_path, outside):
    write(tmp_path / "in" / "a.txt", HAJIN_TEXT)
    (tmp_path / "in" / "passwd.txt").symlink_to(outside)
    (tmp_path / "in" / "etc").symlink_to(outside.parent, target_is_directory=True)
    (tmp_path / "in" / "also_a.txt").symlink_to(tmp_path / "in" / "a.txt")  # inside: read
    files = expand_paths([tmp_path / "in"])
    assert [f.name for f in files] == ["a.txt", "also_a.txt"]


def test_folder_walk_skips_fifos_and_device_links(tmp_path):
    write(tmp_path / "in" / "a.txt", HAJIN_TEXT)
    os.mkfifo(tmp_path / "in" / "pipe.txt")
    (tmp_path / "in" / "zero.txt").symlink_to("/dev/zero")
    assert [f.name for f in expand_paths([tmp_path / "in"])] == ["a.txt"]


def test_a_fifo_is_refused_without_hanging(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    message = one_error(tmp_path / "pipe.txt")
    assert "named pipe (FIFO)" in message and "regular file" in message


def test_a_link_to_a_device_is_refused_without_reading_it(tmp_path):
    (tmp_path / "zero.jsonl").symlink_to("/dev/zero")
    assert "character device" in one_error(tmp_path / "zero.jsonl")


def test_a_jsonl_path_to_a_fifo_names_both(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    index = write(tmp_path / "index.jsonl", jsonl({"path": "pipe.txt"}))
    message = one_error(index)
    assert "pipe.txt" in message and "named pipe" in message


def test_a_file_over_the_size_cap_is_refused(tmp_path):
    path = write(tmp_path / "big.txt", HAJIN_TEXT * 10)
    message = one_error(path, defaults=Defaults(max_bytes=len(HAJIN_TEXT)))
    assert "larger than" in message and "split it" in message


# -- B. bad input: one line, file:line, never a traceback ----------------------------------------

LONG_INT = "1" + "0" * 5000
BAD_LINES = {
    "deeply nested JSON": ('{"text": "x", "note": ' + "[" * 100_000 + "]" * 100_000 + "}",
                           "nested too deeply"),
    "integer over 4,300 digits": ('{"text": "Gunmen attacked.", "id": ' + LONG_INT + "}",
                                  "number too long"),
    "lone surrogate in the text": ('{"text": "Gunmen \\ud800 attacked."}', "surrogate"),
    "lone surrogate in a field name": ('{"text": "Gunmen attacked.", "\\udc00": 1}',
                                       "unknown field"),
    "NUL in the text": ('{"text": "Gunmen\\u0000 attacked."}', "NUL"),
    "NUL in the title": ('{"text": "Gunmen attacked.", "title": "a\\u0000"}', "NUL"),
    "NUL in a path": ('{"path": "a\\u0000.txt"}', "NUL"),
    "year 0001": ('{"text": "Gunmen attacked.", "published": "0001-01-01"}', "plausible"),
    "id that is an object": ('{"text": "Gunmen attacked.", "id": {"a": 1}}',
                             "'id' must be a string or a whole number"),
    "id that is true": ('{"text": "Gunmen attacked.", "id": true}', "'id' must be"),
    "id that is a float": ('{"text": "Gunmen attacked.", "id": 1.5}', "'id' must be"),
    "published 0": ('{"text": "Gunmen attacked.", "published": 0}', "'published' must be a date"),
    "published false": ('{"text": "Gunmen attacked.", "published": false}', "'published' must"),
    "zero-width text": ('{"text": "\\u200b\\u200c\\u2060\\ufeff"}', "empty"),
    "control noise": ('{"text": "\\u0001\\u0002 \\u0007\\u001b"}', "empty"),
    "outlet too long": ('{"text": "Gunmen attacked.", "outlet": "' + "x" * 300 + '"}',
                        "longer than 200"),
    "language that is no language": ('{"text": "Gunmen attacked.", "language": "Englisch"}',
                                     "neither a language tag"),
}


@pytest.mark.parametrize("name", BAD_LINES)
def test_bad_jsonl_line_is_one_clear_error(tmp_path, name):
    line, words = BAD_LINES[name]
    path = write(tmp_path / "r.jsonl", jsonl({"text": HAJIN_TEXT}) + line + "\n")
    batch = read_file(path, Defaults())
    assert [r.text for r in batch.reports] == [HAJIN_TEXT]
    (error,) = batch.errors
    assert error.where == f"{path}:2" and words in error.message, error
    str(error).encode("utf-8")  # printable: no lone surrogate copied into the message


def test_jsonl_integer_id_is_kept_as_its_digits(tmp_path):
    path = write(tmp_path / "r.jsonl", '{"text": "Gunmen attacked.", "id": 42}\n')
    assert read_file(path, Defaults()).reports[0].external_id == "42"


def test_nul_late_in_a_text_file_names_its_line(tmp_path):
    path = write(tmp_path / "r.txt", ("Gunmen attacked a village.\n" * 400).encode()
                 + b"and then \x00 more\n")
    assert "NUL" in one_error(path, line=401)


def test_bom_only_jsonl_is_empty(tmp_path):
    assert "empty" in one_error(write(tmp_path / "r.jsonl", b"\xef\xbb\xbf"))
    assert "empty" in one_error(write(tmp_path / "s.jsonl", b"\xef\xbb\xbf\n\n"))


def test_text_file_of_zero_width_characters_is_empty(tmp_path):
    assert "empty" in one_error(write(tmp_path / "r.txt", "\u200b\u200d\n\u2060"))


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres",
                                                            marks=pytest.mark.postgres)])
def test_every_store_refuses_nul_with_a_clear_error(request, backend):
    from marsad.ingest.readers import build_report
    from marsad.records import Extraction

    store = request.getfixturevalue(f"{backend}_store")
    report = build_report("Gunmen\x00 attacked.", Defaults(), source_path="made-in-code")
    with pytest.raises(StoreError, match="NUL"):
        with store.transaction() as connection:
            store.add_report(connection, report, Extraction(report_id=report.id))
    assert store.count("reports") == 0


@pytest.fixture
def sqlite_store(tmp_path):
    store = Store.open(str(tmp_path / "store.db"))
    yield store
    store.close()


@pytest.fixture
def postgres_store():
    import secrets

    from tests.helpers import skip_without_postgres
    from tests.store.conftest import ADMIN_URL, _admin_connection

    skip_without_postgres()
    name = f"marsad_test_{secrets.token_hex(6)}"
    with _admin_connection() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    store = Store.open(f"{ADMIN_URL.rsplit('/', 1)[0]}/{name}")
    yield store
    store.close()
    with _admin_connection() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# -- B/C. feed and page dates: read as written, or refused ---------------------------------------

def rss(date: str) -> str:
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>'
            f"<item><title>T</title><pubDate>{date}</pubDate>"
            "<description>Gunmen killed four villagers near Bama.</description></item>"
            "</channel></rss>")


def atom(date: str) -> str:
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            "<title>Desk</title><id>urn:d</id><entry><title>T</title><id>urn:e</id>"
            f"<published>{date}</published><content>Gunmen killed four villagers.</content>"
            "</entry></feed>")


def page(date: str) -> str:
    return (f'<html><head><title>T</title><meta property="article:published_time" '
            f'content="{date}"></head><body><article>'
            "<p>A missile strike on Kharkiv killed six people on Tuesday evening, the regional "
            "governor said on Wednesday morning.</p><p>More than thirty people were wounded in "
            "the strike, which hit a residential building in the north of the city.</p>"
            "</article></body></html>")


FEED_DATES = {
    "RSS month 13": ("d.rss", rss("2024-13-01"), "not a date"),
    "RSS 30 February": ("d.rss", rss("Fri, 30 Feb 2024 08:00:00 GMT"), "not a date"),
    "RSS day 32": ("d.rss", rss("Mon, 32 Aug 2024 08:00:00 GMT"), "not a date"),
    "RSS year 0001": ("d.rss", rss("Sat, 01 Jan 0001 00:00:00 +0100"), "year 1,"),
    "RSS year 0000": ("d.rss", rss("Sat, 01 Jan 0000 00:00:00 GMT"), "not a date"),
    "Atom year 0001 east of UTC": ("d.atom", atom("0001-01-01T00:00:00+05:00"), "year 1,"),
    "Atom year 0000": ("d.atom", atom("0000-01-01T00:00:00Z"), "not a date"),
    "HTML month 13": ("d.html", page("2024-13-01"), "not a date"),
    "HTML 30 February": ("d.html", page("2024-02-30"), "not a date"),
    "HTML year 0001": ("d.html", page("0001-01-01"), "year 1,"),
}


@pytest.mark.parametrize("name", FEED_DATES)
def test_a_date_that_is_no_date_is_refused_never_changed(tmp_path, name):
    filename, content, words = FEED_DATES[name]
    message = one_error(write(tmp_path / filename, content))
    assert words in message and "date" in message


@pytest.mark.parametrize("stated, day", [
    ("Mon, 19 Aug 2024 23:30:00 -0500", dt.date(2024, 8, 19)),  # the day as the writer wrote it
    ("Monday, 19 August 2024 08:00 GMT", dt.date(2024, 8, 19)),
    ("19 Aug 24 08:00 GMT", dt.date(2024, 8, 19)),
    ("2024-08-19T08:00:00Z", dt.date(2024, 8, 19)),
])
def test_good_feed_dates_are_read_as_written(tmp_path, stated, day):
    (report,) = read_file(write(tmp_path / "d.rss", rss(stated)), Defaults()).reports
    assert report.published == day


def test_a_feed_date_in_an_unknown_form_is_dropped_with_a_warning(tmp_path):
    (report,) = read_file(write(tmp_path / "d.rss", rss("the nineteenth of August")),
                          Defaults()).reports
    assert report.published is None
    assert any("a form marsad does not read" in w for w in report.warnings)


def test_xml_that_is_no_feed_is_refused(tmp_path):
    path = write(tmp_path / "note.xml", '<?xml version="1.0"?><note><to>Tove</to></note>')
    assert "not an RSS or Atom feed" in one_error(path)


# -- D. accepted rightly: JSON's own line separators, language tags ------------------------------

def test_jsonl_strings_may_hold_unicode_line_separators(tmp_path):
    texts = [f"Gunmen attacked{sep}the village." for sep in ("\u2028", "\u2029", "\u0085",
                                                            "\x0b\x0c\x1c")]
    path = tmp_path / "r.jsonl"
    path.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts),
                    encoding="utf-8")
    batch = read_file(path, Defaults())
    assert not batch.errors
    assert [r.text for r in batch.reports] == texts
    assert [r.source_path for r in batch.reports] == [f"{path}:{n}" for n in (1, 2, 3, 4)]


@pytest.mark.parametrize("given, primary", [
    ("en", "en"), ("en-GB", "en"), ("EN", "en"), ("en_US", "en"), ("English", "en"),
    ("english", "en"), ("eng", "en"), ("Arabic", "ar"), ("ar-SY", "ar"), ("Français", "fr"),
    ("zh-Hant-TW", "zh"), ("", "")])
def test_language_tags_and_names_become_the_primary_subtag(given, primary):
    from marsad.ingest.checks import primary_language

    assert primary_language(given) == primary


def test_jsonl_language_is_normalised_at_ingest(tmp_path):
    path = write(tmp_path / "r.jsonl", jsonl({"text": HAJIN_TEXT, "language": "en-GB"},
                                             {"text": IDLIB_TEXT, "language": "English"}))
    assert [r.language for r in read_file(path, Defaults()).reports] == ["en", "en"]


def test_jsonl_path_line_language_is_normalised(tmp_path):
    write(tmp_path / "a.txt", HAJIN_TEXT)
    path = write(tmp_path / "r.jsonl", jsonl({"path": "a.txt", "language": "EN"}))
    assert [r.language for r in read_file(path, Defaults()).reports] == ["en"]


# -- through the CLI, as a user types it ----------------------------------------------------------

@pytest.mark.model
def test_cli_refuses_a_path_out_of_the_folder_and_allow_root_admits_it(cli, workdir, outside):
    write(outside.parent / "hajin.txt", f" date 2024-08-19 Attack near Hajin\n{HAJIN_TEXT}")
    index = write(workdir / "in" / "index.jsonl", jsonl({"path": "../outside/hajin.txt"}))
    refused = cli("ingest", index)
    assert refused.exit_code == 1
    (line,) = [x for x in refused.stderr.splitlines() if x.startswith("error[")]
    assert line.startswith(f"error[M100]: {index}:1: ") and "--allow-root" in line
    admitted = cli("ingest", index, "--allow-root", outside.parent)
    assert admitted.exit_code == 0, admitted.output
    assert "1 new report(s)" in admitted.output


@pytest.mark.model
def test_cli_a_report_tagged_en_gb_gives_claims(cli, workdir):
    index = write(workdir / "r.jsonl", jsonl({"text": HAJIN_TEXT, "language": "en-GB",
                                              "published": "2024-08-19"}))
    result = cli("ingest", index)
    assert result.exit_code == 0, result.output
    assert "0 claim(s)" not in result.output and "English only" not in result.stderr
