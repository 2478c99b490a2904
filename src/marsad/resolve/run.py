"""Resolving claims into events, in memory or for a whole store."""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping

import sqlalchemy as sa

from ..records import Claim, Event, Modality
from . import schema
from .decisions import Decision, apart, apply_groups, apply_reviews, stored
from .events import build_event
from .incremental import COMPONENT_LIMIT, resolve_unresolved, write_blocks
from .match import Facts, eligible, facts_of
from .merge import claim_order, group_claims, group_sorted

if TYPE_CHECKING:
    from ..store import Store

log = logging.getLogger(__name__)


def resolve(claims: Iterable[Claim], window: int = 1, *, decisions: Iterable[Decision] = (),
            published: Mapping[str, dt.date] | None = None) -> list[Event]:
    """Claims -> events, oldest first. A function of the *set* of claims and decisions: input
    order, duplicates and how reports were batched change nothing.

    ``window``: days two claims' dates may lie apart and still tell one incident.
    ``published``: report id -> publication date, so that later updates of a source win.
    """
    decisions = list(decisions)
    unique = {c.id: c for c in claims if eligible(c)}
    groups = group_claims(unique.values(), window, apart(decisions))
    groups = apply_groups(groups, decisions)
    # what is only denied did not happen as far as marsad can tell: a denial joins the event
    # others assert (contesting it), but founds none ("the army denied any clash")
    groups = [g for g in groups if any(c.modality is not Modality.DENIED for c in g)]
    events = apply_reviews([build_event(g, published) for g in groups if g], decisions)
    return sorted(events, key=lambda e: (e.date.date or dt.date.max, e.id))


IMPORTED = "imported"  # the report kind marsad gives imported material
# Past this many unresolved claims (and a quarter of the store), resolving everything again is
# quicker than following their blocks; both give the same events.
ALL_AT_ONCE = 2000
CLAIMS_PER_WRITE = 2000  # claims whose events a resolution from scratch builds and writes at once
FACTS_PER_READ = 2000  # claims read at a time, in the grouper's order, by the same


def resolve_store(store: "Store", window: int | None = None, *, full: bool = False,
                  limit: int = COMPONENT_LIMIT) -> int:
    """Build the events of the claims not resolved yet, keeping analysts' decisions; one
    transaction. Only the blocks those claims can touch are resolved again (see
    :mod:`marsad.resolve.incremental`); ``full`` resolves every claim again, as does a window
    other than the one the store was resolved with (``None``: that one, else 1), and so does
    a run whose unresolved claims reach more than ``limit`` claims.
    Returns the number of events in the store."""
    from ..store.crash import crash_point

    with store.transaction() as connection:
        before = _window(connection)
        window = before if window is None and before is not None else (window or 1)
        pending = store.unresolved(connection)
        if full or before != window or _worth_all(store, connection, pending) or (
                pending and not resolve_unresolved(store, connection, window, pending, limit)):
            _resolve_all(store, connection, window)
        crash_point("resolving")
    crash_point("resolved")
    return store.count("events")


def _worth_all(store: "Store", connection, pending: list[str]) -> bool:
    return len(pending) > ALL_AT_ONCE and 4 * len(pending) > store.count("claims", connection)


def _resolve_all(store: "Store", connection, window: int) -> None:
    """Every claim of the store again, from scratch, streamed: the claims are read in the
    grouper's order a day's worth at a time and each group becomes an event as it closes, so
    memory holds the open groups of the last weeks, not the store. Hand-coded events (an
    ACLED or UCDP file, a marsad export read back) stay as they were imported: they are never
    merged with machine-coded claims. Groups holding a claim an analyst's decision names are
    kept back and built last, together (a merge may join groups far apart)."""
    decisions = stored(store, connection)
    named = {i for d in decisions for i in (*d.claim_ids, *d.other_ids)}
    store.delete_events_but_of(connection, IMPORTED)
    connection.execute(schema.blocks.delete())
    machine = write_blocks(connection, (facts_of(c) for c in store.claims_streamed(
        connection, except_kind=IMPORTED) if eligible(c)))
    held: list[list[Claim]] = []
    ready: list[list[Claim]] = []
    events = waiting = 0
    for group in group_sorted(ordered_facts(store, connection), window, apart(decisions)):
        if any(c.id in named for c in group):
            held.append(group)
            continue
        ready.append(group)
        waiting += len(group)
        if waiting >= CLAIMS_PER_WRITE:
            events += _write_groups(store, connection, ready)
            ready, waiting = [], 0
    events += _write_groups(store, connection, ready)
    events += _write_groups(store, connection, apply_groups(held, decisions), decisions)
    store.mark_resolved(connection)
    _set_window(connection, window)
    log.info("resolved %d claims into %d events", machine, events)


def _write_groups(store: "Store", connection, groups: list[list[Claim]],
                  decisions: list[Decision] | None = None) -> int:
    """Groups -> events, written; only what is denied founds none (as in :func:`resolve`)."""
    groups = [g for g in groups if g and any(c.modality is not Modality.DENIED for c in g)]
    if not groups:
        return 0
    published = store.report_dates(connection, {c.report_id for g in groups for c in g})
    events = [build_event(g, published) for g in groups]
    if decisions:
        events = apply_reviews(events, decisions)
    store.insert_events(connection, events)
    return len(events)


def ordered_facts(store: "Store", connection, size: int = FACTS_PER_READ) -> Iterator[Facts]:
    """The facts of every claim with a row in ``resolve_blocks``, in the grouper's order
    (:func:`claim_order`), read a few thousand at a time: the rows are sorted by the last day
    each claim can mean (the order's first key), and each run of whole days is read and
    sorted by the rest."""
    table = schema.blocks
    query = sa.select(table.c.claim_id, table.c.span_last).order_by(
        table.c.span_last.is_(None), table.c.span_last, table.c.claim_id)
    result = connection.execute(query.execution_options(stream_results=True,
                                                        yield_per=size))
    ids: list[str] = []
    day = None
    for row in result:
        if row.span_last != day and len(ids) >= size:
            yield from _sorted_facts(store, connection, ids)
            ids = []
        day = row.span_last
        ids.append(row.claim_id)
    yield from _sorted_facts(store, connection, ids)


def _sorted_facts(store: "Store", connection, ids: list[str]) -> list[Facts]:
    if not ids:
        return []
    return sorted((facts_of(c) for c in store.claims(ids, connection=connection)),
                  key=claim_order)


def _window(connection) -> int | None:
    row = connection.execute(sa.select(schema.state.c.value).where(
        schema.state.c.name == "window")).first()
    return int(row.value) if row else None


def _set_window(connection, window: int) -> None:
    connection.execute(schema.state.delete().where(schema.state.c.name == "window"))
    connection.execute(schema.state.insert().values(name="window", value=str(window)))
