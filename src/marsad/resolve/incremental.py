"""Resolving only what new, changed or removed claims can touch.

The store names the claims whose events are not built yet (``unresolved_claims``: written with
the claims, so a crash between storing and resolving loses nothing). From them this module
finds every claim whose events could change — the component of linked claims around each
(:mod:`marsad.resolve.blocks`), joined through analysts' decisions — resolves those claims
alone, and rewrites only the events that held them. A claim that was removed or changed is
found through its old row in ``resolve_blocks``: the claims it reached are resolved again too,
since its going may change their events.

The events are those of a resolution from scratch (a property test holds it): grouping one
component never depends on claims outside it. The rows a claim reaches are read by index and
sieved in SQL to those whose place can fit its own (``resolve_blocks.root``), so the work
follows the density of the claims around the new ones, not the size of the store. Where claims
chain day after day (a town in the news every day) a component can grow to most of the store:
past :data:`COMPONENT_LIMIT` claims the caller resolves the store from scratch instead, which
is streamed, so memory stays bounded either way.
"""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..records import Claim
from . import schema
from .blocks import LONG, Block, block_of, linked, reaches, shifted
from .decisions import Decision, stored
from .match import Facts, eligible, facts_of

if TYPE_CHECKING:
    from ..store import Store

log = logging.getLogger(__name__)
IMPORTED = "imported"  # the report kind marsad gives imported material


# Claims a component may hold before resolving the whole store (streamed, in bounded memory)
# is the better way: where claims chain day after day (a town in the news every day), a
# component can reach most of the store, and holding it all would grow without bound.
COMPONENT_LIMIT = 10_000
READ_LIMIT = 3  # claims read (reached, linked or not) per claim a component may hold


class TooWide(Exception):
    """The component grew past its limit: resolve the store from scratch instead."""


@dataclass
class Component:
    """The claims to resolve again, and the events they were in."""

    facts: dict[str, Facts] = field(default_factory=dict)
    old_events: set[str] = field(default_factory=set)

    @property
    def claims(self) -> list[Claim]:
        return [f.claim for f in self.facts.values()]


