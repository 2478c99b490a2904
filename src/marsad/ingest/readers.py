"""One reader per input format. Each yields ``Item`` records and never raises for bad content."""

from __future__ import annotations

import dataclasses
import json
import re
import xml.sax
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from ..errors import InputError
from ..records import Report
from .checks import has_visible, primary_language, unstorable
from .dates import html_stated_date, parse_date, parse_feed_date
from .files import open_regular, read_bytes, read_lines, resolve_inside

if TYPE_CHECKING:  # the package imports this module; only types flow back
    from . import Defaults, Item

DATE_LINE = re.compile(r"^\s*date\s+(\S+)\s*(.*)$")
JSONL_FIELDS = {"text", "path", "title", "published", "outlet", "url", "id", "language", "kind",
                "note"}
BINARY = "this looks like a binary file, not text; give marsad text, JSONL, HTML or a feed"
EMPTY = "the file is empty (nothing but spaces, control or zero-width characters); remove it " \
        "or add the report's text"

__all__ = ["READERS", "build_report", "decode", "parse_date", "reader_for"]


def _item(path: Path, line: int, report: Report | None = None,
          error: str | None = None) -> "Item":
    from . import Item

    return Item(path, line, report, InputError(error, path=str(path), line=line) if error else None)


def decode(path: Path, defaults: "Defaults | None" = None) -> tuple[str | None, str | None]:
    """The file's text, or the reason it cannot be read as text (with the line of the fault)."""
    from . import Defaults as _Defaults

    try:
        data = read_bytes(path, (defaults or _Defaults()).max_bytes)
    except ValueError as exc:
        return None, str(exc)
    if not data.strip():
        return None, EMPTY
    if b"\x00" in data[:8192]:
        return None, BINARY
    if b"\x00" in data:
        return None, _nul_problem(data[: data.index(b"\x00")].count(b"\n") + 1)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, _utf8_problem(data[: exc.start].count(b"\n") + 1, exc.start)
    return (text, None) if has_visible(text) else (None, EMPTY)


def _nul_problem(line: int) -> str:
    return (f"line {line}: a NUL byte, which the database cannot store; remove it "
            "(a file that holds NULs is often binary or UTF-16: re-save it as UTF-8)")


def _utf8_problem(line: int, byte: int) -> str:
    return f"line {line}: bytes that are not UTF-8 (at byte {byte}); re-save the file as UTF-8"


def scan_lines(path: Path, limit: int) -> str | None:
    """What :func:`decode` says of a file, read line by line in bounded memory: why it cannot be
    read as lines of text (with the line of the fault), or None. Lines over ``limit`` bytes are
    refused; the file may be of any size."""
    nul = bad = None
    content = visible = False
    offset = 0
    try:
        with open_regular(path) as handle:
            head = handle.read(8192)
            handle.seek(0)
            for number, raw in enumerate(read_lines(handle, limit), start=1):
                content = content or bool(raw.strip())
                if nul is None and b"\x00" in raw:
                    nul = _nul_problem(number)
                try:
                    line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
                except UnicodeDecodeError as exc:
                    bad = bad or _utf8_problem(number, offset + exc.start)
                else:
                    visible = visible or has_visible(line)
                offset += len(raw)
    except ValueError as exc:
        return str(exc)
    if not content:
        return EMPTY
    if b"\x00" in head:
        return BINARY
    return nul or bad or (None if visible else EMPTY)


def text_lines(path: Path, limit: int) -> Iterator[tuple[int, str]]:
    """The numbered lines of a file :func:`scan_lines` found readable, without their "\\n"
    (ValueError if it changed since and no longer is)."""
    with open_regular(path) as handle:
        for number, raw in enumerate(read_lines(handle, limit), start=1):
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                raise ValueError(f"line {number}: bytes that are not UTF-8, in a file that was "
                                 "UTF-8 when marsad began reading it: it changed meanwhile; "
                                 "ingest it again once it is written") from None
            yield number, line.removesuffix("\n")


def build_report(text: str, defaults: "Defaults", *, title: str = "", published=None,
                 outlet: str = "", url: str = "", external_id: str = "", language: str = "",
                 source_path: str = "", kind: str = "", notes: tuple[str, ...] = ()) -> Report:
    """A report from its text and fields; ValueError for a language that is no language."""
    from . import report_id

    warnings: list[str] = list(notes)
    if published is None and defaults.published is not None:
        published = defaults.published
        warnings.append("publication date taken from --published")
    elif published is None:
        warnings.append("no publication date: relative dates cannot be resolved to the day; "
                        "ingest again with --published YYYY-MM-DD")
    return Report(id=report_id(text), text=text.strip(), title=title.strip(), published=published,
                  outlet=outlet or defaults.outlet, url=url, external_id=str(external_id or ""),
                  language=primary_language(language), source_path=source_path,
                  kind=kind or defaults.kind, warnings=tuple(warnings))


