"""Reading a rendered HTML report back: its footnotes, figures and charts (stdlib parser)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Parsed:
    notes: dict[int, tuple[str, str]] = field(default_factory=dict)  # number -> (report, quote)
    refs: list[int] = field(default_factory=list)  # footnote numbers cited in the text
    figures: list[tuple[str, list[int]]] = field(default_factory=list)  # figure and its refs
    charts: list[str] = field(default_factory=list)  # ids of <figure class="chart"> with an svg
    ids: set[str] = field(default_factory=set)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.out = Parsed()
        self._note: int | None = None
        self._report = ""
        self._in_quote = False
        self._quote: list[str] = []
        self._in_ref = False
        self._range_from: int | None = None  # "3–11": the notes 3 to 11
        self._last_ref: int | None = None
        self._in_figure = False
        self._figure: list[str] = []
        self._last_figure: tuple[str, list[int]] | None = None
        self._chart: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.out.ids.add(attrs["id"])
        classes = (attrs.get("class") or "").split()
        if tag == "li" and attrs.get("id", "").startswith("note-"):
            self._note = int(attrs["id"][5:])
            self._report = attrs.get("data-report", "")
        elif tag == "q" and "evidence" in classes:
            self._in_quote, self._quote = True, []
        elif tag == "sup" and "fn" in classes:
            self._in_ref = True
        elif tag == "span" and "figure" in classes:
            self._in_figure, self._figure = True, []
        elif tag == "figure" and "chart" in classes:
            self._chart = attrs.get("id", "")
        elif tag in ("svg", "img") and self._chart is not None:
            self.out.charts.append(self._chart)
            self._chart = None
        elif tag not in ("a",):
            self._last_figure = None  # a figure's refs follow it directly

    def handle_endtag(self, tag):
        if tag == "q" and self._in_quote:
            self._in_quote = False
            self.out.notes[self._note] = (self._report, "".join(self._quote))
        elif tag == "sup":
            self._in_ref = False
        elif tag == "span" and self._in_figure:
            self._in_figure = False
            self._last_figure = ("".join(self._figure), [])
            self.out.figures.append(self._last_figure)

    def handle_data(self, data):
        if self._in_quote:
            self._quote.append(data)
        elif self._in_ref and data.strip():
            self._ref(data.strip())
        elif self._in_figure:
            self._figure.append(data)


    def _ref(self, data: str) -> None:
        """A footnote number, a "," between two, or the "–" of a range."""
        if data == "–":
            self._range_from = self._last_ref
            return
        if data == ",":
            return
        last = int(data)
        first = self._range_from + 1 if self._range_from is not None else last
        self._range_from, self._last_ref = None, last
        for number in range(first, last + 1):
            self.out.refs.append(number)
            if self._last_figure is not None:
                self._last_figure[1].append(number)


def parse(html: str) -> Parsed:
    reader = _Reader()
    reader.feed(html)
    return reader.out


def check_citations(html: str, report_texts: dict[str, str]) -> Parsed:
    """Every figure has a footnote; every footnote cited exists and quotes a sentence of the
    report it names."""
    parsed = parse(html)
    assert parsed.notes, "the report has no footnotes"
    for figure, refs in parsed.figures:
        assert refs, f"figure {figure!r} has no footnote"
    for number in parsed.refs:
        assert number in parsed.notes, f"footnote {number} is cited but not listed"
    for number, (report_id, quote) in parsed.notes.items():
        assert report_id in report_texts, f"note {number} names unknown report {report_id}"
        assert quote and quote in report_texts[report_id], (
            f"note {number} quotes {quote!r}, which is not in report {report_id}")
    return parsed
