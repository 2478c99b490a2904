"""A short situation brief in Markdown: figures, incidents with their sources, tolls, control.

Every figure carries a footnote that quotes the sentence it came from and names its report.
"""

from __future__ import annotations

from ..records import Claim, Control, Event, Report, Toll
from . import words


def markdown_brief(events: list[Event], claims: dict[str, Claim], reports: dict[str, Report],
                   tolls: list[Toll], controls: list[Control], title: str = "Situation brief") -> str:
    notes: list[str] = []

    def cite(report_id: str, sentence: str) -> str:
        report = reports.get(report_id)
        where = f"{report.outlet or 'unknown outlet'}, {report.published or 'undated'}" if report else report_id
        notes.append(f"{where} (report {report_id}): \"{sentence.strip()}\"")
        return f"[^{len(notes)}]"

    lines = [f"# {title}", ""]
    dated = [e.date.date for e in events if e.date.date]
    if dated:
        lines.append(f"{len(events)} events from {min(dated)} to {max(dated)}; fatalities "
                     f"(best estimate) {sum(e.fatalities_best or 0 for e in events)}.")
    lines += ["", "## Incidents", ""]
    for event in events:
        place = event.geocode.place.name if event.geocode and event.geocode.place else (
            event.place.mention if event.place else "unknown place")
        figure = ""
        own = [claims[c] for c in event.claim_ids if c in claims]
        with_figure = [c for c in own if c.fatalities and c.fatalities.value is not None]
        if with_figure:
            parts = [f"{c.fatalities.words or c.fatalities.value} according to "
                     f"{c.attributed_to or c.outlet or 'the report'}{cite(c.report_id, c.evidence.text)}"
                     for c in with_figure]
            figure = "; killed: " + ", ".join(parts)
        source = own[0] if own else None
        citation = cite(source.report_id, source.evidence.text) if source and not with_figure else ""
        lines.append(f"- **{words.day(event.date.date)}** {event.sub_event_type}: "
                     f"{event.actor1 or '?'} vs {event.actor2 or '?'} in {place}{figure}"
                     f" [{event.status.value}]{citation}")
    if tolls:
        lines += ["", "## Cumulative tolls (not added to the events)", ""]
        for toll in tolls:
            lines.append(f"- {words.count(toll.count)} {toll.victims} {toll.outcome}"
                         f" from {toll.period_start or '?'} to {toll.period_end or '?'}, per "
                         f"{toll.claimed_by or toll.outlet or 'the report'}"
                         f"{cite(toll.report_id, toll.evidence.text)}")
    if controls:
        lines += ["", "## Control of territory", ""]
        for control in sorted(controls, key=lambda c: (c.place.mention, str(c.date.date))):
            share = f" ({control.share:.0%})" if control.share is not None else ""
            lines.append(f"- {control.place.mention}: {control.holder}{share} as of "
                         f"{words.day(control.date.date)}, per {control.claimed_by or 'the report'}"
                         f"{cite(control.report_id, control.evidence.text)}")
    lines += ["", "---", ""]
    lines += [f"[^{n}]: {text}" for n, text in enumerate(notes, start=1)]
    return "\n".join(lines) + "\n"