def _report_item(path: Path, line: int, text: str, defaults: "Defaults", **fields) -> "Item":
    """The report, or the reason it cannot be stored (a NUL, a surrogate, no readable text)."""
    for name, value in (("text", text), *fields.items()):
        problem = unstorable(name, value) if isinstance(value, str) else None
        if problem:
            return _item(path, line, error=problem)
    if not has_visible(text):
        return _item(path, line, error="the report's text is empty (nothing but spaces, control "
                                       "or zero-width characters); give the report's text")
    try:
        return _item(path, line, build_report(text, defaults, **fields))
    except ValueError as exc:
        return _item(path, line, error=str(exc))


def _problem_item(path: Path, problem: str) -> "Item":
    match = re.match(r"line (\d+): ", problem)
    line = int(match.group(1)) if match else 1
    return _item(path, line, error=re.sub(r"^line \d+: ", "", problem))


def read_text(path: Path, defaults: "Defaults") -> Iterator["Item"]:
    text, problem = decode(path, defaults)
    if problem:
        yield _problem_item(path, problem)
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
    if not has_visible(text):
        yield _item(path, 1, error="the report has a date line but no text")
        return
    yield _report_item(path, 1, text, defaults, title=title, published=published,
                       source_path=str(path))


def read_jsonl(path: Path, defaults: "Defaults") -> Iterator["Item"]:
    """Line by line: a file of any size in bounded memory (``max_bytes`` bounds each line)."""
    problem = scan_lines(path, defaults.max_bytes)
    if problem:
        yield _problem_item(path, problem)
        return
    # JSON Lines ends records at "\n" only: U+2028, U+0085 and friends are text inside strings
    try:
        for number, line in text_lines(path, defaults.max_bytes):
            if line.strip():
                yield from _jsonl_record(path, number, line, defaults)
    except ValueError as exc:
        yield _problem_item(path, str(exc))


def _load_json(line: str) -> tuple[object, str | None]:
    try:
        return json.loads(line), None
    except json.JSONDecodeError as exc:
        return None, (f"not valid JSON ({exc.msg} at column {exc.colno}); each line must be one "
                      "JSON object")
    except RecursionError:
        return None, ("JSON nested too deeply to read; a report is one flat JSON object of "
                      "text fields")
    except ValueError:  # Python's int conversion limit (4,300 digits)
        return None, ("a number too long to read (over 4,300 digits); write ids and numbers "
                      "as short strings")


def _field_problem(record: dict) -> str | None:
    """Why the fields' types or contents cannot be kept, or None."""
    unknown = set(record) - JSONL_FIELDS
    if unknown:
        return f"unknown field(s) {sorted(unknown)}; known fields are {sorted(JSONL_FIELDS)}"
    not_text = sorted(k for k, v in record.items()
                      if v is not None and not isinstance(v, str) and k not in {"id", "published"})
    if not_text:
        return f"field(s) {not_text} must be text (a JSON string)"
    ident = record.get("id")
    if ident is not None and (isinstance(ident, bool) or not isinstance(ident, (str, int))):
        return f"'id' must be a string or a whole number, not {json.dumps(ident)[:40]}"
    published = record.get("published")
    if published is not None and not isinstance(published, str):
        return (f"'published' must be a date string (YYYY-MM-DD), not "
                f"{json.dumps(published)[:40]}; leave it out (or null) when there is no date")
    for name, value in record.items():
        problem = unstorable(name, value) if isinstance(value, str) else None
        if problem:
            return problem
    return None


def _jsonl_record(path: Path, number: int, line: str, defaults: "Defaults") -> Iterator["Item"]:
    record, problem = _load_json(line)
    if problem is None and not isinstance(record, dict):
        problem = "each line must be a JSON object with 'text' or 'path'"
    problem = problem or _field_problem(record)
    if problem:
        yield _item(path, number, error=problem)
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
    yield _report_item(
        path, number, body, defaults, title=record.get("title") or "", published=published,
        outlet=record.get("outlet") or "", url=record.get("url") or "",
        external_id=str(record.get("id") or ""), language=record.get("language") or "",
        source_path=f"{path}:{number}", kind=record.get("kind") or "")


def _jsonl_target(path: Path, name: str, defaults: "Defaults") -> tuple[Path | None, str | None]:
    """The file a line's ``path`` names, inside the allowed folders and not the file itself."""
    try:
        target = resolve_inside(path.parent, name, (path.parent, *defaults.allow_roots))
    except ValueError as exc:
        return None, str(exc)
    if target in (*defaults.within, path.resolve()):
        return None, (f"'path' {name!r} names the file being read (or one that leads to it); "
                      "a JSON Lines file cannot include itself: remove the line")
    if not target.exists() or reader_for(target) is None:
        return None, (f"'path' names {target}, which is not a report file marsad reads "
                      f"({', '.join(sorted(READERS))})")
    return target, None


