"""Tolls: sentences whose figures are cumulative over a period (since, so far, a month's report,
the day's bulletin, "N days of"), read as Toll records and never as events."""

from __future__ import annotations

import datetime as dt
import re
from itertools import islice
from typing import TYPE_CHECKING

from ..records import CountQualifier, Toll, content_id
from .attribution import Speaker
from .sentence import DateMention, Figure, SentenceFacts

if TYPE_CHECKING:
    pass

from .figures import LIFE_TAKERS

# so many incidents counted make a tally ("99 attacks were recorded"), not one incident
TALLY = 10
# what kills over a period, not in one incident ("the war has killed", "violence that has
# claimed hundreds of lives")
PERIOD_NOUNS = frozenset({"war", "conflict", "violence", "insurgency", "unrest", "crisis",
                          "fighting", "campaign", "offensive", "surge", "wave", "rebellion",
                          "uprising", "crackdown", "siege"})
from .grammar import _evidence


class TollReading:
    """A part of :class:`marsad.extract.claims.ReportReader`: its state lives there."""

    def _is_toll_sentence(self, facts: SentenceFacts, toll_before: bool = False) -> bool:
        """Figures over a period ("since June 6", "so far this year", "in the past week"), or
        going on with the figures of the sentence before ("A further 76 were killed")."""
        if not facts.figures and not re.search(r"\btoll\b", facts.sent.text, re.I) \
                and not self._property_counts(facts):
            return False
        specific = any(_tells_kind(h) for h in facts.triggers)
        if self._goes_on(facts, toll_before, specific):
            return True
        periods = [(s, e) for s, e in facts.toll_cues
                   if (self.doc[s:e].text.lower() != "since" or self._since_date(facts, s)
                       or self._since_event(s))
                   # "shelling killed three over the past 48 hours" is an incident told over
                   # a period; "25 were killed in the past 24 hours" is the day's bulletin
                   and not (specific and "hours" in self.doc[s:e].text.lower())]
        if not periods and not self._cumulative_perfect(facts) and self._month_of(facts) is None \
                and not self._counted_incidents(facts):
            return False
        return bool(facts.figures or self._toll_numbers(facts))

    def _counted_incidents(self, facts: SentenceFacts) -> bool:
        """"As many as 99 attacks were recorded last month ... the attacks resulted in the
        deaths of 112": the dead of incidents the report counted before, a monitor's tally."""
        if not any(f.outcome == "killed" for f in facts.figures) or any(
                d.date.precision == 1 and not d.date.background for d in facts.dates):
            return False
        for noun in facts.sent:
            if noun.tag_ != "NNS" or noun.dep_ not in ("nsubj", "nsubjpass", "pobj") or not any(
                    c.lower_ in ("the", "these", "those") for c in noun.children if c.dep_ == "det"):
                continue
            # a tally, not "two attacks" of one incident: ten or more
            counted = (t for t in self.doc[:facts.sent.start] if t.lemma_ == noun.lemma_
                       and any(c.dep_ == "nummod" and (self.x.numbers.value(c.text) or 0) >= TALLY
                               for c in t.children))
            if next(counted, None) is not None:
                return True
        return False

    def _property_counts(self, facts: SentenceFacts) -> list[Figure]:
        """"demolished 588 structures", "destroyed 40 homes": a count of what was destroyed,
        a toll of property when the sentence gives it over a period."""
        words = self.x.knowledge.cue_words.get("property_tolls") or {}
        nouns, verbs = set(words.get("nouns") or ()), set(words.get("verbs") or ())
        found = []
        for mention in self.x.numbers.mentions(facts.sent):
            noun = mention.noun
            if noun is None or noun.lemma_.lower() not in nouns:
                continue
            if any(t.lemma_.lower() in verbs for t in (noun.head, *islice(noun.ancestors, 3))):
                found.append(Figure(mention, "destroyed"))
        return found

    def _goes_on(self, facts: SentenceFacts, toll_before: bool, specific: bool) -> bool:
        """A report of figures goes on: killed counts with no incident word and no day of
        their own, right after a sentence of tolls."""
        return toll_before and not specific and self.last_toll is not None \
            and any(f.outcome == "killed" for f in facts.figures) \
            and not any(d.date.precision == 1 for d in facts.dates)

    def _month_of(self, facts: SentenceFacts) -> DateMention | None:
        """"761 Iraqis were killed in June": a month's figure with no incident word is the
        month's toll (a monitor's or the UN's monthly report), not an event."""
        if any(_tells_kind(h) for h in facts.triggers):
            return None
        if not any(f.outcome == "killed" for f in facts.figures):
            return None
        return next((d for d in facts.dates if d.date.precision == 3 and d.date.start
                     and not d.date.text.lower().startswith(("this", "earlier"))), None)

    def _cumulative_perfect(self, facts: SentenceFacts) -> bool:
        """"The insurgency has killed more than 35,000 people": a count so far, when no incident
        word and no day are given (news leads also use "have been killed in a strike on Monday")."""
        if any(d.date.precision == 1 and not d.date.background for d in facts.dates):
            return False
        specific = any(_tells_kind(h) for h in facts.triggers)
        told = [h for h in facts.triggers if not h.trigger.crowd]
        for figure in facts.figures:
            vague = figure.number.count.qualifier == CountQualifier.VAGUE
            noun = figure.number.noun
            # the verb the count hangs on: "has killed 35,000 people", "has claimed hundreds
            # of lives", "has been responsible for killing hundreds"
            verb = next((t for t in noun.ancestors if t.pos_ == "VERB"), None) \
                if noun is not None else None
            if told and (specific or not vague) and not (
                    vague and verb is not None and self._many_incidents(verb, facts)):
                continue  # "violence that has claimed hundreds of lives" is no one incident
            if verb is None or not any(c.dep_ == "aux" and c.lower_ in ("has", "have")
                                       for v in (verb, *islice(verb.ancestors, 3))
                                       for c in v.children):
                continue
            lemma = verb.lemma_.lower()
            if lemma in self.x.lexicon.killed_lemmas or (
                    lemma in LIFE_TAKERS and noun.lower_ == "lives"):
                return True
        return False

    def _many_incidents(self, verb, facts: SentenceFacts) -> bool:
        """A vague count so far that no one incident makes: killed by a war, a conflict,
        violence ("a surge in violence that has claimed hundreds of lives"), in incidents
        told in the plural ("killed at peaceful demonstrations"), or since some start."""
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if verb.dep_ == "relcl":  # "violence that has claimed": violence
            subjects.append(verb.head)
        if any(t.lemma_.lower() in PERIOD_NOUNS for t in subjects):
            return True
        if facts.toll_cues:
            return True
        return any(self.doc[h.end - 1].tag_ in ("NNS", "NNPS") for h in facts.triggers)

    def _since_event(self, start: int) -> bool:
        """"since the SDF entered the city", "since the offensive began": a period's start."""
        nxt = self.doc[start + 1:start + 8]
        return any(t.pos_ == "VERB" for t in nxt) or any(
            t.lower_ in ("start", "beginning", "offensive", "war", "conflict") for t in nxt)

    def _since_date(self, facts: SentenceFacts, start: int) -> bool:
        return any(d.start > start for d in facts.dates)

    def _toll_numbers(self, facts: SentenceFacts) -> list:
        return [m for m in self.x.numbers.mentions(facts.sent)]

    def _tolls(self, facts: SentenceFacts, speaker: Speaker | None,
               continued: bool = False) -> None:
        figures = [f for f in facts.figures if f.role == "total" or f.included]
        if not figures:
            figures = self._property_counts(facts) or [
                Figure(m, "killed") for m in self._toll_numbers(facts)]
        victims_default = self._toll_victims(facts)
        perpetrator = self._toll_perpetrator(facts)
        place = self._place_query(facts.places[0] if facts.places else None, facts)
        outer: Toll | None = None
        for figure in figures:
            start, end = self._toll_period(facts, figure)
            if continued and not facts.toll_cues and self.last_toll is not None \
                    and self._month_of(facts) is None:
                start, end = self.last_toll.period_start, self.last_toll.period_end
            victims = figure.actor or ("civilians" if figure.civilians else "") or \
                (outer.victims if outer and figure.included else "") or \
                _counted_noun(figure) or victims_default
            toll = Toll(
                id=content_id(self.report.id, facts.sent.start_char, figure.number.start),
                report_id=self.report.id, evidence=_evidence(self.report.id, facts.sent),
                victims=victims or "unspecified", count=figure.number.count,
                perpetrator=perpetrator, place=place, period_start=start, period_end=end,
                outcome=figure.outcome, claimed_by=speaker.name if speaker else "",
                outlet=self.report.outlet)
            self.tolls.append(toll)
            outer = outer or toll
            self.last_toll = toll

    def _toll_victims(self, facts: SentenceFacts) -> str:
        text = facts.sent.text.lower()
        if "civilian" in text:
            return "civilians"
        return ""

    def _toll_perpetrator(self, facts: SentenceFacts) -> str:
        for actor in facts.actors:
            token = self.doc[actor.end - 1]
            if actor.name != "Civilians" and (token.head.lemma_.lower() in (
                    "raid", "strike", "airstrike", "attack", "bombardment", "shelling")
                    or self.doc[actor.start - 1].lower_ in ("by", "from")):
                return actor.name
        return ""

    def _toll_period(self, facts: SentenceFacts, figure: Figure) -> tuple[dt.date | None, dt.date | None]:
        end = self.base
        cues = sorted(facts.toll_cues, key=lambda c: (c[0] < figure.number.end, abs(c[0] - figure.number.end)))
        for start, stop in cues:
            cue = self.doc[start:stop].text.lower()
            if cue == "in the same period" and self.last_toll is not None:
                return self.last_toll.period_start, self.last_toll.period_end
            if cue == "since":
                dates = [d for d in facts.dates if d.start > start]
                if dates and dates[0].date.date:
                    return dates[0].date.date, end
            if "hours" in cue and end:  # the day's bulletin
                return end - dt.timedelta(days=1), end
            if cue.endswith("days of") and end:
                before = self.doc[start - 1].text if start > facts.sent.start else ""
                number = self.x.numbers.value(before) if before else None
                return end - dt.timedelta(days=number or 1), end
            if "first half" in cue and end:  # "in the first half of this year" (or last)
                year = end.year - ("last year" in facts.sent.text.lower())
                return dt.date(year, 1, 1), min(end, dt.date(year, 6, 30))
            if "week" in cue and end:
                return end - dt.timedelta(days=7), end
            if "month" in cue and end:
                return end - dt.timedelta(days=30), end
        month = self._month_of(facts)
        if month is not None:
            first = month.date.start
            last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
            return first, last
        started = [d.date for d in facts.dates if d.date.background and d.date.date]
        return (started[0].start or started[0].date, end) if started else (None, end)


def _counted_noun(figure: Figure) -> str:
    """Who a count counts when no actor is named: "more than 20 United Nations peacekeepers"
    -> "United Nations peacekeepers" ("people" says nothing)."""
    noun = figure.number.noun
    if noun is None or noun.lower_ in ("people", "persons", "others", "lives", "dead"):
        return ""
    words = [c for c in noun.children if c.dep_ in ("compound", "amod") and c.i < noun.i]
    start = min([noun.i, *(w.left_edge.i for w in words)])
    return noun.doc[start:noun.i + 1].text


def _tells_kind(hit) -> bool:
    """A trigger that says which incident happened, so a figure beside it is that incident's:
    not "a blast" (generic), nor a flight of people ("and two million have been displaced"),
    which stands beside a war's toll as often as an incident's."""
    return not hit.trigger.generic and not hit.trigger.crowd
