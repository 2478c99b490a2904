"""One reader per input format. Each yields ``Item`` records and never raises for bad content."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.sax
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from ..errors import InputError
from ..records import Report

if TYPE_CHECKING:  # the package imports this module; only types flow back
    from . import Defaults, Item

DATE_LINE = re.compile(r"^\s*date\s+(\S+)\s*(.*)$")
JSONL_FIELDS = {"text", "path", "title", "published", "outlet", "url", "id", "language", "kind",
                "note"}


def _item(path: Path, line: int, report: Report | None = None,
          error: str | None = None) -> "Item":
    from . import Item

    return Item(path, line, report, InputError(error, path=str(path), line=line) if error else None)


def parse_date(value: object) -> dt.date:
    """An ISO date (or datetime) string; ValueError with a helpful message otherwise."""
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text) if len(text) <= 10 else dt.datetime.fromisoformat(text).date()
    except ValueError:
        raise ValueError(f"{text!r} is not a date; write it as YYYY-MM-DD") from None


def decode(path: Path) -> tuple[str | None, str | None]:
    """The file's text, or the reason it cannot be read as text (with the line of the fault)."""
    data = path.read_bytes()
    if not data.strip():
        return None, "the file is empty; remove it or add the report's text"
    if b"\x00" in data[:8192]:
        return None, "this looks like a binary file, not text; give marsad text, JSONL, HTML or a feed"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, (f"line {line}: bytes that are not UTF-8 (at byte {exc.start}); "
                      "re-save the file as UTF-8")


def build_report(text: str, defaults: "Defaults", *, title: str = "", published=None,
                 outlet: str = "", url: str = "", external_id: str = "", language: str = "",
                 source_path: str = "", kind: str = "") -> Report:
    from . import report_id

    warnings: list[str] = []
    if published is None and defaults.published is not None:
        published = defaults.published
        warnings.append("publication date taken from --published")
    elif published is None:
        warnings.append("no publication date: relative dates cannot be resolved to the day; "
                        "ingest again with --published YYYY-MM-DD")
    return Report(id=report_id(text), text=text.strip(), title=title.strip(), published=published,
                  outlet=outlet or defaults.outlet, url=url, external_id=str(external_id or ""),
                  language=language, source_path=source_path, kind=kind or defaults.kind,
                  warnings=tuple(warnings))


def read_text(path: Path, defaults: "Defaults") -> Iterator["Item"]:
    text, problem = decode(path)
    if problem:
        yield _item(path, _line_of(problem), error=_strip_line(problem))
        return
    first, _, rest = text.partition("\n")
    title, published = "", None
    match = DATE_LINE.match(first)
    if match:
        try:
            published = parse_date(match.group(1))
        except ValueError as exc:
            yield _item(path, 1, error=f"{exc} (the first line ' date YYYY-MM-DD Title')")
            return
        title, text = match.group(2), rest
    if not text.strip():
        yield _item(path, 1, error="the report has a date line but no text")
        return
    yield _item(path, 1, build_report(text, defaults, title=title, published=published,
                                      source_path=str(path)))


def _line_of(problem: str) -> int:
    match = re.match(r"line (\d+): ", problem)
    return int(match.group(1)) if match else 1


def _strip_line(problem: str) -> str:
    return re.sub(r"^line \d+: ", "", problem)


def read_jsonl(path: Path, defaults: "Defaults") -> Iterator["Item"]:
    text, problem = decode(path)
    if problem:
        yield _item(path, _line_of(problem), error=_strip_line(problem))
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield from _jsonl_record(path, number, line, defaults)


def _jsonl_record(path: Path, number: int, line: str, defaults: "Defaults") -> Iterator["Item"]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        yield _item(path, number, error=f"not valid JSON ({exc.msg} at column {exc.colno}); "
                                        "each line must be one JSON object")
        return
    if not isinstance(record, dict):
        yield _item(path, number, error="each line must be a JSON object with 'text' or 'path'")
        return
    unknown = set(record) - JSONL_FIELDS
    if unknown:
        yield _item(path, number, error=f"unknown field(s) {sorted(unknown)}; "
                                        f"known fields are {sorted(JSONL_FIELDS)}")
        return
    not_text = sorted(k for k, v in record.items()
                      if v is not None and not isinstance(v, str) and k not in {"id", "published"})
    if not_text:
        yield _item(path, number, error=f"field(s) {not_text} must be text (a JSON string)")
        return
    try:
        published = parse_date(record["published"]) if record.get("published") else None
    except ValueError as exc:
        yield _item(path, number, error=f"'published': {exc}")
        return
    if record.get("text") is None and record.get("path"):
        yield from _jsonl_path(path, number, record, published, defaults)
        return
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        yield _item(path, number, error="the record has no 'text' (or 'path' to a report file)")
        return
    yield _item(path, number, build_report(
        body, defaults, title=record.get("title") or "", published=published,
        outlet=record.get("outlet") or "", url=record.get("url") or "",
        external_id=record.get("id") or "", language=record.get("language") or "",
        source_path=f"{path}:{number}", kind=record.get("kind") or ""))


