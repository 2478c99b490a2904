"""Grouping claims into incidents, in one pass over claims sorted by date.

Claims are taken in a canonical order (:func:`claim_order`: by the last day they can mean,
finer claims first, then id), so the groups depend only on the *set* of claims: the same claims
in any order, ingested at once or report by report, give the same groups. Each claim joins the
best open group whose every member it fits (:func:`~marsad.resolve.match.same_incident`), or
starts a new one. When several groups fit, it prefers the one with the same actor1 as its most specific claim, then the
same sub-event type, then the most claims, then the closest date, then the oldest group.

Candidates are found through an index on (event type, province, day), so a claim is compared
with the few groups of its province and days, never with every group; groups whose last day
lies more than :data:`HORIZON` days (plus the window) behind the stream are closed and handed
out, which keeps memory flat on millions of claims.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Mapping

from ..records import Claim
from .match import UNDATED, Facts, facts_of, same_incident, specificity

# The widest span (days) a claim may have and still reach groups formed before it: a month.
HORIZON = 31


@dataclass(eq=False)
class Group:
    """An open group of claims (one future event)."""

    seq: int
    members: list[Facts] = field(default_factory=list)
    last: int = 0  # ordinal of the latest day any member can mean
    keys: set[tuple] = field(default_factory=set)
    lead: Facts | None = None  # the first of its most specific claims: it names actor1
    sub_types: set[str] = field(default_factory=set)

    def add(self, facts: Facts) -> None:
        self.members.append(facts)
        self.last = max(self.last, facts.span[1].toordinal())
        if self.lead is None or _specific(facts) > _specific(self.lead):
            self.lead = facts
        self.sub_types.add(facts.claim.sub_event_type)


    def claims(self) -> list[Claim]:
        return sorted((f.claim for f in self.members), key=lambda c: c.id)


def _specific(facts: Facts) -> int:
    return specificity(facts.claim.sub_event_type)


def claim_order(facts: Facts) -> tuple:
    """Canonical order: last possible day, then finer dates and places first, then the most
    specific types (a capture founds the event the fighting around it then joins), then id."""
    start, end = facts.span
    return (end, (end - start).days, facts.site.level, -_specific(facts), facts.id)


class Grouper:
    """Feeds on claims in :func:`claim_order`; hands out groups as they close."""

    def __init__(self, window: int = 1, apart: Mapping[str, frozenset[str]] | None = None):
        self.window = window
        self.apart = apart or {}  # claim id -> claims an analyst split it from
        self.index: dict[tuple, dict[int, Group]] = {}
        self.by_report: dict[str, dict[int, Group]] = {}
        self.open: dict[int, Group] = {}
        self.closing: list[tuple[int, int]] = []  # heap of (last day, group seq)
        self.next_seq = 0

    def add(self, facts: Facts) -> list[list[Claim]]:
        """Place one claim; returns the groups that can no longer grow."""
        closed = self._close_before(facts.span[1].toordinal() - HORIZON - self.window)
        group = self._best(facts) or self._new_group()
        group.add(facts)
        self._register(group, facts)
        heapq.heappush(self.closing, (group.last, group.seq))
        return closed

    def finish(self) -> list[list[Claim]]:
        return self._close_before(UNDATED[1].toordinal() + 1)

    # -- finding candidates ---------------------------------------------------------------------

    def _keys(self, facts: Facts, widen: int) -> list[tuple]:
        start, end = facts.span
        base = (facts.claim.event_type, facts.site.region)
        if facts.span == UNDATED:
            return [(*base, -1)]
        first, last = start.toordinal() - widen, end.toordinal() + widen
        return [(*base, day) for day in range(first, last + 1)]

    def _candidates(self, facts: Facts) -> list[Group]:
        found: dict[int, Group] = {}
        for key in self._keys(facts, self.window):
            found.update(self.index.get(key, {}))
        if facts.site.level == 3 or facts.spoken_day:
            # no place, or only the day it was said: the other sentences of its own report
            found.update(self.by_report.get(facts.claim.report_id, {}))
        return [found[seq] for seq in sorted(found)]

    def _fits(self, facts: Facts, group: Group) -> bool:
        apart = self.apart.get(facts.id, frozenset())
        return all(m.id not in apart and facts.id not in self.apart.get(m.id, frozenset())
                   and same_incident(facts, m, self.window) for m in group.members)

    def _best(self, facts: Facts) -> Group | None:
        fitting = [g for g in self._candidates(facts) if self._fits(facts, g)]
        if not fitting:
            return None
        return max(fitting, key=lambda g: self._preference(facts, g))

    def _preference(self, facts: Facts, group: Group) -> tuple:
        claim = facts.claim
        gap = min(abs((facts.span[0] - m.span[0]).days) for m in group.members)
        return (bool(claim.actor1) and claim.actor1 == group.lead.claim.actor1,
                claim.sub_event_type in group.sub_types, len(group.members), -gap, -group.seq)

    # -- bookkeeping ----------------------------------------------------------------------------

    def _new_group(self) -> Group:
        group = Group(seq=self.next_seq)
        self.next_seq += 1
        self.open[group.seq] = group
        return group

    def _register(self, group: Group, facts: Facts) -> None:
        for key in self._keys(facts, 0):
            self.index.setdefault(key, {})[group.seq] = group
            group.keys.add(key)
        self.by_report.setdefault(facts.claim.report_id, {})[group.seq] = group

    def _close_before(self, day: int) -> list[list[Claim]]:
        closed = []
        while self.closing and self.closing[0][0] < day:
            last, seq = heapq.heappop(self.closing)
            group = self.open.get(seq)
            if group is None or group.last != last:
                continue  # already closed, or grew since this entry was pushed
            closed.append(self._close(group))
        return closed

    def _close(self, group: Group) -> list[Claim]:
        del self.open[group.seq]
        for key in group.keys:
            bucket = self.index[key]
            del bucket[group.seq]
            if not bucket:
                del self.index[key]
        for facts in group.members:
            bucket = self.by_report.get(facts.claim.report_id, {})
            bucket.pop(group.seq, None)
            if not bucket:
                self.by_report.pop(facts.claim.report_id, None)
        return group.claims()


def group_sorted(facts: Iterable[Facts], window: int = 1,
                 apart: Mapping[str, frozenset[str]] | None = None) -> Iterator[list[Claim]]:
    """Groups from facts already in :func:`claim_order` (a stream: memory stays flat)."""
    grouper = Grouper(window, apart)
    for item in facts:
        yield from grouper.add(item)
    yield from grouper.finish()


def group_claims(claims: Iterable[Claim], window: int = 1,
                 apart: Mapping[str, frozenset[str]] | None = None) -> list[list[Claim]]:
    """Groups of claims that tell one incident, whatever order the claims come in."""
    ordered = sorted((facts_of(c) for c in claims), key=claim_order)
    return list(group_sorted(ordered, window, apart))
