"""Reconciling the figures of an event's claims: fatalities low / best / high, victims, status.

The rules, in the spirit of UCDP's low / best / high estimates:

1. **One figure per source.** A source is who says it (``attributed_to``; the outlet when the
   outlet speaks for itself). Two outlets quoting one monitor are one source. A source's figure
   is its *latest* word: the claims of its most recently published report (then latest claim
   date); claims of that report about different victim groups ("12 SDF", "6 attackers") add
   up, about the same group the larger counts.
2. **Partial counts give way.** Early counts rise as bodies are found: a figure is *superseded*
   when a later report from an independent source (not a party to the fighting) gives a
   higher figure. Superseded figures stay in the notes, not in low/best/high. Words
   ("several", "dozens") give way to any number a source gives, and one victim the text
   names ("their son") to a larger count of the same report.
3. **Denials don't count.** A claim whose modality is ``denied`` gives no figure; it makes the
   event contested and is named in the notes.
4. **low** is the lowest current figure from an independent source (from parties only when no
   one else gives a figure); each count's own lower bound is used ("15 to 20" -> 15).
   **high** is the highest current figure of anyone, parties included, with each count's upper
   bound. **best** is the figure of the most credible source: monitor > official > witness >
   media > unknown > party; among equals the latest, then the larger.
5. **Victims** (civilians, women, children, per side) come from the same source as *best*, or
   the most credible source that gives a breakdown when that one gives none.
6. **Status**: ``contested`` if current figures disagree or any claim denies the event;
   else ``corroborated`` with two or more independent sources (distinct speakers: a party
   confirming a monitor corroborates it; two outlets quoting one monitor do not); else
   ``single-source``. ``reviewed`` is set by an analyst.

The ACLED export codes ``fatalities_low`` (ACLED codes the conservative figure) and writes the
disagreement into ``notes``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Mapping, Sequence

from ..records import Claim, Count, CountQualifier, EventStatus, Modality, SourceKind, Victims

CREDIBILITY = {SourceKind.MONITOR: 5, SourceKind.OFFICIAL: 4, SourceKind.WITNESS: 3,
               SourceKind.MEDIA: 2, SourceKind.UNKNOWN: 1, SourceKind.PARTY: 0}


@dataclass(frozen=True)
class Figure:
    """One source's figure for an event: what it says, how sure, and as of when."""

    source: str
    kind: SourceKind
    value: int
    low: int
    high: int
    victims: Victims
    as_of: tuple  # (report published, claim date): later is newer
    words: str
    report_id: str

    @property
    def independent(self) -> bool:
        return self.kind is not SourceKind.PARTY


@dataclass(frozen=True)
class Reconciled:
    low: int | None
    best: int | None
    high: int | None
    victims: Victims
    status: EventStatus
    sources: tuple[str, ...]
    notes: str


def source_of(claim: Claim) -> str:
    """Who speaks: the attributed source, else the outlet itself."""
    return claim.attributed_to or claim.outlet or "unattributed"


def _as_of(claim: Claim, published: Mapping[str, dt.date]) -> tuple:
    day = published.get(claim.report_id) or dt.date.min
    return (day, claim.date.end or claim.date.date or dt.date.min, claim.report_id)


def _bounds(count: Count) -> tuple[int, int, int]:
    value = count.value if count.value is not None else (count.low or count.high or 0)
    return value, count.low if count.low is not None else value, max(value, count.high or value)


def _groups(victims: Victims) -> frozenset[str]:
    groups = set(victims.per_side)
    if victims.civilians:
        groups.add("civilians")
    return frozenset(groups)


def source_figures(group: Sequence[Claim], published: Mapping[str, dt.date]) -> list[Figure]:
    """Every figure each source gave (one per source and report), oldest first."""
    by_report: dict[tuple[str, str], list[Claim]] = {}
    counted = [c for c in group if c.fatalities is not None and c.modality is not Modality.DENIED]
    exact = any(c.fatalities.qualifier is not CountQualifier.VAGUE for c in counted)
    for claim in counted:
        if _one_of_more(claim, counted):
            continue  # "their son, who was killed": one of the 16 the report counts
        if exact and claim.fatalities.qualifier is CountQualifier.VAGUE:
            continue  # "several people were killed": a number someone gives says more
        by_report.setdefault((source_of(claim), claim.report_id), []).append(claim)
    figures = [_combine(claims, published) for claims in by_report.values()]
    return sorted(figures, key=lambda f: (f.as_of, f.source))


def _one_of_more(claim: Claim, counted: Sequence[Claim]) -> bool:
    """A single victim the text names ("a boy", "their son": at least one) in a report whose
    claims of the same event count more: a person among those dead, not a figure of its own."""
    count = claim.fatalities
    return count.qualifier is CountQualifier.AT_LEAST and count.value == 1 and any(
        other.report_id == claim.report_id and (other.fatalities.value or 0) > 1
        for other in counted)


