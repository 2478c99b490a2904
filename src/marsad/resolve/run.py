"""Resolving claims into events, in memory or for a whole store."""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Iterable, Mapping

from ..records import Claim, Event, Modality
from .decisions import Decision, apart, apply_groups, apply_reviews, stored
from .events import build_event
from .match import eligible
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


def _stored_events(store: "Store", connection) -> list[Event]:
    import sqlalchemy as sa

    from ..store import schema

    rows = connection.execute(sa.select(schema.events.c.record)).all()
    return [Event.model_validate(r.record) for r in rows]


def resolve_store(store: "Store", window: int = 1) -> int:
    """Resolve every claim of a store again, keeping analysts' decisions; one transaction.
    Returns the number of events."""
    with store.transaction() as connection:
        claims = store.claims(connection=connection)
        kinds = store.report_kinds(connection)
        imported = {c.id for c in claims if kinds.get(c.report_id) == IMPORTED}
        # hand-coded events (an ACLED or UCDP file, a marsad export read back) stay as they
        # were imported: they are never merged with machine-coded claims
        kept = [e for e in _stored_events(store, connection)
                if e.claim_ids and set(e.claim_ids) <= imported]
        events = resolve([c for c in claims if c.id not in imported], window,
                         decisions=stored(store, connection),
                         published=store.report_dates(connection=connection))
        store.replace_events(connection, events + kept)
    log.info("resolved %d claims into %d events (%d imported kept)", len(claims), len(events),
             len(kept))
    return len(events) + len(kept)
