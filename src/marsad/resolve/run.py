"""Resolving claims into events, in memory or for a whole store."""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Iterable, Mapping

from ..records import Claim, Event
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
    events = apply_reviews([build_event(g, published) for g in groups if g], decisions)
    return sorted(events, key=lambda e: (e.date.date or dt.date.max, e.id))


def resolve_store(store: "Store", window: int = 1) -> int:
    """Resolve every claim of a store again, keeping analysts' decisions; one transaction.
    Returns the number of events."""
    with store.transaction() as connection:
        claims = store.claims(connection=connection)
        events = resolve(claims, window, decisions=stored(store, connection),
                         published=store.report_dates(connection=connection))
        store.replace_events(connection, events)
    log.info("resolved %d claims into %d events", len(claims), len(events))
    return len(events)
