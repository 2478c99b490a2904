"""The readers: every format marsad reads, and every way a file can be bad.

No model and no database: a reader turns a file into reports or errors, nothing more.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from marsad.errors import InputError
from marsad.ingest import Defaults, expand_paths, normalise_text, read_file, report_id
from tests.helpers import HAJIN_TEXT, IDLIB_TEXT, jsonl, write

NO_DATE_WARNING = "no publication date"

HTML_PAGE = """<html><head><title>Strike hits Kharkiv - Test Courier</title>
<meta property="article:published_time" content="2024-10-10T08:00:00Z">
<meta property="og:site_name" content="Test Courier"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Strike hits Kharkiv</h1>
<p>A Russian missile strike on Kharkiv killed six people on Tuesday evening, the regional
governor said on Wednesday.</p>
<p>More than thirty people were wounded in the strike, which hit a residential building in the
north of the city.</p>
<p>Emergency crews worked through the night to clear the rubble, and the city council declared a
day of mourning.</p>
</article>
<footer>Copyright Test Courier. All rights reserved. Subscribe to our newsletter.</footer>
</body></html>"""

RSS_FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Test Desk</title><link>https://example.org</link>
<description>Updates</description>
<item><title>Villagers killed near Bama</title><link>https://example.org/1</link>
<guid>https://example.org/1</guid><pubDate>Mon, 19 Aug 2024 08:00:00 GMT</pubDate>
<description>&lt;p&gt;Gunmen killed four villagers near Bama on Sunday, residents said.&lt;/p&gt;</description>
</item>
<item><title>Protest in Taiz</title><link>https://example.org/2</link>
<description>Protesters marched in Taiz on Monday against rising prices.</description></item>
</channel></rss>"""