class Reach:
    """Finds the component around some claims, reading only the rows their blocks reach."""

    def __init__(self, store: "Store", connection: Connection, window: int,
                 decisions: Iterable[Decision], limit: int = COMPONENT_LIMIT):
        self.store, self.connection, self.window = store, connection, window
        self.limit = limit
        self.known: dict[str, tuple[Facts, Block] | None] = {}  # None: not resolvable
        self.roots: dict[str, str] = {}  # claim -> its site's root (stale ones: as they were)
        self.fresh: dict[str, Block] = {}  # unresolved claims: no row in resolve_blocks yet
        self.fresh_by_key: dict[tuple[str, str], list[Block]] = {}  # by (event type, region)
        self.fresh_by_report: dict[str, list[Block]] = {}
        self.together: dict[str, set[str]] = {}  # claim -> claims a decision names with it
        for decision in decisions:
            named = set(decision.claim_ids) | set(decision.other_ids)
            for claim_id in named:
                self.together.setdefault(claim_id, set()).update(named)

    # -- loading claims ---------------------------------------------------------------------

    def load(self, ids: Iterable[str]) -> None:
        """Read the claims not read yet; machine claims that can make events become facts."""
        wanted = sorted({i for i in ids if i not in self.known})
        if not wanted:
            return
        if len(self.known) + len(wanted) > READ_LIMIT * self.limit:  # a dense block's claims
            raise TooWide(len(self.known) + len(wanted))  # reached but not linked count too
        claims = self.store.claims(wanted, connection=self.connection)
        kinds = self.store.report_kinds(self.connection, {c.report_id for c in claims})
        for claim_id in wanted:
            self.known[claim_id] = None
        for claim in claims:
            if eligible(claim) and kinds.get(claim.report_id) != IMPORTED:
                facts = facts_of(claim)
                self.known[claim.id] = (facts, block_of(facts))
                self.roots[claim.id] = root_of(facts)

    def add_fresh(self, ids: Iterable[str]) -> list[str]:
        """Unresolved claims still in the store: their blocks, from their current record."""
        ids = sorted(set(ids))
        self.load(ids)
        for claim_id in ids:
            if self.known[claim_id] is not None:
                block = self.known[claim_id][1]
                self.fresh[claim_id] = block
                self.fresh_by_key.setdefault((block.event_type, block.region), []).append(block)
                self.fresh_by_report.setdefault(block.report_id, []).append(block)
        return [i for i in ids if i in self.fresh]

    # -- reaching ---------------------------------------------------------------------------

    def reachable(self, blocks: Iterable[Block]) -> dict[str, set[str]]:
        """Per block, the claims it reaches: resolved ones (rows), then fresh ones."""
        blocks = list(blocks)
        same_report = self._rows_of_reports({b.report_id for b in blocks})
        found = {}
        for block in blocks:
            reached = {row.claim_id for row in self.connection.execute(self._query(block))}
            reached |= {claim_id for claim_id, level in same_report.get(block.report_id, ())
                        if 3 in (level, block.level)}
            near = self.fresh_by_key.get((block.event_type, block.region), []) + \
                self.fresh_by_report.get(block.report_id, [])
            reached |= {other.claim_id for other in near if reaches(block, other, self.window)}
            reached.discard(block.claim_id)
            found[block.claim_id] = reached
        return found

    def _rows_of_reports(self, report_ids: set[str]) -> dict[str, list[tuple[str, int]]]:
        table = schema.blocks
        found: dict[str, list[tuple[str, int]]] = {}
        for chunk in _chunks(report_ids):
            for row in self.connection.execute(sa.select(
                    table.c.claim_id, table.c.report_id, table.c.level).where(
                    table.c.report_id.in_(chunk))):
                found.setdefault(row.report_id, []).append((row.claim_id, row.level))
        return found

    def _query(self, block: Block):
        table = schema.blocks
        same = sa.and_(table.c.event_type == block.event_type, table.c.region == block.region)
        root = self.roots.get(block.claim_id, "")
        if root:
            # only a claim of the same town, or one known at province level or not at all,
            # can fit (sites_fit): in a dense province most of the block is neither
            same = sa.and_(same, table.c.root.in_([root, ""]))
        if block.first is None:
            return sa.select(table.c.claim_id).where(same, table.c.span_first.is_(None))
        low, high = shifted(block.first, -self.window), shifted(block.last, self.window)
        short = sa.and_(same, table.c.long.is_(False),
                        table.c.span_first.between(shifted(low, -LONG), high),
                        table.c.span_last >= low)
        wide = sa.and_(same, table.c.long.is_(True), table.c.span_first <= high,
                       table.c.span_last >= low)
        return sa.select(table.c.claim_id).where(sa.or_(short, wide))

    def neighbours(self, claim_ids: list[str]) -> set[str]:
        """Claims linked to any of these: reached and fitting, or named with one of them by a
        decision."""
        reached = self.reachable(self.known[i][1] for i in claim_ids)
        wanted = set().union(*reached.values())
        for claim_id in claim_ids:
            wanted |= self.together.get(claim_id, set())
        self.load(wanted)
        found: set[str] = set()
        for claim_id in claim_ids:
            facts, block = self.known[claim_id]
            found |= {i for i in reached[claim_id] if self.known[i] is not None
                      and linked(facts, self.known[i][0], block, self.known[i][1], self.window)}
            found |= {i for i in self.together.get(claim_id, set())
                      if self.known.get(i) is not None}
        return found

    # -- the component ----------------------------------------------------------------------

    def component(self, seeds: Iterable[str]) -> Component:
        """Every claim linked, directly or through others, to a seed; and the events that
        held any of them (whose other claims join in too, should any be missing). Read level
        by level: each level's claims are looked up together."""
        component = Component()
        frontier, checked = set(seeds), set()
        while frontier:
            if len(component.facts) + len(frontier) > self.limit:
                raise TooWide(len(component.facts) + len(frontier))
            self.load(frontier)
            level = sorted(i for i in frontier
                           if i not in component.facts and self.known.get(i) is not None)
            for claim_id in level:
                component.facts[claim_id] = self.known[claim_id][0]
            frontier = {i for i in self.neighbours(level) if i not in component.facts}
            if frontier:
                continue
            unchecked = [i for i in component.facts if i not in checked]
            checked.update(unchecked)
            held = set(self.store.event_ids_holding(self.connection, unchecked))
            held -= component.old_events
            component.old_events |= held
            mates = self.store.claim_ids_of_events(self.connection, held)
            frontier = {m for m in mates if m not in component.facts}
        return component


