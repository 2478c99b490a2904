"""Territorial control: captures, holdings, handovers, withdrawals and shares of ground, read as
Control records (a capture is also an event, told by incident assembly).

Each family of wordings has a reader (:mod:`.control_wordings`) that gives :class:`Holding`
statements (who, which ground, what share, the word it hangs on; :mod:`.holding`), whose
arguments :mod:`.control_arguments` reads; :meth:`ControlReading._controls` dates and records
them, with what this module reads itself: control said in passing ("rebel-held"), places
listed after a capture, and the old reading by proximity. The words of each family are data
(``control:`` in data/triggers.yaml)."""

from __future__ import annotations

import re
from functools import cached_property

from spacy.tokens import Token

from ..records import Control, content_id
from .attribution import Speaker
from .control_arguments import ControlArguments
from .control_wordings import ControlWordings
from .grammar import Incident, _assign, _evidence
from .holding import HELD, Holding, _conjuncts, _name_run, _sentence_share
from .sentence import SentenceFacts


class ControlReading(ControlWordings, ControlArguments):
    """A part of :class:`marsad.extract.claims.ReportReader`: its state lives there."""

    @cached_property
    def _words(self) -> dict[str, frozenset[str]]:
        block = self.x.knowledge.cue_words.get("control") or {}
        return {key: frozenset(str(w).lower() for w in words) for key, words in block.items()}

    def _word(self, family: str, token: Token) -> bool:
        words = self._words.get(family, frozenset())
        return token.lower_ in words or token.lemma_.lower() in words

    # -- recording ---------------------------------------------------------------------------

    def _controls(self, facts: SentenceFacts, speaker: Speaker | None) -> None:
        """Every holding the sentence states, by every reader, each recorded once."""
        self._note_facilities(facts)
        found = [*self._captures(facts), *self._holdings(facts), *self._handovers(facts),
                 *self._departures(facts)]
        if not found:
            found = self._stated_control(facts)
        found += self._listed(facts)
        self._note_towns(facts)
        seen: set[tuple[str, str, bool]] = set()
        for holding in found:
            key = (holding.place.text, holding.holder, holding.now)
            if holding.holder and key not in seen:
                seen.add(key)
                self._record(holding, facts, speaker)

    def _record(self, holding: Holding, facts: SentenceFacts, speaker: Speaker | None) -> None:
        sent = facts.sent
        incident = Incident(list(holding.hits), None, holding.place)
        if holding.hits:
            incident.date = _assign(facts.dates, list(holding.hits)).get(holding.hits[0].start)
        elif not self._said_now(holding.verb):  # a holding told in the past is dated by a
            # date of its own clause, not of an aside in it, else by the sentence's
            clause = self._clause(holding.verb)
            told = [d for d in facts.dates if not d.speech and d.date.date]
            own = [d for d in told if d.start in clause] or told
            incident.date = own[0] if own else None
        date = holding.date or self._date(incident, facts)
        # "controls", "have controlled since 2014", "has seized": as of the report
        said_now = (incident.date is None or not holding.hits) and self._said_now(holding.verb)
        if holding.date is None and self.base and (holding.now or said_now):
            date = self.dates.resolve("today") or date  # "has seized", "controls": as of today
        query = self._place_query(holding.place, facts)
        self.controls.append(Control(
            id=content_id(self.report.id, sent.start_char, holding.place.text, holding.holder,
                          *(("now",) if holding.now else ())),
            report_id=self.report.id, evidence=_evidence(self.report.id, sent), place=query,
            holder=holding.holder, date=date, share=holding.share,
            claimed_by=speaker.name if speaker else "", outlet=self.report.outlet))

    def _clause(self, word: Token) -> set[int]:
        """The token indexes of the clause a word heads, without its relative clauses."""
        verb = word
        while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
            verb = verb.head
        asides = [t for t in verb.subtree if t.dep_ in ("relcl", "acl", "ccomp") and t != verb]
        return {t.i for t in verb.subtree} - {t.i for a in asides for t in a.subtree}

    def _said_now(self, verb: Token) -> bool:
        """A capture told in the present perfect ("has seized") or a holding in the present
        ("controls", "is under") is true as of the report, not of the story's last date."""
        aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        head = verb if verb.pos_ == "VERB" else next(
            (a for a in verb.ancestors if a.pos_ in ("VERB", "AUX")), verb.head)
        aux |= {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
        return bool(aux & {"has", "have", "is", "are"}) or verb.tag_ in ("VBZ", "VBP") \
            or (verb.pos_ != "VERB" and head.tag_ in ("VBZ", "VBP"))

    # -- held in passing ---------------------------------------------------------------------

    def _held_places(self, facts: SentenceFacts, speaker: Speaker | None) -> None:
        """Control said by an adjective: "rebel-held eastern Aleppo"."""
        sent = facts.sent
        for match in HELD.finditer(sent.text):
            if match.group(2) == "besieged":
                continue  # besieged ground is held by those inside, whom the word does not name
            start = sent.start_char + match.end()
            place = next((p for p in facts.places if 0 <= self.doc[p.start].idx - start <= 30
                          and not p.origin), None)
            holder = self._holder_named(match.group(1), sent.start_char + match.start(1), facts)
            if place is None or not holder:
                continue
            # held on the day the sentence tells ("On Oct. 29, X attacked the SDF-held
            # towns"), else as of the report
            told = next((d.date for d in facts.dates if not d.speech and d.date.date
                         and d.date.precision == 1 and not d.date.background), None)
            date = told or (self.dates.resolve("today") if self.base else None)
            query = self._place_query(place, facts)
            self.controls.append(Control(
                id=content_id(self.report.id, sent.start_char, place.text, holder, "held"),
                report_id=self.report.id, evidence=_evidence(self.report.id, sent), place=query,
                holder=holder, date=date or self._date(Incident([], None, place), facts),
                claimed_by=speaker.name if speaker else "", outlet=self.report.outlet))

    # -- lists -------------------------------------------------------------------------------

    def _listed(self, facts: SentenceFacts) -> list[Holding]:
        """"The three villages are A, B and C" after a capture of "three villages": each
        named place is held by whom the sentence before gave them to, as of then."""
        sent = facts.sent
        last = self.controls[-1] if self.controls else None
        if last is None or sent.start == 0 or \
                self.doc[sent.start - 1].sent.start_char != last.evidence.start:
            return []
        for verb in sent:
            if verb.lemma_ != "be":
                continue
            subjects = [c for c in verb.children if c.dep_ == "nsubj" and self._word("settlements", c)]
            # the parser may take the names for a second subject
            names = [c for c in verb.children if c.dep_ in ("attr", "nsubj") and c.pos_ == "PROPN"]
            if not subjects or not names:
                continue
            first = names[0]
            listed = [p for p in facts.places if first.left_edge.i <= p.start <= first.right_edge.i]
            listed = listed or [_name_run(n) for n in [names[0], *_conjuncts(names[0])]
                                if n.pos_ == "PROPN"]
            return [Holding(last.holder, place, verb, date=last.date) for place in listed]
        return []

    # -- the old reading of "control" words --------------------------------------------------

    def _stated_control(self, facts: SentenceFacts) -> list[Holding]:
        """A sentence that says "control", "hold" or "under" and names an actor and a place,
        read by proximity when its parse fits none of the families above."""
        text = facts.sent.text
        if not re.search(r"\bcontrol(s|led)?\b|\bhold(s)?\b|\bunder\b", text, re.I):
            return []
        actors = [a for a in facts.actors if self.actors.kind(a.name) not in ("civilians", "")]
        holder = next((a.name for a in actors if re.search(
            rf"{re.escape(a.text)}\s+control|control of\s+{re.escape(a.text)}|"
            rf"{re.escape(a.text)}\W+s?\s*control", text)), "")
        holder = holder or (actors[0].name if actors and re.search(
            r"\bcontrol(s|led)?\b", text) else "")
        place = facts.places[0] if facts.places else None
        mention = place or self._definite_feature(facts.sent) or self._pronoun_place(facts.sent)
        if not holder or mention is None:
            return []
        verb = next((t for t in facts.sent if t.lemma_.lower() in ("control", "hold")),
                    facts.sent.root)
        return [Holding(holder, mention, verb, _sentence_share(text))]
