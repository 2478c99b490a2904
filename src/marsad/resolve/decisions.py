"""Analyst decisions on events: merge, split, review, correct a field.

The machine proposes events; an analyst can overrule it, and every later machine run keeps the
analyst's word. Decisions are stored (table ``resolve_decisions``, one row each, never
updated) with who made them and when, and name *claims*, not events: event ids follow their
claims, so a decision still finds its event after new reports arrive and the store is resolved
again.

Library API (each function takes the :class:`~marsad.store.Store`, records the decision,
resolves the events of its claims again and returns the resulting records; ``who`` is required, ``clock``
is optional and defaults to UTC now)::

    merge(store, ["3fa2c1d9", "77e0b2aa"], who="lina")           -> Event   (the merged event)
    split(store, "3fa2c1d9", ["c1", "c2"], who="lina")           -> list[Event]  (kept, new)
    review(store, "3fa2c1d9", who="lina", note="checked video")  -> Event   (status reviewed)
    correct(store, "3fa2c1d9", "fatalities_best", 12, who="lina") -> Event  (field pinned)
    history(store, "3fa2c1d9")                                    -> list[Decision]
    reviewed_fields(store, "3fa2c1d9")                            -> dict[str, object]

Event ids may be unique prefixes, as ``marsad events`` prints them. Errors are
:class:`~marsad.errors.DecisionError` (bad request: says what to do) and
:class:`~marsad.errors.NotFound`.

How decisions act on a run (:func:`apply_groups`, :func:`apply_reviews`), in the order they
were made, so a later decision overrides an earlier one:

- ``merge``: the groups holding any of the decision's claims become one group.
- ``split``: the claims taken out leave the group they share with the event's other claims and
  form one new group; while grouping, the machine never puts them back together.
- ``review``: the event holding the decision's claims gets status ``reviewed``.
- ``correct``: that event gets the analyst's value for the field (one of
  :data:`CORRECTABLE`), whatever the machine computes; the note says who set it.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

import sqlalchemy as sa
from pydantic import JsonValue
from sqlalchemy.engine import Connection

from ..errors import MarsadError, NotFound
from ..records import Claim, Event, EventStatus, Record, content_id
from . import schema

if TYPE_CHECKING:
    from ..store import Store

class DecisionError(MarsadError):
    """An analyst decision that cannot be made as asked (the message says what to do)."""

    code = "M600"


CORRECTABLE = ("event_type", "sub_event_type", "actor1", "actor2", "fatalities_low",
               "fatalities_best", "fatalities_high", "civilian_targeting", "date", "notes",
               "victims", "geocode")


class DecisionKind(str, Enum):
    MERGE = "merge"
    SPLIT = "split"
    REVIEW = "review"
    CORRECT = "correct"


class Decision(Record):
    """One analyst decision. ``claim_ids``: merge -> every claim of the merged events; split ->
    the claims taken out; review/correct -> the event's claims. ``other_ids``: split -> the
    claims left behind."""

    id: str
    kind: DecisionKind
    claim_ids: tuple[str, ...]
    other_ids: tuple[str, ...] = ()
    event_ids: tuple[str, ...] = ()  # the events as the analyst saw them
    field: str = ""
    value: JsonValue = None
    who: str
    at: dt.datetime
    note: str = ""


Clock = Callable[[], dt.datetime]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


def _decision(kind: DecisionKind, who: str, clock: Clock | None, **fields) -> Decision:
    if not who.strip():
        raise DecisionError("say who makes this decision (--who NAME, or MARSAD_ANALYST)")
    at = (clock or _now)()
    ident = content_id(kind.value, who, at, fields)
    return Decision(id=ident, kind=kind, who=who, at=at, **fields)


# -- the store-level API ---------------------------------------------------------------------------


def merge(store: "Store", event_ids: Sequence[str], *, who: str, note: str = "",
          clock: Clock | None = None) -> Event:
    """Merge two or more events into one."""
    events = [store.event(e) for e in event_ids]
    if len({e.id for e in events}) < 2:
        raise DecisionError("merge needs two different events; list them with `marsad events`")
    claims = tuple(sorted({c for e in events for c in e.claim_ids}))
    decision = _decision(DecisionKind.MERGE, who, clock, claim_ids=claims, note=note,
                         event_ids=tuple(e.id for e in events))
    return _event_holding(_record(store, decision), claims)


def split(store: "Store", event_id: str, claim_ids: Sequence[str], *, who: str, note: str = "",
          clock: Clock | None = None) -> list[Event]:
    """Take claims out of an event; they become an event of their own. Returns [kept, new]."""
    event = store.event(event_id)
    moved = tuple(sorted(_claims_of(event, claim_ids)))
    others = tuple(c for c in event.claim_ids if c not in moved)
    if not others:
        raise DecisionError(f"event {event.id[:8]} has no other claims: nothing to split it "
                            "from; name fewer claims")
    decision = _decision(DecisionKind.SPLIT, who, clock, claim_ids=moved, other_ids=others,
                         event_ids=(event.id,), note=note)
    events = _record(store, decision)
    return [_event_holding(events, others), _event_holding(events, moved)]


def review(store: "Store", event_id: str, *, who: str, note: str = "",
           clock: Clock | None = None) -> Event:
    """Mark an event reviewed: an analyst confirmed it."""
    event = store.event(event_id)
    decision = _decision(DecisionKind.REVIEW, who, clock, claim_ids=event.claim_ids,
                         event_ids=(event.id,), note=note)
    return _event_holding(_record(store, decision), event.claim_ids)


def correct(store: "Store", event_id: str, field: str, value: JsonValue, *, who: str,
            note: str = "", clock: Clock | None = None) -> Event:
    """Set a field of an event; machine runs never overwrite it."""
    event = store.event(event_id)
    _check_correction(event, field, value)
    decision = _decision(DecisionKind.CORRECT, who, clock, claim_ids=event.claim_ids,
                         event_ids=(event.id,), field=field, value=value, note=note)
    return _event_holding(_record(store, decision), event.claim_ids)


def stored(store: "Store", connection: Connection | None = None) -> list[Decision]:
    """Every decision in the store, oldest first."""
    table = schema.decisions
    query = sa.select(table.c.record).order_by(table.c.at, table.c.id)
    if connection is not None:
        rows = connection.execute(query).all()
    else:
        with store.engine.connect() as conn:
            rows = conn.execute(query).all()
    return [Decision.model_validate(row.record) for row in rows]


def add(connection: Connection, decision: Decision) -> None:
    """Append a decision (in the caller's transaction)."""
    connection.execute(schema.decisions.insert().values(
        id=decision.id, kind=decision.kind.value, who=decision.who, at=decision.at,
        record=decision.model_dump(mode="json")))


def history(store: "Store", event_id: str | None = None) -> list[Decision]:
    """Every decision, oldest first; with an event, those that touch its claims."""
    decisions = stored(store)
    if event_id is None:
        return decisions
    claims = set(store.event(event_id).claim_ids)
    return [d for d in decisions if claims & set(d.claim_ids + d.other_ids)]


def reviewed_fields(store: "Store", event_id: str) -> dict[str, JsonValue]:
    """The fields an analyst set on this event, with their values (the latest word wins)."""
    event = store.event(event_id)
    found: dict[str, JsonValue] = {}
    for decision in history(store, event.id):
        if decision.kind is DecisionKind.CORRECT and _target(decision, [event]) is event:
            found[decision.field] = decision.value
    return found


def _record(store: "Store", decision: Decision) -> list[Event]:
    from .run import resolve_store

    with store.transaction() as connection:
        add(connection, decision)
        # the events of the decision's claims are built again (with the window in use)
        store.mark_unresolved(connection, decision.claim_ids + decision.other_ids)
    resolve_store(store)
    return store.events()


def _claims_of(event: Event, claim_ids: Sequence[str]) -> set[str]:
    """Claim ids (or unique prefixes) that belong to the event."""
    found = set()
    for wanted in claim_ids:
        matches = [c for c in event.claim_ids if c.startswith(wanted)]
        if len(matches) != 1:
            raise DecisionError(f"claim {wanted!r} is {'ambiguous' if matches else 'not'} in "
                                f"event {event.id[:8]}; see its claims with `marsad show "
                                f"{event.id[:8]}`")
        found.add(matches[0])
    if not found:
        raise DecisionError("name the claims to split off with --claim CLAIM_ID")
    return found


def _event_holding(events: Iterable[Event], claim_ids: Sequence[str]) -> Event:
    wanted = set(claim_ids)
    best = max(events, key=lambda e: (len(wanted & set(e.claim_ids)), e.id), default=None)
    if best is None or not wanted & set(best.claim_ids):
        raise NotFound("the decision's claims are in no event any more; run `marsad events`")
    return best


def _check_correction(event: Event, field: str, value: JsonValue) -> None:
    if field not in CORRECTABLE:
        raise DecisionError(f"cannot correct {field!r}; correctable fields: "
                            f"{', '.join(CORRECTABLE)}")
    try:
        Event.model_validate({**event.model_dump(mode="json"), field: value})
    except ValueError as exc:
        raise DecisionError(f"{value!r} is not a valid {field}: {exc}") from None


# -- applying decisions to a run ---------------------------------------------------------------


def ordered(decisions: Iterable[Decision]) -> list[Decision]:
    return sorted(decisions, key=lambda d: (d.at, d.id))


def apart(decisions: Iterable[Decision]) -> dict[str, frozenset[str]]:
    """Claims an analyst split apart, for the grouper never to put back together."""
    pairs: dict[str, set[str]] = {}
    for decision in decisions:
        if decision.kind is DecisionKind.SPLIT:
            for claim in decision.claim_ids:
                pairs.setdefault(claim, set()).update(decision.other_ids)
    return {claim: frozenset(others) for claim, others in pairs.items()}


def apply_groups(groups: Iterable[list[Claim]],
                 decisions: Iterable[Decision]) -> list[list[Claim]]:
    """Merges and splits, in the order they were made."""
    current = [list(g) for g in groups]
    for decision in ordered(decisions):
        if decision.kind is DecisionKind.MERGE:
            current = _merge_groups(current, set(decision.claim_ids))
        elif decision.kind is DecisionKind.SPLIT:
            current = _split_groups(current, set(decision.claim_ids), set(decision.other_ids))
    return current


def _merge_groups(groups: list[list[Claim]], claims: set[str]) -> list[list[Claim]]:
    hit = [g for g in groups if any(c.id in claims for c in g)]
    if len(hit) < 2:
        return groups
    rest = [g for g in groups if not any(c.id in claims for c in g)]
    return rest + [[c for g in hit for c in g]]


def _split_groups(groups: list[list[Claim]], moved: set[str],
                  others: set[str]) -> list[list[Claim]]:
    result = []
    for group in groups:
        ids = {c.id for c in group}
        if ids & moved and ids & others:
            result.append([c for c in group if c.id not in moved])
            result.append([c for c in group if c.id in moved])
        else:
            result.append(group)
    return result


def apply_reviews(events: list[Event], decisions: Iterable[Decision]) -> list[Event]:
    """Reviews and corrections, in the order they were made, on the events they name."""
    by_id = {e.id: e for e in events}
    for decision in ordered(decisions):
        if decision.kind not in (DecisionKind.REVIEW, DecisionKind.CORRECT):
            continue
        target = _target(decision, by_id.values())
        if target is not None:
            by_id[target.id] = _applied(target, decision)
    return [by_id[e.id] for e in events]


def _target(decision: Decision, events: Iterable[Event]) -> Event | None:
    """The event holding most of the decision's claims (the smallest claim breaks ties)."""
    wanted = set(decision.claim_ids)
    anchor = min(wanted)
    scored = [(len(wanted & set(e.claim_ids)), anchor in e.claim_ids, e.id, e) for e in events]
    scored = [s for s in scored if s[0]]
    return max(scored, key=lambda s: s[:3])[3] if scored else None


def _applied(event: Event, decision: Decision) -> Event:
    if decision.kind is DecisionKind.REVIEW:
        return event.model_copy(update={"status": EventStatus.REVIEWED})
    record = {**event.model_dump(mode="json"), decision.field: decision.value}
    mark = f"{decision.field} set by {decision.who} on {decision.at:%Y-%m-%d}"
    if decision.field != "notes":
        record["notes"] = "; ".join(p for p in (event.notes, mark) if p)
    return Event.model_validate(record)