ATOM_FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title><id>urn:desk</id>
<updated>2024-06-21T10:00:00Z</updated>
<entry><title>Car bomb in Mogadishu</title><id>urn:e1</id><link href="https://example.org/e1"/>
<updated>2024-06-21T10:00:00Z</updated><published>2024-06-21T09:00:00Z</published>
<content type="html">&lt;p&gt;A car bomb killed eight people in Mogadishu on Thursday evening,
police said.&lt;/p&gt;</content></entry>
</feed>"""


def read_one(path: Path, defaults: Defaults = Defaults()):
    batch = read_file(path, defaults)
    assert not batch.errors, batch.errors
    assert len(batch.reports) == 1
    return batch.reports[0]


def only_error(path: Path) -> InputError:
    batch = read_file(path, Defaults())
    assert len(batch.errors) >= 1 and not batch.reports, (batch.errors, batch.reports)
    return batch.errors[0]


# -- plain text ---------------------------------------------------------------------------------

def test_text_with_date_line_gives_date_and_title(tmp_path):
    path = write(tmp_path / "hajin.txt", f" date 2024-08-19 Attack near Hajin\n{HAJIN_TEXT}\n")
    report = read_one(path)
    assert report.published == dt.date(2024, 8, 19)
    assert report.title == "Attack near Hajin"
    assert report.text == HAJIN_TEXT  # the date line is not part of the text
    assert report.id == report_id(HAJIN_TEXT)
    assert report.source_path == str(path)
    assert not any(NO_DATE_WARNING in w for w in report.warnings)


def test_text_without_date_line_is_all_text_and_warns(tmp_path):
    report = read_one(write(tmp_path / "idlib.txt", IDLIB_TEXT))
    assert report.published is None and report.title == ""
    assert report.text == IDLIB_TEXT
    assert any(NO_DATE_WARNING in w and "--published" in w for w in report.warnings)


def test_text_takes_published_and_outlet_from_defaults(tmp_path):
    defaults = Defaults(published=dt.date(2023, 11, 23), outlet="Test Wire", kind="field")
    report = read_one(write(tmp_path / "idlib.txt", IDLIB_TEXT), defaults)
    assert report.published == dt.date(2023, 11, 23)
    assert report.outlet == "Test Wire" and report.kind == "field"
    assert any("--published" in w for w in report.warnings)


def test_date_line_wins_over_published_default(tmp_path):
    path = write(tmp_path / "hajin.txt", f" date 2024-08-19 Title\n{HAJIN_TEXT}")
    assert read_one(path, Defaults(published=dt.date(2000, 1, 1))).published == dt.date(2024, 8, 19)


def test_utf8_bom_and_crlf_are_read(tmp_path):
    path = write(tmp_path / "bom.txt", b"\xef\xbb\xbf date 2024-08-19 T\r\n" + HAJIN_TEXT.encode()
                 .replace(b"\n", b"\r\n"))
    report = read_one(path)
    assert report.published == dt.date(2024, 8, 19)
    assert report.id == report_id(HAJIN_TEXT)


# -- JSON Lines ---------------------------------------------------------------------------------

def test_jsonl_with_text_and_metadata(tmp_path):
    path = write(tmp_path / "r.jsonl", jsonl(
        {"id": "a1", "text": HAJIN_TEXT, "title": "Hajin", "published": "2024-08-19",
         "outlet": "Levant Test", "url": "https://example.org/a1", "language": "en"},
        {"text": IDLIB_TEXT}))
    batch = read_file(path, Defaults())
    assert not batch.errors
    first, second = batch.reports
    assert (first.external_id, first.title, first.published, first.outlet, first.url,
            first.language) == ("a1", "Hajin", dt.date(2024, 8, 19), "Levant Test",
                                "https://example.org/a1", "en")
    assert first.source_path == f"{path}:1"
    assert second.published is None and second.source_path == f"{path}:2"
    assert any(NO_DATE_WARNING in w for w in second.warnings)


def test_jsonl_blank_lines_are_skipped_and_lines_still_counted(tmp_path):
    path = write(tmp_path / "r.jsonl", "\n" + jsonl({"text": HAJIN_TEXT}) + "\n"
                 + jsonl({"text": IDLIB_TEXT}))
    batch = read_file(path, Defaults())
    assert [r.source_path for r in batch.reports] == [f"{path}:2", f"{path}:4"]


def test_jsonl_path_to_text_file_uses_line_fields(tmp_path):
    write(tmp_path / "reports" / "a.txt", IDLIB_TEXT)
    path = write(tmp_path / "index.jsonl", jsonl(
        {"id": "a", "path": "reports/a.txt", "published": "2023-11-23", "outlet": "Test Wire",
         "title": "Market strike"}))
    report = read_one(path)
    assert report.text == IDLIB_TEXT and report.id == report_id(IDLIB_TEXT)
    assert report.published == dt.date(2023, 11, 23) and report.outlet == "Test Wire"
    assert report.external_id == "a" and report.title == "Market strike"
    assert not any(NO_DATE_WARNING in w for w in report.warnings)
    assert report.source_path.startswith(f"{path}:1")


def test_jsonl_path_to_text_file_with_own_date_line(tmp_path):
    write(tmp_path / "a.txt", f" date 2024-08-19 Attack near Hajin\n{HAJIN_TEXT}")
    report = read_one(write(tmp_path / "index.jsonl", jsonl({"path": "a.txt"})))
    assert report.published == dt.date(2024, 8, 19) and report.title == "Attack near Hajin"


def test_jsonl_path_to_html_and_feed(tmp_path):
    write(tmp_path / "page.html", HTML_PAGE)
    write(tmp_path / "desk.rss", RSS_FEED)
    batch = read_file(write(tmp_path / "index.jsonl", jsonl({"path": "page.html"},
                                                             {"path": "desk.rss"})), Defaults())
    assert not batch.errors
    assert len(batch.reports) == 3
    assert "missile strike on Kharkiv" in batch.reports[0].text
    assert [r.title for r in batch.reports[1:]] == ["Villagers killed near Bama", "Protest in Taiz"]


def test_jsonl_path_that_does_not_exist(tmp_path):
    error = only_error(write(tmp_path / "index.jsonl", jsonl({"path": "missing.txt"})))
    assert error.line == 1 and "missing.txt" in error.message


def test_jsonl_path_to_bad_file_names_both(tmp_path):
    write(tmp_path / "empty.txt", "")
    batch = read_file(write(tmp_path / "index.jsonl", jsonl({"text": HAJIN_TEXT},
                                                            {"path": "empty.txt"})), Defaults())
    (error,) = batch.errors
    assert error.where == f"{tmp_path / 'index.jsonl'}:2"
    assert "empty.txt" in error.message and "empty" in error.message


# -- HTML and feeds -----------------------------------------------------------------------------

def test_html_main_text_without_boilerplate(tmp_path):
    report = read_one(write(tmp_path / "page.html", HTML_PAGE))
    assert "missile strike on Kharkiv killed six people" in report.text
    assert "Subscribe" not in report.text and "Sport" not in report.text
    assert report.title.startswith("Strike hits Kharkiv")
    assert report.published == dt.date(2024, 10, 10)
    assert report.outlet == "Test Courier"


def test_rss_items_become_reports(tmp_path):
    path = write(tmp_path / "desk.rss", RSS_FEED)
    batch = read_file(path, Defaults())
    assert not batch.errors
    first, second = batch.reports
    assert first.text == "Gunmen killed four villagers near Bama on Sunday, residents said."
    assert (first.title, first.published, first.outlet, first.url) == (
        "Villagers killed near Bama", dt.date(2024, 8, 19), "Test Desk", "https://example.org/1")
    assert first.source_path == f"{path}#item1"
    assert second.published is None
    assert any(NO_DATE_WARNING in w for w in second.warnings)


def test_atom_entries_become_reports(tmp_path):
    report = read_one(write(tmp_path / "desk.atom", ATOM_FEED))
    assert report.text.startswith("A car bomb killed eight people in Mogadishu")
    assert (report.title, report.published, report.outlet, report.external_id) == (
        "Car bomb in Mogadishu", dt.date(2024, 6, 21), "Atom Desk", "urn:e1")


def test_truncated_feed_is_refused_not_half_read(tmp_path):
    error = only_error(write(tmp_path / "desk.xml", RSS_FEED[: RSS_FEED.index("<item><title>Protest")]
                             + "<item><title>cut off"))
    assert "feed" in error.message and "well-formed" in error.message


def test_html_page_with_no_article_text(tmp_path):
    error = only_error(write(tmp_path / "index.html", "<html><head><title>Index</title></head><body><div></div></body></html>"))
    assert "no article text" in error.message


# -- directories --------------------------------------------------------------------------------

def test_directory_is_read_recursively_in_stable_order(tmp_path):
    write(tmp_path / "in" / "b.txt", HAJIN_TEXT)
    write(tmp_path / "in" / "sub" / "a.jsonl", jsonl({"text": IDLIB_TEXT}))
    write(tmp_path / "in" / "page.html", HTML_PAGE)
    write(tmp_path / "in" / ".hidden" / "c.txt", "hidden")
    write(tmp_path / "in" / ".notes.txt", "hidden")
    write(tmp_path / "in" / "picture.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    files = expand_paths([tmp_path / "in"])
    assert [f.relative_to(tmp_path / "in").as_posix() for f in files] == [
        "b.txt", "page.html", "sub/a.jsonl"]


def test_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        expand_paths([tmp_path / "nope.txt"])


# -- bad input: file:line and what to do ---------------------------------------------------------

BAD_FILES = {
    "malformed JSON line": ("r.jsonl", jsonl({"text": HAJIN_TEXT}) + '{"text": "unterminated\n',
                            2, "not valid JSON"),
    "JSON line not an object": ("r.jsonl", jsonl({"text": HAJIN_TEXT}) + "[1, 2]\n", 2,
                                "JSON object"),
    "unknown JSONL field": ("r.jsonl", jsonl({"text": HAJIN_TEXT, "body": "x"}), 1,
                            "unknown field"),
    "JSONL line without text": ("r.jsonl", jsonl({"title": "no text"}), 1, "no 'text'"),
    "JSONL date that is not a date": ("r.jsonl", jsonl({"text": IDLIB_TEXT},
                                                       {"text": HAJIN_TEXT, "published": "Sunday"}),
                                      2, "is not a date; write it as YYYY-MM-DD"),
    "date with trailing words": ("r.jsonl", jsonl({"text": HAJIN_TEXT, "published": "2024-08-19 or so"}),
                                 1, "is not a date"),
    "JSONL field that is not text": ("r.jsonl", jsonl({"text": HAJIN_TEXT, "title": 5}), 1,
                                     "must be text"),
    "impossible calendar date": ("r.jsonl", jsonl({"text": HAJIN_TEXT, "published": "2024-02-30"}),
                                 1, "is not a date"),
    "date line that is not a date": ("r.txt", f" date 19/08/2024 Title\n{HAJIN_TEXT}", 1,
                                     "is not a date; write it as YYYY-MM-DD"),
    "undecodable bytes": ("r.txt", b"first line\nsecond \xff\xfe line\n", 2, "UTF-8"),
    "undecodable bytes in JSONL": ("r.jsonl", jsonl({"text": "ok"}).encode() + b'{"text": "\xe9"}\n',
                                   2, "re-save the file as UTF-8"),
    "empty file": ("r.txt", "", 1, "empty"),
    "whitespace-only file": ("r.jsonl", "\n  \n", 1, "empty"),
    "binary file": ("r.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 1, "binary"),
    "date line and no text": ("r.txt", " date 2024-08-19 Title\n\n", 1, "no text"),
    "unknown extension": ("r.docx", "some text", None, "cannot tell what kind of file"),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_bad_input_names_file_line_and_fix(tmp_path, name):
    filename, content, line, words = BAD_FILES[name]
    path = write(tmp_path / filename, content)
    batch = read_file(path, Defaults())
    assert batch.errors, f"{name}: no error"
    error = batch.errors[0]
    assert isinstance(error, InputError) and error.code == "M100"
    assert error.path == str(path) and error.line == line
    assert words in error.message
    expected_where = f"{path}:{line}" if line is not None else str(path)
    assert str(error).startswith(expected_where + ": ")


def test_one_bad_line_does_not_hide_the_good_ones(tmp_path):
    path = write(tmp_path / "r.jsonl", jsonl({"text": HAJIN_TEXT}) + "not json\n"
                 + jsonl({"text": IDLIB_TEXT}) + '{"text": 3}\n')
    batch = read_file(path, Defaults())
    assert [r.text for r in batch.reports] == [HAJIN_TEXT, IDLIB_TEXT]
    assert [e.line for e in batch.errors] == [2, 4]


def test_iso_datetimes_are_dates(tmp_path):
    path = write(tmp_path / "r.jsonl", jsonl({"text": HAJIN_TEXT, "published": "2024-08-19T22:10:00Z"}))
    assert read_one(path).published == dt.date(2024, 8, 19)


# -- ids are content hashes ---------------------------------------------------------------------

def test_report_id_ignores_layout_not_content():
    assert report_id(HAJIN_TEXT) == report_id("  " + HAJIN_TEXT.replace(" ", "   ") + "\r\n\n")
    assert report_id(HAJIN_TEXT) != report_id(HAJIN_TEXT.replace("five", "six"))
    assert normalise_text("caf\u0065\u0301  x\r\ny ") == "caf\u00e9 x\ny"
