"""Situation reports: what a monitoring group publishes for a period, every number cited.

:func:`build_report` turns records (events, their claims, the reports, tolls, control claims)
into a :class:`SituationReport`: headline figures, changes in control of territory, the main
incidents in order, contested figures side by side, the latest tolls per source beside the sum
of coded events, and the charts. Every figure carries footnotes; each footnote names the report
(outlet, date, id) and quotes the sentence the figure came from. :func:`render` writes it as
HTML (Jinja2, autoescaped), Markdown, or PDF (WeasyPrint, from the HTML).
"""

from __future__ import annotations

import base64
import logging
import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..errors import MarsadError
from ..records import Claim, Control, Event, EventStatus, Report, Toll
from ..store import EventFilter, Store
from . import words

FORMATS = ("html", "md", "pdf")
CIVILIANS = "Civilians"


class ReportError(MarsadError):
    code = "M603"


# -- footnotes ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Note:
    """A footnote: the report a figure comes from and the sentence that gives it."""

    number: int
    report_id: str
    outlet: str
    published: dt.date | None
    title: str
    sentence: str
    kind: str = "news"


@dataclass(frozen=True)
class Cited:
    """A figure (or a statement) and the footnotes that support it."""

    text: str
    notes: tuple[int, ...] = ()

    def runs(self) -> list[tuple[int, int]]:
        """The footnote numbers in order, consecutive ones as (first, last): a figure cites
        "1, 2" or "3–11", never "1234567891011"."""
        runs: list[list[int]] = []
        for number in sorted(set(self.notes)):
            if runs and number == runs[-1][1] + 1:
                runs[-1][1] = number
            else:
                runs.append([number, number])
        return [(first, last) for first, last in runs]


class Citations:
    """Numbers footnotes in order of first use; the same sentence of a report is one note."""

    def __init__(self, reports: dict[str, Report]):
        self.reports = reports
        self.notes: list[Note] = []
        self._numbers: dict[tuple[str, str], int] = {}

    def cite(self, report_id: str, sentence: str) -> int:
        key = (report_id, sentence.strip())
        if key not in self._numbers:
            report = self.reports.get(report_id)
            self.notes.append(Note(
                number=len(self.notes) + 1, report_id=report_id,
                outlet=report.outlet if report else "", published=report.published if report else None,
                title=report.title if report else "", sentence=sentence.strip(),
                kind=report.kind if report else ""))
            self._numbers[key] = len(self.notes)
        return self._numbers[key]

    def claims(self, text: object, claims: Iterable[Claim | Toll | Control]) -> Cited:
        numbers = [self.cite(c.report_id, c.evidence.text) for c in claims]
        return Cited(str(text), tuple(dict.fromkeys(numbers)))


# -- the report's parts -------------------------------------------------------------------------


@dataclass(frozen=True)
class Headline:
    label: str
    value: Cited
    help: str = ""


@dataclass(frozen=True)
class ControlChange:
    place: str
    date: dt.date | None
    holder: str
    share: str
    claimed_by: str
    previous: str  # the holder before, where a statement said so
    statement: Cited


@dataclass(frozen=True)
class Incident:
    anchor: str
    date: dt.date | None
    event_type: str
    sub_event_type: str
    actors: str
    place: str
    precision: str
    fatalities: Cited | None
    victims: str
    status: str
    sources: tuple[Cited, ...]


@dataclass(frozen=True)
class Contested:
    anchor: str
    date: dt.date | None
    what: str
    place: str
    low_best_high: str
    figures: tuple[tuple[str, Cited], ...]  # (source, its figure)


@dataclass(frozen=True)
class TollLine:
    claimed_by: str
    victims: str
    outcome: str
    period: str
    count: Cited
    coded: Cited
    coded_events: int


@dataclass
class SituationReport:
    title: str
    period: str
    sources: str
    headlines: list[Headline] = field(default_factory=list)
    control: list[ControlChange] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)
    contested: list[Contested] = field(default_factory=list)
    tolls: list[TollLine] = field(default_factory=list)
    charts: dict[str, str] = field(default_factory=dict)  # kind -> inline SVG
    chart_png: dict[str, str] = field(default_factory=dict)  # kind -> data-URI PNG
    notes: list[Note] = field(default_factory=list)


CHART_TITLES = {"fatalities": "Fatalities over time by actor", "types": "Events by type over time",
                "map": "Map of the events"}


# -- building -----------------------------------------------------------------------------------


