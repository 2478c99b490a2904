"""Who holds which place, as a timeline per place, by whose claim.

Control claims are grouped by place (the same place, not one inside another: "Al-Senaa" and
"Raqqa" are two lines). Within a place, claims are ordered by date; consecutive claims naming
the same holder make one period, which lasts until a claim names another holder. Every period
keeps the claims behind it, with their sources and the share held where given.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from ..records import Control
from .sites import site_for


@dataclass(frozen=True)
class ControlPeriod:
    holder: str
    since: dt.date | None
    until: dt.date | None  # the date another holder is first claimed; None = still holds
    share: float | None  # the latest share given for this holder in this period
    claims: tuple[Control, ...]

    @property
    def claimed_by(self) -> tuple[str, ...]:
        return tuple(sorted({c.claimed_by or c.outlet or "unattributed" for c in self.claims}))


@dataclass(frozen=True)
class ControlLine:
    place: str  # display name: "Al-Senaa (Al-Sinaa)"
    key: str
    periods: tuple[ControlPeriod, ...]

    @property
    def holder(self) -> str:
        return self.periods[-1].holder


def _key(control: Control) -> str:
    site = site_for(control.place, control.geocode)
    return f"{site.root}/{site.sub}"


def _name(control: Control) -> str:
    place = control.geocode.place if control.geocode and control.geocode.place else None
    mention = control.place.mention
    if place is None or place.name == mention:
        return mention
    return f"{mention} ({place.name})"


def _order(control: Control) -> tuple:
    return (control.date.date or dt.date.min, control.holder, control.id)


def timelines(controls: Iterable[Control], place: str | None = None) -> list[ControlLine]:
    """A timeline per place, sorted by place name; ``place`` keeps the places whose names
    contain it (case-insensitive)."""
    by_place: dict[str, list[Control]] = {}
    for control in controls:
        by_place.setdefault(_key(control), []).append(control)
    lines = []
    for key, claims in by_place.items():
        claims.sort(key=_order)
        names = sorted({_name(c) for c in claims})
        if place and not any(place.casefold() in n.casefold() for n in names):
            continue
        lines.append(ControlLine(place=" / ".join(names), key=key, periods=_periods(claims)))
    return sorted(lines, key=lambda line: (line.place.casefold(), line.key))


def _periods(claims: list[Control]) -> tuple[ControlPeriod, ...]:
    runs: list[list[Control]] = []
    for claim in claims:
        if runs and runs[-1][-1].holder == claim.holder:
            runs[-1].append(claim)
        else:
            runs.append([claim])
    periods = []
    for index, run in enumerate(runs):
        following = runs[index + 1][0].date.date if index + 1 < len(runs) else None
        shares = [c.share for c in run if c.share is not None]
        periods.append(ControlPeriod(holder=run[0].holder, since=run[0].date.date,
                                     until=following, share=shares[-1] if shares else None,
                                     claims=tuple(run)))
    return tuple(periods)
