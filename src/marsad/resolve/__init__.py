"""Resolve: claims -> events.

Claims that tell the same incident (same event type, dates within the merge window, the same
place or one inside the other, compatible actors) become one event; every claim keeps its own
figures and source, and the event's figures are reconciled into low / best / high.
Background claims (history told for context) and planned or threatened actions are kept as
claims but make no event.
"""

from __future__ import annotations

from .merge import resolve

__all__ = ["resolve"]
