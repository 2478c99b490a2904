"""Fuzzing the readers: whatever a file holds, reading it gives marsad's own error with a message,
or reports whose text is the input's text (and whose date is the input's date, or none) —
never another exception, never a silent change.

A small fixed budget by default; ``MARSAD_FUZZ_EXAMPLES=2000`` runs a larger one. Derandomized,
so a run is the same on every machine; ``--hypothesis-show-statistics`` counts the outcomes.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import unicodedata
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from marsad.errors import InputError
from marsad.ingest import Defaults, read_file
from marsad.ingest.dates import YEARS
from marsad.records import Report

EXAMPLES = int(os.environ.get("MARSAD_FUZZ_EXAMPLES", "50"))
FUZZ = settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
DATE_LINE = re.compile(r"^\s*date\s+(\S+)\s*(.*)$")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Text as reports hold it, and the characters that break readers: NUL, surrogates, controls,
# zero-width and line-separator characters, quotes, brackets.
nasty = st.sampled_from(["\x00", "\ud800", "\udfff", "\x01", "\x1b", "\x7f", "\u200b", "\ufeff",
                         "\u2028", "\u2029", "\x85", "\r", "\n", "\t", '"', "\\", "<", "&",
                         "\U0001f4a5", "ي", "é"])
any_text = st.lists(st.one_of(st.text(max_size=8), nasty), max_size=30).map("".join)
words = st.text(alphabet=st.characters(categories=("L", "N"), exclude_characters="\ufeff"),
                min_size=1, max_size=10)
sentences = st.lists(words, min_size=3, max_size=15).map(lambda w: " ".join(w) + ".")
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | any_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(any_text, inner, max_size=3),
    max_leaves=6)
feed_dates = st.one_of(
    st.dates(min_value=dt.date(YEARS.start, 1, 1), max_value=dt.date(YEARS.stop - 1, 12, 31)),
    st.tuples(st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32)).map(
        lambda t: f"{t[0]:04d}-{t[1]:02d}-{t[2]:02d}"),
    st.tuples(st.integers(0, 40), st.sampled_from(MONTHS), st.integers(0, 9999)).map(
        lambda t: f"Mon, {t[0]:02d} {t[1]} {t[2]:04d} 08:00:00 GMT"),
    any_text)


def read(path: Path) -> tuple[list[Report], list[InputError]]:
    """What reading gives; marsad's own error may also be raised, nothing else."""
    try:
        batch = read_file(path, Defaults())
    except InputError as exc:
        assert exc.message
        return [], [exc]
    for error in batch.errors:
        assert isinstance(error, InputError) and error.message and error.code == "M100"
        assert "\n" not in error.message
        str(error).encode("utf-8")  # printable as it is
        event(f"{path.suffix} refused: {' '.join(error.message.split()[:4])}")
    if batch.reports:
        event(f"{path.suffix} read")
    return batch.reports, batch.errors


def states(stated: object, day: dt.date) -> bool:
    """Whether ``stated`` (a generated date, or the text of one) says ``day``."""
    return day == stated or isinstance(stated, str) and (
        day.isoformat() in stated or f"{day.day:02d} {MONTHS[day.month - 1]} {day.year}" in stated)


def rfc822(day: dt.date) -> str:
    return f"{WEEKDAYS[day.weekday()]}, {day.day:02d} {MONTHS[day.month - 1]} {day.year} 08:00:00 GMT"


@FUZZ
@given(text=any_text, extra=st.dictionaries(
    st.sampled_from(["title", "published", "outlet", "url", "id", "language", "kind", "note",
                     "body"]), json_values, max_size=4), ascii_only=st.booleans())
def test_jsonl_line_is_read_as_written_or_refused(tmp_path, text, extra, ascii_only):
    path = tmp_path / "r.jsonl"
    line = json.dumps({"text": text, **extra}, ensure_ascii=ascii_only)
    path.write_bytes(line.encode("utf-8", "surrogatepass") + b"\n")
    reports, errors = read(path)
    assert len(reports) + len(errors) == 1
    for report in reports:
        assert report.text == text.strip()
        published = extra.get("published")
        if report.published is not None:
            assert isinstance(published, str) and report.published.isoformat() in published


@FUZZ
@given(text=any_text, dated=st.none() | st.dates())
def test_text_file_is_read_as_written_or_refused(tmp_path, text, dated):
    path = tmp_path / "r.txt"
    written = (f" date {dated.isoformat()} Title\n" if dated else "") + text
    path.write_bytes(written.encode("utf-8", "surrogatepass"))
    reports, errors = read(path)
    assert len(reports) + len(errors) == 1
    for report in reports:
        body = written.removeprefix("\ufeff")
        first, _, rest = body.partition("\n")
        if DATE_LINE.match(first):
            assert report.published is not None and report.published.isoformat() in first
            body = rest
        assert report.text == body.strip()


@FUZZ
@given(paragraphs=st.lists(sentences, min_size=1, max_size=6), title=any_text,
       stated=st.none() | feed_dates)
def test_html_page_gives_its_own_sentences_or_is_refused(tmp_path, paragraphs, title, stated):
    meta = "" if stated is None else \
        f'<meta property="article:published_time" content="{html.escape(str(stated))}">'
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    path = tmp_path / "r.html"
    page = f"<html><head><title>{html.escape(title)}</title>{meta}</head>" \
           f"<body><article>{body}</article></body></html>"
    path.write_bytes(page.encode("utf-8", "surrogatepass"))
    reports, _ = read(path)
    written = [unicodedata.normalize("NFC", p) for p in paragraphs]  # trafilatura gives NFC
    for report in reports:
        for line in report.text.split("\n"):  # nothing invented, nothing changed
            assert any(" ".join(line.split()) in p for p in written), line
        if report.published is not None:
            assert states(stated, report.published)


@FUZZ
@given(items=st.lists(st.tuples(sentences, any_text, st.none() | feed_dates), min_size=1,
                      max_size=4))
def test_feed_items_are_read_as_written_or_refused(tmp_path, items):
    entries = []
    for text, title, stated in items:
        date = "" if stated is None else \
            f"<pubDate>{escape(rfc822(stated) if isinstance(stated, dt.date) else stated)}</pubDate>"
        entries.append(f"<item><title>{escape(title)}</title>{date}"
                       f"<description>{escape(text)}</description></item>")
    path = tmp_path / "r.rss"
    feed = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Desk'
            f"</title>{''.join(entries)}</channel></rss>")
    path.write_bytes(feed.encode("utf-8", "surrogatepass"))
    reports, errors = read(path)
    by_item = {int(r.source_path.rsplit("#item", 1)[1]): r for r in reports}
    for number, report in by_item.items():
        text, _, stated = items[number - 1]
        assert report.text == text.strip()
        if report.published is not None:  # the date the item states, as it states it
            assert states(stated, report.published)


@pytest.mark.parametrize("name", ["r.jsonl", "r.txt", "r.html", "r.rss"])
@FUZZ
@given(data=st.binary(max_size=300))
def test_any_bytes_give_reports_or_marsads_own_error(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    read(path)