def build_report(events: Sequence[Event], claims: dict[str, Claim], reports: dict[str, Report],
                 tolls: Sequence[Toll], controls: Sequence[Control], *,
                 where: EventFilter = EventFilter(), title: str = "Situation report",
                 charts: Sequence[str] = ("fatalities", "types", "map"),
                 png_charts: bool = False) -> SituationReport:
    """The report on ``events`` (already filtered); tolls and controls are filtered here by the
    same period and place."""
    cite = Citations(reports)
    start, end = _period(events, where)
    own = {e.id: [claims[c] for c in e.claim_ids if c in claims] for e in events}
    result = SituationReport(title=title, period=_period_text(start, end),
                             sources=_sources_text(events, claims, reports))
    result.headlines = _headlines(events, own, cite)
    result.control = _control(controls, start, end, where, cite)
    result.incidents = [_incident(e, own[e.id], cite) for e in events]
    result.contested = [c for e in events if (c := _contested(e, own[e.id], cite))]
    result.tolls = _tolls(_in_scope_tolls(tolls, start, end, where), events, own, cite)
    result.charts, result.chart_png = _charts(events, charts, png_charts)
    result.notes = cite.notes
    return result


def report_from_store(store: Store, where: EventFilter = EventFilter(), *,
                      title: str = "Situation report", png_charts: bool = False) -> SituationReport:
    events = store.events(where)
    claim_ids = {c for e in events for c in e.claim_ids}
    tolls, controls = store.tolls(), store.controls()
    claims = {c.id: c for c in store.claims(claim_ids)}
    report_ids = {c.report_id for c in claims.values()} | {t.report_id for t in tolls} | {
        c.report_id for c in controls}
    reports = {r.id: r for r in store.reports(report_ids)}
    return build_report(events, claims, reports, tolls, controls, where=where, title=title,
                        png_charts=png_charts)


def _period(events: Sequence[Event], where: EventFilter) -> tuple[dt.date | None, dt.date | None]:
    dates = [e.date.date for e in events if e.date.date]
    start = where.since or (min(dates) if dates else None)
    end = where.until or (max(dates) if dates else None)
    return start, end


def _period_text(start: dt.date | None, end: dt.date | None) -> str:
    if start is None and end is None:
        return "no dated events"
    return f"{start or '…'} to {end or '…'}"


def _sources_text(events, claims, reports) -> str:
    """How many reports, from which outlets, and how many of them name none."""
    used = {claims[c].report_id for e in events for c in e.claim_ids if c in claims}
    outlets = sorted({reports[r].outlet for r in used if r in reports and reports[r].outlet})
    unnamed = sum(1 for r in used if not (r in reports and reports[r].outlet))
    text = f"{len(used)} report(s)" + (f" from {', '.join(outlets)}" if outlets else "")
    if unnamed and outlets:
        text += f" ({unnamed} of them naming no outlet)"
    elif unnamed:
        text += ", none naming its outlet"
    return text


def _figure_claims(own: list[Claim], value: int | None) -> list[Claim]:
    """The claims that give this figure (the first one, in claim-id order, is enough)."""
    found = [c for c in own if c.fatalities and c.fatalities.value == value]
    return found[:1]


def _headlines(events: Sequence[Event], own: dict[str, list[Claim]], cite: Citations) -> list[Headline]:
    def total(attribute: str) -> Cited:
        value, support = 0, []
        for event in events:
            figure = getattr(event, attribute)
            if figure:
                value += figure
                support += _figure_claims(own[event.id], figure)
        return cite.claims(value, support)

    def victims(kind: str) -> Cited:
        value, support = 0, []
        for event in events:
            figure = getattr(event.victims, kind)
            if figure:
                value += figure
                support += [c for c in own[event.id] if getattr(c.victims, kind) == figure][:1]
        return cite.claims(value, support)

    return [
        Headline("Events", Cited(str(len(events))), "each listed under Incidents with its source"),
        Headline("Fatalities, low", total("fatalities_low"), "lowest credible figure per event"),
        Headline("Fatalities, best", total("fatalities_best"), "monitors over parties"),
        Headline("Fatalities, high", total("fatalities_high"), "highest figure per event"),
        Headline("Civilians killed", victims("civilians")),
        Headline("Women killed", victims("women")),
        Headline("Children killed", victims("children")),
    ]


