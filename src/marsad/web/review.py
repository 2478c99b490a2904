"""Review actions (confirm, correct a field, merge, split, reject) behind one small interface.

The web app records every action in its audit log (who, when, what) and hands the decision to
a :class:`Reviewer`. The reviewer that keeps decisions across machine runs is the resolve
stage's (``marsad.resolve.decisions``); :func:`open_reviewer` wires it when it is installed.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Protocol

from ..store import Store

log = logging.getLogger(__name__)

ACTIONS = ("confirm", "correct", "merge", "split", "reject")
# Event fields an analyst may correct, as the form and the API name them.
# (The decisions library also takes ``geocode``; a place is corrected through the CLI.)
CORRECTABLE = ("event_type", "sub_event_type", "date", "actor1", "actor2", "fatalities_low",
               "fatalities_best", "fatalities_high", "civilian_targeting", "victims", "notes")


@dataclass(frozen=True)
class ReviewAction:
    action: str  # one of ACTIONS
    event_ids: tuple[str, ...]  # one event; two or more for merge
    user: str
    at: dt.datetime
    field: str = ""  # correct
    value: str = ""  # correct
    claim_ids: tuple[str, ...] = ()  # split: the claims that become a new event
    note: str = ""


@dataclass(frozen=True)
class ReviewResult:
    event_ids: tuple[str, ...] = ()  # the events the action left (merged or split ids)
    message: str = ""
    extra: dict = field(default_factory=dict)


class Reviewer(Protocol):
    """What the web app needs from the decisions library."""

    def apply(self, action: ReviewAction) -> ReviewResult: ...

    def rejected(self) -> set[str]: ...


class Unavailable:
    """Stands in until the decisions library is installed: every action is refused, clearly."""

    def __init__(self, reason: str):
        self.reason = reason

    def apply(self, action: ReviewAction) -> ReviewResult:
        from .errors import WebError

        error = WebError(f"review actions are not available: {self.reason}")
        error.status = 503
        raise error

    def rejected(self) -> set[str]:
        return set()


def open_reviewer(store: Store) -> Reviewer:
    """The decisions library's reviewer on this store, or :class:`Unavailable`."""
    try:
        from ..resolve import decisions  # noqa: F401
    except ImportError:
        log.warning("marsad.resolve.decisions is not installed; review actions are disabled")
        return Unavailable("marsad.resolve.decisions is not installed in this version")
    from .decisions_adapter import DecisionsReviewer

    return DecisionsReviewer(store)