def _jsonl_path(path: Path, number: int, record: dict, published, defaults: "Defaults"):
    """A line naming a file: read it with its own reader; the line's fields fill what it lacks."""
    from . import Defaults as _Defaults

    target = path.parent / str(record["path"])
    reader = reader_for(target)
    if not target.is_file() or reader is None:
        yield _item(path, number, error=f"'path' names {target}, which is not a report file "
                                        f"marsad reads ({', '.join(sorted(READERS))})")
        return
    inner_defaults = _Defaults(published=published or defaults.published,
                               outlet=record.get("outlet") or defaults.outlet,
                               kind=record.get("kind") or defaults.kind)
    for inner in reader(target, inner_defaults):
        if inner.error is not None:
            yield _item(path, number, error=f"{record['path']}: {inner.error}")
            continue
        report = inner.report
        single = reader is read_text
        update = {"source_path": f"{path}:{number} -> {target}"}
        if single:
            update.update(external_id=str(record.get("id") or report.external_id),
                          title=record.get("title") or report.title,
                          url=record.get("url") or report.url,
                          language=record.get("language") or report.language)
            if published is not None:
                update.update(published=published, warnings=tuple(
                    w for w in report.warnings if "publication date" not in w))
        yield _item(path, number, report.model_copy(update=update))


def read_html(path: Path, defaults: "Defaults") -> Iterator["Item"]:
    import trafilatura

    text, problem = decode(path)
    if problem:
        yield _item(path, _line_of(problem), error=_strip_line(problem))
        return
    body = trafilatura.extract(text, include_comments=False, include_tables=False,
                               favor_precision=True)
    if not body or not body.strip():
        yield _item(path, 1, error="no article text found in this HTML page; is it the article "
                                   "page (not an index or a login page)?")
        return
    meta = trafilatura.extract_metadata(text)
    published = None
    if meta is not None and meta.date:
        try:
            published = parse_date(meta.date)
        except ValueError:
            published = None
    yield _item(path, 1, build_report(
        body, defaults, title=(meta.title if meta and meta.title else ""), published=published,
        url=(meta.url if meta and meta.url else ""), outlet=(meta.sitename if meta and meta.sitename else ""),
        source_path=str(path)))


def read_feed(path: Path, defaults: "Defaults") -> Iterator["Item"]:
    import feedparser

    text, problem = decode(path)
    if problem:
        yield _item(path, _line_of(problem), error=_strip_line(problem))
        return
    feed = feedparser.parse(text)
    # A feed that is not well-formed XML is refused even when the loose parser salvaged some
    # items: a truncated file would otherwise be half-read without a word.
    broken = isinstance(feed.get("bozo_exception"), xml.sax.SAXParseException)
    if (feed.bozo and not feed.entries) or broken:
        line = getattr(feed.bozo_exception, "getLineNumber", lambda: 1)()
        yield _item(path, line, error=f"not a readable RSS/Atom feed ({feed.bozo_exception}); "
                                      "check that the file is whole and well-formed XML")
        return
    outlet = feed.feed.get("title", "")
    for number, entry in enumerate(feed.entries, start=1):
        yield _feed_entry(path, number, entry, outlet, defaults)


def _feed_entry(path: Path, number: int, entry, outlet: str, defaults: "Defaults") -> "Item":
    import trafilatura

    html = entry.get("content", [{}])[0].get("value") if entry.get("content") else None
    html = html or entry.get("summary", "")
    # html2txt returns nothing for a bare fragment ("<p>...</p>"), so give it a whole page
    body = trafilatura.html2txt(f"<html><body>{html}</body></html>") if "<" in html else html
    if not body.strip():
        return _item(path, number, error=f"feed item {number} has no text")
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    published = dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday) if stamp else None
    return _item(path, number, build_report(
        body, defaults, title=entry.get("title", ""), published=published, outlet=outlet,
        url=entry.get("link", ""), external_id=entry.get("id", ""),
        source_path=f"{path}#item{number}"))


READERS: dict[str, Callable[[Path, "Defaults"], Iterator["Item"]]] = {
    ".txt": read_text, ".text": read_text, ".md": read_text,
    ".jsonl": read_jsonl, ".ndjson": read_jsonl,
    ".html": read_html, ".htm": read_html,
    ".xml": read_feed, ".rss": read_feed, ".atom": read_feed,
}


def reader_for(path: Path):
    return READERS.get(path.suffix.lower())