def _control(controls: Sequence[Control], start, end, where: EventFilter,
             cite: Citations) -> list[ControlChange]:
    """Control statements dated in the period, per place in date order, each with the holder
    the place had before (the latest earlier statement), so a reader sees what changed."""
    by_place: dict[str, list[Control]] = {}
    for control in controls:
        if where.place and not _place_matches(where.place, control):
            continue
        by_place.setdefault(_place_name(control), []).append(control)
    changes = []
    for place, statements in sorted(by_place.items()):
        statements.sort(key=lambda c: (c.date.date or dt.date.min, c.id))
        previous = ""
        for control in statements:
            day = control.date.date
            in_period = day is not None and (start is None or day >= start) and (
                end is None or day <= end)
            if in_period:
                share = f"{control.share:.0%}" if control.share is not None else ""
                changes.append(ControlChange(
                    place=place, date=day, holder=control.holder, share=share,
                    claimed_by=control.claimed_by or control.outlet, previous=previous,
                    statement=cite.claims(control.holder, [control])))
            previous = f"{control.holder} ({day or 'undated'})"
    return sorted(changes, key=lambda c: (c.date or dt.date.min, c.place))


def _place_name(item: Control | Toll) -> str:
    if item.geocode and item.geocode.place and item.geocode.geo_precision == 1:
        return item.geocode.place.name if item.geocode.place.name.casefold() == (
            item.place.mention.casefold() if item.place else "") else item.place.mention
    return item.place.mention if item.place else ""


def _place_matches(needle: str, item: Control | Toll) -> bool:
    names = [item.place.mention, *item.place.parents] if item.place else []
    if item.geocode and item.geocode.place:
        names += [item.geocode.place.name, item.geocode.place.admin1, item.geocode.place.admin2]
    return any(needle.casefold() in (n or "").casefold() for n in names)


def event_place(event: Event) -> tuple[str, str]:
    """The place's name and its precision as words."""
    if event.geocode and event.geocode.place:
        precision = {1: "exact place", 2: "near / part of", 3: "province level"}
        return event.geocode.place.name, precision.get(event.geocode.geo_precision, "")
    return (event.place.mention if event.place else "unknown place"), "not on the map"


def _incident(event: Event, own: list[Claim], cite: Citations) -> Incident:
    place, precision = event_place(event)
    fatalities = None
    if event.fatalities_best is not None:
        text = str(event.fatalities_best)
        if event.fatalities_low != event.fatalities_high:
            text = f"{event.fatalities_best} ({event.fatalities_low}–{event.fatalities_high})"
        figures = [c for c in own if c.fatalities and c.fatalities.value is not None]
        fatalities = cite.claims(text, figures)
    victims = ", ".join(f"{name} {value}" for name, value in (
        ("civilians", event.victims.civilians), ("women", event.victims.women),
        ("children", event.victims.children)) if value)
    sources = tuple(cite.claims(_source(c), [c]) for c in own)
    return Incident(anchor=f"event-{event.id[:8]}", date=event.date.date,
                    event_type=event.event_type, sub_event_type=event.sub_event_type,
                    actors=" vs ".join(a for a in (event.actor1, event.actor2) if a) or "unknown",
                    place=place, precision=precision, fatalities=fatalities, victims=victims,
                    status=event.status.value, sources=sources)


def _source(claim: Claim) -> str:
    said = claim.attributed_to or "the outlet"
    return f"{said} via {claim.outlet}" if claim.outlet and claim.outlet != said else said


def _contested(event: Event, own: list[Claim], cite: Citations) -> Contested | None:
    with_figures = [c for c in own if c.fatalities and c.fatalities.value is not None]
    differ = len({c.fatalities.value for c in with_figures}) > 1
    if not (differ or event.status == EventStatus.CONTESTED):
        return None
    place, _ = event_place(event)
    figures = tuple((_source(c), cite.claims(c.fatalities.words or c.fatalities.value, [c]))
                    for c in sorted(with_figures, key=lambda c: (c.fatalities.value, c.id)))
    return Contested(anchor=f"event-{event.id[:8]}", date=event.date.date,
                     what=event.sub_event_type, place=place,
                     low_best_high=" / ".join(words.number(n) for n in (
                         event.fatalities_low, event.fatalities_best, event.fatalities_high)),
                     figures=figures)


def _in_scope_tolls(tolls: Sequence[Toll], start, end, where: EventFilter) -> list[Toll]:
    def inside(toll: Toll) -> bool:
        """The toll's period overlaps the report's."""
        first = toll.period_start or toll.period_end
        last = toll.period_end or toll.period_start
        if (end and first and first > end) or (start and last and last < start):
            return False
        return not where.place or _place_matches(where.place, toll)
    return [t for t in tolls if inside(t)]


