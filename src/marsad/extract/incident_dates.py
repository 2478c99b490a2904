"""The date each incident takes: its own, the story's day, the report's, or a toll update's week.

:class:`IncidentDating` is a part of :class:`marsad.extract.claims.ReportReader`, used by
:class:`marsad.extract.incidents.IncidentAssembly`; it keeps the story's last date there."""

from __future__ import annotations

import datetime as dt

from ..records import EventDate
from .grammar import Incident, _root
from .lexicon import TriggerHit
from .sentence import SentenceFacts


class IncidentDating:
    """A part of :class:`marsad.extract.claims.ReportReader`: its state lives there."""

    def _note_reference_dates(self, references: list[TriggerHit], facts: SentenceFacts) -> None:
        """"the toll from Sunday's attack": the story is about Sunday, whatever else it says."""
        for hit in references:
            if hit.sub_event_type == "Agreement":
                continue  # "the truce that came into effect April 2": its day, not the story's
            token = _root(self.doc, hit)
            own = [d for d in facts.dates if token.left_edge.i <= d.start < token.right_edge.i + 1]
            if own and not own[0].date.background:
                self.last_date = own[0].date

    def _update_date(self) -> EventDate:
        """A toll update with no date of its own: some day in the week before the report."""
        if self.last_date is not None and not self.last_date.background:
            return self.last_date
        if self.base is None:
            return EventDate(date=None, precision=3)
        return EventDate(date=self.base, precision=2, start=self.base - dt.timedelta(days=6),
                         end=self.base, text="(toll update)")

    def _story_day(self) -> EventDate | None:
        """The day of the incident the story told last, when it gave one."""
        last = self.last_date
        if last is None or last.background or last.precision > 1 or last.date is None:
            return None
        return last

    def _date(self, incident: Incident, facts: SentenceFacts) -> EventDate:
        story = self._story_day()
        if incident.date is not None and incident.date.speech and story is not None \
                and incident.date.date.date is not None and incident.date.date.date > story.date:
            # "the army spokesman said Thursday that the strike targeted rebels": the day it
            # spoke, after the story's incident; the strike is that one, told before
            return story
        if incident.date is not None:
            date = incident.date.date
            since = self.doc[incident.date.start - 1].lower_ == "since" if incident.date.start else False
            if since and self.base and date.date and not date.background:
                return EventDate(date=self.base, precision=1, start=date.date, end=self.base,
                                 text=f"since {date.text}")
            return date
        if self.last_date is not None:
            inherited = self.last_date
            main = incident.main if incident.triggers else None
            cues = [c for c in facts.toll_cues if main is None
                    or not _in_other_clause(self.doc, c[0], main.start, main.end)]
            if cues and not inherited.background:
                # "the SDF have since seized...": a summary of the period, not one incident
                return inherited.model_copy(update={"background": True})
            return inherited
        if self.base is not None:
            return EventDate(date=self.base, precision=2, text="(date of the report)")
        return EventDate(date=None, precision=3, text="")


def _in_other_clause(doc, item: int, start: int, end: int) -> bool:
    """The token at `item` lies in a reduced relative clause ("the men killed last year") that
    does not hold the trigger at `start`:`end`. (A relative clause on the doers, "the gunmen
    who operated for three hours on Tuesday", tells the incident's own time.)"""
    for token in doc[item].ancestors:
        if token.dep_ == "relcl":
            return False
        if token.dep_ == "acl":
            # (a clause on the trigger itself is its own: "a sit-in launched Sunday")
            return not (token.left_edge.i <= start <= token.right_edge.i
                        or start <= token.head.i < end)
    return False
