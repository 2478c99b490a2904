"""Resolve: claims -> events, figures reconciled, analysts' decisions kept; tolls and control.

Claims that tell the same incident (same event type, dates overlapping within their precision
and the merge window, the same place or one inside the other, compatible actors) become one
event; every claim keeps its own figures and source, and the event's figures are reconciled
into low / best / high (rules in :mod:`marsad.resolve.figures`). Background claims (history
told for context) and planned or threatened actions make no event: they stay claims.

Resolution is a function of the set of claims and decisions: input order and batching change
nothing, running it twice changes nothing, and an event's id is named after its smallest
claim id, so events that did not change keep their ids (:mod:`marsad.resolve.merge`).

In a store it is incremental: the store names the claims not resolved yet (new, changed or
removed ones, and those an analyst's decision names), and only the blocks they can touch — the
claims linked to them by event type, region, dates and place (:mod:`marsad.resolve.blocks`) —
are resolved again and their events rewritten (:mod:`marsad.resolve.incremental`); the events
are always those of a resolution from scratch.

Public surface::

    resolve(claims, window=1, decisions=(), published=None) -> list[Event]
    resolve_store(store, window=None, full=False) -> int     # the pipeline's resolver
    group_sorted(facts, window) / build_event(group)         # streaming, for large archives
    decisions.merge / split / review / correct / history / reviewed_fields   # analysts
    tolls.timelines(tolls, events) -> list[TollLine]         # `marsad tolls`
    control.timelines(controls) -> list[ControlLine]         # `marsad control`
"""

from __future__ import annotations

from . import decisions
from .decisions import Decision, DecisionError, DecisionKind
from .events import build_event, event_id
from .match import Facts, eligible, facts_of, same_incident
from .merge import claim_order, group_claims, group_sorted
from .run import resolve, resolve_store

__all__ = ["Decision", "DecisionError", "DecisionKind", "Facts", "build_event", "claim_order",
           "decisions", "eligible", "event_id", "facts_of", "group_claims", "group_sorted",
           "resolve", "resolve_store", "same_incident"]