def _jsonl_path(path: Path, number: int, record: dict, published, defaults: "Defaults"):
    """A line naming a file: read it with its own reader; the line's fields fill what it lacks."""
    target, problem = _jsonl_target(path, str(record["path"]), defaults)
    if problem:
        yield _item(path, number, error=problem)
        return
    reader = reader_for(target)
    inner_defaults = dataclasses.replace(
        defaults, published=published or defaults.published,
        outlet=record.get("outlet") or defaults.outlet, kind=record.get("kind") or defaults.kind,
        within=(*defaults.within, path.resolve()))
    for inner in reader(target, inner_defaults):
        if inner.error is not None:
            yield _item(path, number, error=f"{record['path']}: {inner.error}")
            continue
        try:
            yield _item(path, number, inner.report.model_copy(
                update=_line_fields(path, number, record, published, inner.report, target,
                                    single=reader is read_text)))
        except ValueError as exc:
            yield _item(path, number, error=str(exc))


def _line_fields(path: Path, number: int, record: dict, published, report: Report,
                 target: Path, *, single: bool) -> dict:
    """What the line says over what the file says (for a one-report file)."""
    update = {"source_path": f"{path}:{number} -> {target}"}
    if single:
        update.update(external_id=str(record.get("id") or report.external_id),
                      title=record.get("title") or report.title,
                      url=record.get("url") or report.url,
                      language=primary_language(record.get("language") or report.language))
        if published is not None:
            update.update(published=published, warnings=tuple(
                w for w in report.warnings if "publication date" not in w))
    return update


def read_html(path: Path, defaults: "Defaults") -> Iterator["Item"]:
    import trafilatura

    text, problem = decode(path, defaults)
    if problem:
        yield _problem_item(path, problem)
        return
    body = trafilatura.extract(text, include_comments=False, include_tables=False,
                               favor_precision=True)
    if not body or not has_visible(body):
        yield _item(path, 1, error="no article text found in this HTML page; is it the article "
                                   "page (not an index or a login page)?")
        return
    meta = trafilatura.extract_metadata(text)
    try:
        published, notes = _html_date(text, meta)
    except ValueError as exc:
        yield _item(path, 1, error=f"the page's publication date: {exc}, or ingest it with "
                                   "--published YYYY-MM-DD after removing the date")
        return
    yield _report_item(
        path, 1, body, defaults, title=(meta.title if meta and meta.title else ""),
        published=published, url=(meta.url if meta and meta.url else ""),
        outlet=(meta.sitename if meta and meta.sitename else ""), source_path=str(path),
        notes=notes)


def _html_date(text: str, meta):
    """The date the page states in its metadata, read strictly; else what trafilatura found in
    the page (its URL, its byline). ValueError for a stated date that is no date."""
    import lxml.html
    from lxml.etree import ParserError

    try:
        stated = html_stated_date(lxml.html.fromstring(text))
    except (ParserError, ValueError):
        stated = None
    if stated is not None:
        published = parse_feed_date(stated)
        if published is None:
            return None, (f"the page states its date as {stated[:60]!r}, a form marsad does not "
                          "read; stored without a date",)
        return published, ()
    if meta is not None and meta.date:
        try:
            return parse_date(meta.date), ()
        except ValueError:
            return None, ()
    return None, ()


def read_feed(path: Path, defaults: "Defaults") -> Iterator["Item"]:
    import feedparser

    text, problem = decode(path, defaults)
    if problem:
        yield _problem_item(path, problem)
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
    if not feed.version and not feed.entries:
        yield _item(path, 1, error="this XML is not an RSS or Atom feed (no <rss>, <feed> or "
                                   "<rdf:RDF> with items); give marsad a feed, or save an "
                                   "article page as .html")
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
    if not has_visible(body):
        return _item(path, number, error=f"feed item {number} has no text")
    # dict.get: feedparser's own get maps "updated" to "published" with a deprecation warning
    stated = dict.get(entry, "published") or dict.get(entry, "updated") or ""
    notes: tuple[str, ...] = ()
    try:
        published = parse_feed_date(stated) if stated.strip() else None
    except ValueError as exc:
        return _item(path, number, error=f"feed item {number}: the date {exc} in the feed, or "
                                         "use --skip-bad to leave the item out")
    if stated.strip() and published is None:
        notes = (f"the feed gives the date as {stated[:60]!r}, a form marsad does not read; "
                 "stored without a date",)
    return _report_item(
        path, number, body, defaults, title=entry.get("title", ""), published=published,
        outlet=outlet, url=entry.get("link", ""), external_id=entry.get("id", ""),
        source_path=f"{path}#item{number}", notes=notes)


READERS: dict[str, Callable[[Path, "Defaults"], Iterator["Item"]]] = {
    ".txt": read_text, ".text": read_text, ".md": read_text,
    ".jsonl": read_jsonl, ".ndjson": read_jsonl,
    ".html": read_html, ".htm": read_html,
    ".xml": read_feed, ".rss": read_feed, ".atom": read_feed,
}


def reader_for(path: Path):
    return READERS.get(path.suffix.lower())
