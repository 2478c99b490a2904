"""When two claims can tell the same incident: type, dates, place and actors.

Each claim is read once into :class:`Facts` (its date span, site and actors); the tests between
two claims then compare those facts and nothing else.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from ..records import Claim, EventDate, Modality
from .sites import Site, site_of, sites_fit

NO_EVENT = frozenset({Modality.PLANNED, Modality.THREATENED})
TERRITORY = frozenset({"Government regains territory", "Non-state actor overtakes territory"})
# Battles whose two sides may be told in either order ("IS fought the SDF" / "the SDF fought IS"),
# and agreements ("a truce between Israel and Islamic Jihad" / "Islamic Jihad and Israel agreed").
SYMMETRIC_TYPES = frozenset({"Battles"})
SYMMETRIC_SUB_TYPES = frozenset({"Agreement"})
UNDATED = (dt.date.max, dt.date.max)
# Most specific first: a territory change told with the fighting around it is a territory
# change; a suicide bombing told as an attack is a suicide bombing; gas dropped in an air raid
# is a chemical attack.
SPECIFICITY = ("Government regains territory", "Non-state actor overtakes territory",
               "Chemical weapon", "Suicide bomb", "Remote explosive/landmine/IED",
               "Air/drone strike", "Shelling/artillery/missile attack", "Grenade", "Armed clash")


def specificity(sub_event_type: str) -> int:
    if sub_event_type in SPECIFICITY:
        return len(SPECIFICITY) - SPECIFICITY.index(sub_event_type)
    return 0


@dataclass(frozen=True, slots=True)
class Facts:
    """What merging compares, read once from a claim."""

    claim: Claim
    span: tuple[dt.date, dt.date]  # first and last day the claim can mean
    site: Site
    territory: bool
    own_day: bool = False  # its sentence writes its day as the incident's (see _own_day)
    spoken_day: bool = False  # its only day is the day someone said it (see _spoken_day)

    @property
    def id(self) -> str:
        return self.claim.id


def eligible(claim: Claim) -> bool:
    """Background history and planned or threatened actions make no event."""
    return not claim.date.background and claim.modality not in NO_EVENT


def facts_of(claim: Claim) -> Facts:
    return Facts(claim=claim, span=span_of(claim.date), site=site_of(claim),
                 territory=claim.sub_event_type in TERRITORY, own_day=_own_day(claim),
                 spoken_day=_spoken_day(claim))


def span_of(date: EventDate) -> tuple[dt.date, dt.date]:
    """The days a date can mean: a stated range, a day, or the week, month or year around it."""
    if date.start is not None or date.end is not None:
        start = date.start or date.end
        end = date.end or _period_end(start, date.precision)
        return (min(start, end), max(start, end))
    if date.date is None:
        return UNDATED
    if date.precision == 1:
        return (date.date, date.date)
    return _period_around(date.date, date.precision)


def _period_end(start: dt.date, precision: int) -> dt.date:
    if precision == 2:
        return start + dt.timedelta(days=6)
    if precision == 3:
        return start.replace(day=calendar.monthrange(start.year, start.month)[1])
    if precision == 4:
        return start.replace(month=12, day=31)
    return start


def _period_around(day: dt.date, precision: int) -> tuple[dt.date, dt.date]:
    if precision == 2:
        return day - dt.timedelta(days=3), day + dt.timedelta(days=3)
    first = day.replace(day=1) if precision == 3 else day.replace(month=1, day=1)
    return first, _period_end(first, precision)


def spans_fit(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date], window: int) -> bool:
    """The spans overlap once each is widened by the merge window."""
    if a == UNDATED or b == UNDATED:
        return a == b  # undated claims only merge with each other
    slack = dt.timedelta(days=window)
    return a[0] - slack <= b[1] and b[0] - slack <= a[1]


def known(actor: str) -> bool:
    return bool(actor) and not actor.startswith("Unidentified")


def _same(a: str, b: str) -> bool:
    return not known(a) or not known(b) or a == b


def actors_fit(a: Facts, b: Facts) -> bool:
    """Same sides, or a side unknown; a capture and a retaking (different actor1) never fit."""
    left, right = a.claim, b.claim
    if _same(left.actor1, right.actor1) and _same(left.actor2, right.actor2):
        return True
    if a.territory and b.territory:
        return False
    if left.report_id == right.report_id and _same(left.actor1, right.actor1):
        # one story, one place, one day, one doer: the same incident, whoever it names as
        # hit in each sentence ("civilians" in one, "a police station" in the next)
        return True
    if left.event_type not in SYMMETRIC_TYPES and left.sub_event_type not in SYMMETRIC_SUB_TYPES:
        return False
    return _same(left.actor1, right.actor2) and _same(left.actor2, right.actor1)


# Means of attack no report confuses with each other: one story's air strike and its shelling
# of the same town that day are two events (ACLED codes one event per sub-event type)
DISTINCT_MEANS = frozenset({"Air/drone strike", "Shelling/artillery/missile attack"})


def means_fit(a: Facts, b: Facts) -> bool:
    left, right = a.claim.sub_event_type, b.claim.sub_event_type
    return left == right or a.claim.report_id != b.claim.report_id \
        or not (left in DISTINCT_MEANS and right in DISTINCT_MEANS)


def days_fit(a: Facts, b: Facts) -> bool:
    """Two sentences of one story that each name their own day, and not the same one, tell
    two incidents ("strikes on Monday", "the air raids a day before")."""
    left, right = a.claim, b.claim
    if left.report_id != right.report_id or a.span == b.span \
            or left.date.precision != 1 or right.date.precision != 1:
        return True
    return not (a.own_day and b.own_day)


def _day_in_sentence(claim: Claim) -> tuple[list[str], str] | None:
    """Where the claim's sentence writes its day: the two words before it and what follows
    it; None where the sentence does not write it (a day carried from before, the report's)."""
    text, evidence = claim.date.text.lower(), claim.evidence.text.lower()
    if not text or text.startswith("(") or text not in evidence:
        return None
    at = evidence.index(text)
    before = [word.strip(",") for word in evidence[:at].split()[-2:]]
    return before, evidence[at + len(text):].lstrip()


def _own_day(claim: Claim) -> bool:
    """The claim's day is written in its own sentence, and not as the day someone spoke or
    someone died ("the army said late Tuesday", "a boy died on Sunday after the shelling")."""
    found = _day_in_sentence(claim)
    if found is None or claim.date.start is not None or claim.date.end is not None:
        return False  # (nor is a period: "the past 48 hours", "since Tuesday")
    before, after = found
    if after.startswith("("):
        return False  # a wire dateline's day ("Bamako, Nov 3 (AFP)"): the day it was filed
    return not any(word in NOT_THE_DAY_OF_IT for word in before)


def _spoken_day(claim: Claim) -> bool:
    """The claim's only day is the day someone said it ("the spokesman said Thursday that")."""
    found = _day_in_sentence(claim)
    return found is not None and any(word in SPEECH_WORDS for word in found[0])


SPEECH_WORDS = frozenset({"said", "says", "told", "reported", "announced", "added", "stated",
                          "confirmed", "tweeted", "wrote"})
# words after which a day is when something else happened than the incident
NOT_THE_DAY_OF_IT = SPEECH_WORDS | {"died", "which", "that", "statement", "statements"}


def same_incident(a: Facts, b: Facts, window: int = 1) -> bool:
    return (a.claim.event_type == b.claim.event_type and dates_fit(a, b, window)
            and sites_fit(a.site, b.site) and actors_fit(a, b) and means_fit(a, b)
            and days_fit(a, b))


def dates_fit(a: Facts, b: Facts, window: int) -> bool:
    """The spans fit; and in one story, a claim dated only by the day its speaker spoke ("the
    army said Thursday that the strike targeted rebels") fits the story's incident of the
    days before."""
    if spans_fit(a.span, b.span, window):
        return True
    if a.claim.report_id != b.claim.report_id or UNDATED in (a.span, b.span):
        return False
    for late, early in ((a, b), (b, a)):
        if late.spoken_day and early.span[1] <= late.span[1] \
                and (late.span[0] - early.span[1]).days <= SPOKEN_REACH:
            return True
    return False


SPOKEN_REACH = 6  # days a statement may come after the incident it speaks of
