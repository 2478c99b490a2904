"""The review actions on the resolve stage's decisions library (``marsad.resolve.decisions``).

Confirm, correct, merge and split are analyst decisions there: stored with who and when, named
by claims, and kept by every later machine run. Reject is the web app's own: it is kept in the
audit log by the event's claims, so a rejected incident stays rejected when new reports arrive
and its id changes.
"""

from __future__ import annotations

import json

import sqlalchemy as sa

from ..records import Event
from ..resolve import decisions
from ..store import Store
from . import schema
from .errors import BadRequest
from .review import ReviewAction, ReviewResult

INTEGER_FIELDS = {"fatalities_low", "fatalities_best", "fatalities_high"}
JSON_FIELDS = {"victims", "geocode"}


def field_value(field: str, text: str):
    """A form's text as the JSON value the decisions library checks against the Event record."""
    text = text.strip()
    if field in INTEGER_FIELDS:
        if not text:
            return None
        try:
            return int(text)
        except ValueError:
            raise BadRequest(f"value: {field} takes a whole number, not {text[:40]!r}") from None
    if field == "civilian_targeting":
        if text.lower() not in {"true", "false", "yes", "no", "1", "0"}:
            raise BadRequest("value: civilian_targeting takes yes or no")
        return text.lower() in {"true", "yes", "1"}
    if field in JSON_FIELDS:
        try:
            return json.loads(text)
        except ValueError:
            raise BadRequest(f"value: {field} takes a JSON object") from None
    if field == "date":
        return {"date": text, "precision": 1} if text else None
    return text


class DecisionsReviewer:
    """:class:`~marsad.web.review.Reviewer` over the decisions library and the audit log."""

    correctable = decisions.CORRECTABLE

    def __init__(self, store: Store):
        self.store = store

    def apply(self, action: ReviewAction) -> ReviewResult:
        # microseconds kept: decisions apply in time order, and two can come within a second
        who, note, clock = action.user, action.note, (lambda: action.at)
        first = action.event_ids[0]
        if action.action == "confirm":
            event = decisions.review(self.store, first, who=who, note=note, clock=clock)
            return ReviewResult((event.id,), f"event {event.id[:8]} confirmed")
        if action.action == "correct":
            if action.field not in decisions.CORRECTABLE:
                raise BadRequest(f"field: choose one of {', '.join(decisions.CORRECTABLE)}")
            value = field_value(action.field, action.value)
            if action.field == "date":
                value = self._date(first, value)
            event = decisions.correct(self.store, first, action.field, value, who=who,
                                      note=note, clock=clock)
            return ReviewResult((event.id,), f"{action.field} of event {event.id[:8]} set")
        if action.action == "merge":
            event = decisions.merge(self.store, list(action.event_ids), who=who, note=note,
                                    clock=clock)
            return ReviewResult((event.id,), f"merged into event {event.id[:8]}")
        if action.action == "split":
            kept, new = decisions.split(self.store, first, list(action.claim_ids), who=who,
                                        note=note, clock=clock)
            return ReviewResult((kept.id, new.id), f"split into {kept.id[:8]} and {new.id[:8]}")
        if action.action == "reject":
            event = self.store.event(first)
            return ReviewResult((), f"event {event.id[:8]} rejected",
                                extra={"claims": list(event.claim_ids)})
        raise BadRequest(f"action: {action.action!r} is not a review action")

    def _date(self, event_id: str, value):
        """A corrected date keeps the rest of the event's date record."""
        if value is None:
            raise BadRequest("value: give the date as YYYY-MM-DD")
        event: Event = self.store.event(event_id)
        return {**event.date.model_dump(mode="json"), "date": value["date"], "precision": 1,
                "start": None, "end": None}

    def rejected(self) -> set[str]:
        """Events all of whose claims an editor rejected."""
        query = sa.select(schema.audit.c.detail).where(schema.audit.c.action == "reject")
        with self.store.engine.connect() as conn:
            rows = conn.execute(query).all()
        claims = {c for row in rows for c in (row.detail or {}).get("claims", [])}
        if not claims:
            return set()
        return {e.id for e in self.store.events() if e.claim_ids and set(e.claim_ids) <= claims}