def root_of(facts: Facts) -> str:
    """What ``resolve_blocks.root`` holds: the root of a claim's site (its town), or "" for a
    claim known only at province level or not at all, which can fit any root."""
    return facts.site.root if facts.site.level < 2 else ""


def stale_blocks(connection: Connection, claim_ids: Iterable[str]) -> list[tuple[Block, str]]:
    """The rows of claims as they were last resolved (they may have changed or gone since),
    with their roots."""
    table = schema.blocks
    found = []
    for chunk in _chunks(claim_ids):
        for row in connection.execute(sa.select(table).where(table.c.claim_id.in_(chunk))):
            found.append((Block(row.claim_id, row.report_id, row.event_type, row.region,
                                row.span_first, row.span_last, row.level), row.root))
    return found


def forget_blocks(connection: Connection, claim_ids: Iterable[str]) -> None:
    table = schema.blocks
    for chunk in _chunks(claim_ids):
        connection.execute(table.delete().where(table.c.claim_id.in_(chunk)))


def write_blocks(connection: Connection, facts: Iterable[Facts], size: int = 5000) -> int:
    """The rows of these claims' blocks, ``size`` at a time (a stream of any length); returns
    how many."""
    written = 0
    rows: list[dict] = []
    for item in itertools.chain(facts, [None]):
        if item is not None:
            rows.append({**block_of(item).row(), "root": root_of(item)})
        if rows and (item is None or len(rows) >= size):
            connection.execute(schema.blocks.insert(), rows)
            written += len(rows)
            rows = []
    return written


def _chunks(ids: Iterable[str]):
    from ..store import chunks

    return chunks(ids)


def resolve_unresolved(store: "Store", connection: Connection, window: int,
                       pending: list[str], limit: int = COMPONENT_LIMIT) -> bool:
    """Resolve again the components of the unresolved claims. False (nothing written) when
    they hold more than ``limit`` claims: the caller resolves the store from scratch."""
    from .run import resolve

    decisions = stored(store, connection)
    reach = Reach(store, connection, window, decisions, limit)
    stale = stale_blocks(connection, pending)
    reach.roots.update({block.claim_id: root for block, root in stale})
    # rows of resolved claims only; these are re-made (on giving up, the caller makes all)
    forget_blocks(connection, pending)
    fresh = reach.add_fresh(pending)
    seeds = set(fresh)
    # what a removed or changed claim reached may change with it
    for reached in reach.reachable(block for block, _ in stale).values():
        seeds |= reached
    try:
        component = reach.component(seeds)
    except TooWide as wide:
        log.info("the unresolved claims reach %d claims or more: resolving from scratch",
                 wide.args[0])
        return False
    ids = set(component.facts)
    touching = [d for d in decisions if ids & (set(d.claim_ids) | set(d.other_ids))]
    reports = {f.claim.report_id for f in component.facts.values()}
    events = resolve(component.claims, window, decisions=touching,
                     published=store.report_dates(connection, reports))
    store.rewrite_events(connection, sorted(component.old_events), events)
    write_blocks(connection, [reach.known[i][0] for i in sorted(reach.fresh)])
    store.mark_resolved(connection, pending)
    log.info("resolved %d unresolved claim(s): %d claim(s) in their blocks, %d event(s) "
             "rewritten", len(pending), len(ids), len(events))
    return True
