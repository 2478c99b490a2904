"""Why an event was missed or spurious, by the stage of the pipeline that went wrong.

`marsad eval --explain` sorts every missed gold incident and every spurious event by the first
stage that failed, judged from the claims of the same reports:

- missed: ``no trigger`` (no claim of that report at all near the date), ``type`` (claims of
  that report and date, none of the gold's event type), ``date`` (the type, not the date),
  ``place mention`` (type and date, no place read from the text), ``geocode`` (a place read,
  but no point or one too far away), ``merge`` (a fitting event exists but went to another
  incident: two incidents were merged into one);
- spurious: ``duplicate`` (it fits an incident that another event already matched: a merge
  that did not happen), ``type``, ``date``, ``place`` (it fits an incident of its report but
  for that), ``not an incident`` (nothing in the gold of its report comes close: the sentence
  reports no new incident, or one the gold does not count).

Per part: the same scores for each report-id prefix (``dA``, ``dB``...), so a gain in one part
that costs another shows.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Sequence

from ..geo import km_between
from ..records import Claim, Control, Event, Toll
from .gold import Gold, GoldEvent, GoldScore, _point, score

MISSED_STAGES = ("no trigger", "type", "date", "place mention", "geocode", "merge")
SPURIOUS_STAGES = ("duplicate", "type", "date", "place", "not an incident")


@dataclass
class Explanation:
    missed: dict[str, str] = field(default_factory=dict)  # gold id -> stage
    spurious: dict[str, str] = field(default_factory=dict)  # event id -> stage

    def counts(self) -> dict[str, dict[str, int]]:
        return {"missed": dict(Counter(self.missed.values()).most_common()),
                "spurious": dict(Counter(self.spurious.values()).most_common())}

    @property
    def duplicates(self) -> int:
        return sum(1 for stage in self.spurious.values() if stage == "duplicate")


def part_of(report_id: str) -> str:
    """A report id's part: its leading letters ("dA07" -> "dA"); the whole id if none."""
    match = re.match(r"[A-Za-z]+", report_id)
    return match.group(0) if match else report_id


def event_reports(event: Event, claims: dict[str, Claim]) -> set[str]:
    return {claims[c].report_id for c in event.claim_ids if c in claims}


def explain(gold: Gold, result: GoldScore, events: Sequence[Event],
            claims: dict[str, Claim]) -> Explanation:
    out = Explanation()
    by_report: dict[str, list[Event]] = {}
    for event in events:
        for report_id in event_reports(event, claims):
            by_report.setdefault(report_id, []).append(event)
    matched = {m.event.id: m.gold for m in result.matches}
    for g in result.missed:
        near = [e for r in g.reports for e in by_report.get(r, [])]
        out.missed[g.id] = _missed_stage(g, gold, near, claims, matched)
    golds_by_report: dict[str, list[GoldEvent]] = {}
    for g in gold.events:
        for report_id in g.reports:
            golds_by_report.setdefault(report_id, []).append(g)
    for event in result.spurious:
        near = [g for r in sorted(event_reports(event, claims)) for g in golds_by_report.get(r, [])]
        out.spurious[event.id] = _spurious_stage(event, gold, near, set(matched.values()))
    return out


def _close_in_time(g: GoldEvent, event: Event, gold: Gold, slack: int = 0) -> bool:
    return event.date.date is not None and \
        g.days_off(event.date.date, gold.date_days + slack) is not None


def _near_enough(g: GoldEvent, event: Event, gold: Gold) -> bool:
    point = _point(event)
    return point is not None and \
        km_between(g.latitude, g.longitude, *point) <= (g.distance_km or gold.distance_km)


def _missed_stage(g: GoldEvent, gold: Gold, near: list[Event], claims: dict[str, Claim],
                  matched: dict[str, GoldEvent]) -> str:
    if not near:
        return "no trigger"
    typed = [e for e in near if e.event_type == g.event_type]
    if not typed:
        return "type" if any(_close_in_time(g, e, gold, 3) for e in near) else "no trigger"
    dated = [e for e in typed if _close_in_time(g, e, gold)]
    if not dated:
        return "date"
    placed = [e for e in dated if _near_enough(g, e, gold)]
    if placed:
        return "merge" if all(e.id in matched for e in placed) else "geocode"
    own = [claims[c] for e in dated for c in e.claim_ids if c in claims]
    if all(c.place is None or not c.place.mention for c in own):
        return "place mention"
    return "geocode"


def _spurious_stage(event: Event, gold: Gold, near: list[GoldEvent],
                    taken: set[GoldEvent]) -> str:
    fits = [g for g in near if g.event_type == event.event_type
            and _close_in_time(g, event, gold) and _near_enough(g, event, gold)]
    if any(g in taken for g in fits):
        return "duplicate"
    if any(g.event_type != event.event_type and _close_in_time(g, event, gold)
           and _near_enough(g, event, gold) for g in near):
        return "type"
    if any(g.event_type == event.event_type and _near_enough(g, event, gold) for g in near):
        return "date"
    if any(g.event_type == event.event_type and _close_in_time(g, event, gold) for g in near):
        return "place"
    return "not an incident"


def by_part(gold: Gold, events: Sequence[Event], claims: dict[str, Claim],
            tolls: Sequence[Toll], controls: Sequence[Control]) -> dict[str, GoldScore]:
    """The scores of each part of the corpus on its own reports."""
    parts = sorted({part_of(r) for g in gold.events for r in g.reports[:1]})
    out = {}
    for part in parts:
        def mine(ids) -> bool:
            return any(part_of(r) == part for r in ids)

        sub = replace(gold, events=tuple(g for g in gold.events if mine(g.reports[:1])),
                      tolls=tuple(t for t in gold.tolls if mine(t.get("reports", ())[:1])),
                      control=tuple(c for c in gold.control if mine(c.get("reports", ())[:1])))
        own_events = [e for e in events if mine(sorted(event_reports(e, claims))[:1])]
        out[part] = score(sub, own_events, claims,
                          [t for t in tolls if part_of(t.report_id) == part],
                          [c for c in controls if part_of(c.report_id) == part], label=part)
    return out


def render_explanation(explanation: Explanation) -> str:
    counts = explanation.counts()
    lines = ["errors by stage:"]
    for kind in ("missed", "spurious"):
        found = counts[kind]
        total = sum(found.values())
        parts = ", ".join(f"{stage} {n}" for stage, n in found.items()) or "none"
        lines.append(f"  {kind} {total}: {parts}")
    return "\n".join(lines)


def render_parts(parts: dict[str, GoldScore]) -> str:
    lines = ["by part:", "  part    P      R      F1    TP  FP  req  sub  act  fat  tolls  control"]
    for part, s in parts.items():
        lines.append(f"  {part:<5} {s.precision:.3f}  {s.recall:.3f}  {s.f1:.3f}  {s.true_positives:>3} "
                     f"{s.false_positives:>3} {s.required:>4}  {s.share('sub_event_ok'):.2f} "
                     f"{s.share('actors_ok'):.2f} {s.share('fatalities_ok'):.2f}  "
                     f"{s.tolls_found}/{s.tolls_total}  {s.control_found}/{s.control_total}")
    return "\n".join(lines)