def _tolls(tolls: Sequence[Toll], events: Sequence[Event], own: dict[str, list[Claim]],
           cite: Citations) -> list[TollLine]:
    """The latest toll per (source, victims, outcome), beside what the coded events of the same
    period add up to for the same victims."""
    latest: dict[tuple[str, str, str], Toll] = {}
    for toll in sorted(tolls, key=lambda t: (t.period_end or dt.date.min, t.id)):
        latest[(toll.claimed_by or toll.outlet, toll.victims, toll.outcome)] = toll
    lines = []
    for (source, victims, outcome), toll in sorted(latest.items()):
        coded, support, count = _coded_sum(toll, events, own)
        period = f"{toll.period_start or '…'} to {toll.period_end or '…'}"
        lines.append(TollLine(
            claimed_by=source or "unattributed", victims=victims, outcome=outcome, period=period,
            count=cite.claims(words.count(toll.count), [toll]),
            coded=cite.claims(coded, support), coded_events=count))
    return lines


def _coded_sum(toll: Toll, events: Sequence[Event],
               own: dict[str, list[Claim]]) -> tuple[int, list[Claim], int]:
    """Fatalities of coded events in the toll's period that count the same victims."""
    total, support, count = 0, [], 0
    for event in events:
        day = event.date.date
        if day is None or (toll.period_start and day < toll.period_start) or (
                toll.period_end and day > toll.period_end):
            continue
        figure = _victims_figure(toll.victims, event)
        if figure:
            total += figure
            count += 1
            support += [c for c in own[event.id] if c.fatalities][:1]
    return total, support, count


def _victims_figure(victims: str, event: Event) -> int:
    if victims.casefold() == "civilians":
        if event.victims.civilians:
            return event.victims.civilians
        return event.fatalities_best or 0 if event.actor2 == CIVILIANS else 0
    return event.victims.per_side.get(victims, 0)


def _charts(events: Sequence[Event], kinds: Sequence[str],
            png: bool) -> tuple[dict[str, str], dict[str, str]]:
    from .charts import chart, inline_svg, render as render_chart

    svgs, pngs = {}, {}
    for kind in kinds:
        figure = chart(kind, events)
        svgs[kind] = inline_svg(figure, prefix=f"chart-{kind}")
        if png:
            data = base64.b64encode(render_chart(figure, "png")).decode("ascii")
            pngs[kind] = f"data:image/png;base64,{data}"
    return svgs, pngs


# -- rendering ----------------------------------------------------------------------------------


def _environment(autoescape: bool) -> Environment:
    return Environment(loader=PackageLoader("marsad.publish", "templates"),
                       autoescape=autoescape,  # the HTML template ends in .j2: say it outright
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                       keep_trailing_newline=True)


def to_html(report: SituationReport, *, png: bool = False) -> str:
    """The HTML report; ``png`` puts the charts in as PNG images instead of inline SVG."""
    return _environment(True).get_template("report.html.j2").render(
        report=report, chart_titles=CHART_TITLES, use_png=png and bool(report.chart_png))


def to_markdown(report: SituationReport) -> str:
    return _environment(False).get_template("report.md.j2").render(
        report=report, chart_titles=CHART_TITLES, md=_md_escape)


def to_pdf(report: SituationReport) -> bytes:
    """The HTML report through WeasyPrint (offline: no network fetches are made)."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:
        raise ReportError(f"PDF output needs WeasyPrint and its Pango libraries ({exc}); run "
                          "`pip install 'marsad[pdf]'` (Debian: `apt-get install libpango-1.0-0 "
                          "libpangoft2-1.0-0`), or write --format html and print it") from None
    # WeasyPrint logs every SVG style it skips; the charts go in as PNG, and its chatter stays out
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    # the template links nothing outside the page (charts are data URIs), so nothing is fetched
    return weasyprint.HTML(string=to_html(report, png=True)).write_pdf()


def render(report: SituationReport, fmt: str) -> bytes:
    if fmt == "html":
        return to_html(report).encode("utf-8")
    if fmt == "md":
        return to_markdown(report).encode("utf-8")
    if fmt == "pdf":
        return to_pdf(report)
    raise ReportError(f"no report format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _md_escape(text: object) -> str:
    """Text safe inside a Markdown table cell or footnote."""
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace(
        "*", "\\*").replace("_", "\\_").replace("[", "\\[").replace("]", "\\]")