def _combine(claims: list[Claim], published: Mapping[str, dt.date]) -> Figure:
    """One report's word from one source: disjoint victim groups add up, else the largest."""
    claims = sorted(claims, key=lambda c: (-_bounds(c.fatalities)[0], c.id))
    taken, seen = [claims[0]], set(_groups(claims[0].victims))
    for claim in claims[1:]:
        groups = _groups(claim.victims)
        # a figure without a breakdown is a total: the others are parts of it, not additions
        if seen and groups and not groups & seen:
            taken.append(claim)
            seen |= groups
    value = low = high = 0
    for claim in taken:
        v, lo, hi = _bounds(claim.fatalities)
        value, low, high = value + v, low + lo, high + hi
    lead = max(taken, key=lambda c: (CREDIBILITY[c.source_kind], c.id))
    return Figure(source=source_of(lead), kind=lead.source_kind, value=value, low=low, high=high,
                  victims=_breakdown(taken, claims),
                  as_of=max(_as_of(c, published) for c in taken),
                  words=" + ".join(c.fatalities.words or str(c.fatalities.value) for c in taken),
                  report_id=lead.report_id)


def _breakdown(taken: list[Claim], claims: list[Claim]) -> Victims:
    """The victims of the figures added up; else the breakdown another sentence gives."""
    merged = _merge_victims([c.victims for c in taken])
    if merged.is_empty():
        return next((c.victims for c in claims if not c.victims.is_empty()), merged)
    return merged


def _merge_victims(parts: list[Victims]) -> Victims:
    if len(parts) == 1:
        return parts[0]

    def total(name: str) -> int | None:
        values = [getattr(p, name) for p in parts if getattr(p, name) is not None]
        return sum(values) if values else None

    per_side: dict[str, int] = {}
    for part in parts:
        for side, count in part.per_side.items():
            per_side[side] = per_side.get(side, 0) + count
    return Victims(civilians=total("civilians"), women=total("women"),
                   children=total("children"), per_side=per_side)


def current_figures(figures: Sequence[Figure]) -> tuple[list[Figure], list[Figure]]:
    """(current, superseded): each source's latest, minus partial counts a later one raised."""
    latest: dict[str, Figure] = {}
    for figure in figures:  # oldest first, so the latest of each source wins
        latest[figure.source] = figure
    current = []
    for figure in latest.values():
        raised = any(other.independent and other.as_of[0] > figure.as_of[0]
                     and other.value > figure.value for other in latest.values())
        if not raised:
            current.append(figure)
    superseded = [f for f in figures if f not in current]
    return sorted(current, key=lambda f: (f.as_of, f.source)), superseded


def _credibility(figure: Figure) -> tuple:
    return (CREDIBILITY[figure.kind], figure.as_of, figure.value, figure.source)


def reconcile(group: Sequence[Claim], published: Mapping[str, dt.date] | None = None) -> Reconciled:
    """Low / best / high, victims, status and notes for the claims of one event."""
    figures = source_figures(group, published or {})
    current, superseded = current_figures(figures)
    credible = [f for f in current if f.independent] or current
    best = max(current, key=_credibility) if current else None
    denied = sorted({source_of(c) for c in group if c.modality is Modality.DENIED})
    disagree = len({f.value for f in current}) > 1
    sources = tuple(sorted({source_of(c) for c in group}))
    return Reconciled(
        low=min(f.low for f in credible) if credible else None,
        best=best.value if best else None,
        high=max(f.high for f in current) if current else None,
        victims=_victims(best, current),
        status=_status(group, disagree or bool(denied)),
        sources=sources,
        notes=_notes(current, superseded, denied, disagree))


def _victims(best: Figure | None, current: Sequence[Figure]) -> Victims:
    if best is not None and not best.victims.is_empty():
        return best.victims
    with_breakdown = [f for f in current if not f.victims.is_empty()]
    return max(with_breakdown, key=_credibility).victims if with_breakdown else Victims()


def _status(group: Sequence[Claim], contested: bool) -> EventStatus:
    if contested:
        return EventStatus.CONTESTED
    if len({source_of(c) for c in group}) >= 2:
        return EventStatus.CORROBORATED
    return EventStatus.SINGLE_SOURCE


def _notes(current: Sequence[Figure], superseded: Sequence[Figure], denied: Sequence[str],
           disagree: bool) -> str:
    parts = []
    if disagree:
        parts.append("fatalities disputed: " + "; ".join(
            f"{f.source} ({f.kind.value}) says {f.words}" for f in current))
    if superseded:
        parts.append("earlier figures: " + "; ".join(
            f"{f.source} said {f.words}" for f in superseded))
    if denied:
        parts.append("denied by " + ", ".join(denied))
    return ". ".join(parts)
