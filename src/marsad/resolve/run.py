"""Resolving claims into events, in memory or for a whole store."""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Iterable, Mapping

from ..records import Claim, Event, Modality
from . import schema
from .blocks import block_of
from .decisions import Decision, apart, apply_groups, apply_reviews, stored
from .events import build_event
from .incremental import resolve_unresolved, write_blocks
from .match import eligible, facts_of
from .merge import group_claims

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


def _stored_events(store: "Store", connection) -> list[Event]:
    import sqlalchemy as sa

    from ..store import schema

    rows = connection.execute(sa.select(schema.events.c.record)).all()
    return [Event.model_validate(r.record) for r in rows]


def resolve_store(store: "Store", window: int | None = None, *, full: bool = False) -> int:
    """Build the events of the claims not resolved yet, keeping analysts' decisions; one
    transaction. Only the blocks those claims can touch are resolved again (see
    :mod:`marsad.resolve.incremental`); ``full`` resolves every claim again, as does a window
    other than the one the store was resolved with (``None``: that one, else 1).
    Returns the number of events in the store."""
    from ..store.crash import crash_point

    with store.transaction() as connection:
        before = _window(connection)
        window = before if window is None and before is not None else (window or 1)
        pending = store.unresolved(connection)
        if full or before != window or _worth_all(store, connection, pending):
            _resolve_all(store, connection, window)
        elif pending:
            resolve_unresolved(store, connection, window, pending)
        crash_point("resolving")
    crash_point("resolved")
    return store.count("events")


def _worth_all(store: "Store", connection, pending: list[str]) -> bool:
    return len(pending) > ALL_AT_ONCE and 4 * len(pending) > store.count("claims", connection)


def _resolve_all(store: "Store", connection, window: int) -> None:
    """Every claim of the store again, from scratch."""
    claims = store.claims(connection=connection)
    kinds = store.report_kinds(connection)
    imported = {c.id for c in claims if kinds.get(c.report_id) == IMPORTED}
    # hand-coded events (an ACLED or UCDP file, a marsad export read back) stay as they
    # were imported: they are never merged with machine-coded claims
    kept = [e for e in _stored_events(store, connection)
            if e.claim_ids and set(e.claim_ids) <= imported]
    machine = [c for c in claims if c.id not in imported]
    events = resolve(machine, window, decisions=stored(store, connection),
                     published=store.report_dates(connection=connection))
    store.replace_events(connection, events + kept)
    connection.execute(schema.blocks.delete())
    write_blocks(connection, [block_of(facts_of(c)) for c in machine if eligible(c)])
    store.mark_resolved(connection)
    _set_window(connection, window)
    log.info("resolved %d claims into %d events (%d imported kept)", len(claims), len(events),
             len(kept))


def _window(connection) -> int | None:
    import sqlalchemy as sa

    row = connection.execute(sa.select(schema.state.c.value).where(
        schema.state.c.name == "window")).first()
    return int(row.value) if row else None


def _set_window(connection, window: int) -> None:
    connection.execute(schema.state.delete().where(schema.state.c.name == "window"))
    connection.execute(schema.state.insert().values(name="window", value=str(window)))
