"""Territorial control: captures, withdrawals and statements of who holds which ground, read as
Control records (a capture is also an event, told by incident assembly)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from .spans import doc_ents
from ..records import Control, content_id
from .attribution import Speaker
from .lexicon import TriggerHit
from .sentence import PlaceMention, SentenceFacts, _clean_place

if TYPE_CHECKING:
    pass

from .grammar import FULL, PARTIAL, PERCENT, Incident, _assign, _evidence, _root


# "rebel-held Khan Shaykhun", "the Houthi-controlled capital", "IS-run Raqqa": who holds a
# place, said in passing, as of the report's day
HELD = re.compile(r"\b([A-Z][\w.'’]*|[a-z]+)(?:-| )(held|controlled|run|occupied|besieged)\b")
GOVERNMENT_WORDS = {"government", "regime", "army", "state", "pro-government", "loyalist"}


class ControlReading:
    """A part of :class:`marsad.extract.claims.ReportReader`: its state lives there."""

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

    def _holder_named(self, word: str, char: int, facts: SentenceFacts) -> str:
        """The actor a word before "-held" names: an actor the text marks there, the
        conflict's word for it ("rebel" -> its rebels), or the government's forces."""
        for actor in facts.actors:
            span = self.doc[actor.start:actor.end]
            if span.start_char <= char < span.end_char:
                return actor.name
        low = word.lower()
        conflict = self.actors.conflict
        if conflict is not None:
            for key in (low, low + "s", "the " + low + "s"):
                if key in conflict.generic:
                    return conflict.generic[key]
        if low in GOVERNMENT_WORDS and self.actors.country_name:
            return f"Military Forces of {self.actors.country_name}"
        return ""

    def _controls(self, facts: SentenceFacts, speaker: Speaker | None) -> None:
        sent = facts.sent
        text = sent.text
        # a capture of ground, not of people, weapons or homes ("stormed homes" is an attack)
        territory = [h for h in facts.triggers if h.trigger.territory
                     and (checked := self._check_territory(h, facts)) is not None
                     and checked.trigger.territory]
        says_control = re.search(r"\bcontrol(s|led)?\b|\bhold(s)?\b|\bunder\b", text, re.I)
        if not territory and not says_control:
            return
        actors = [a for a in facts.actors if self.actors.kind(a.name) not in ("civilians", "")]
        if territory:
            holder = self._roles(facts, territory[0])[0]
            place = self._object_place(territory[0], facts)
        else:
            holder = next((a.name for a in actors if re.search(
                rf"{re.escape(a.text)}\s+control|control of\s+{re.escape(a.text)}|"
                rf"{re.escape(a.text)}\W+s?\s*control", text)), "")
            holder = holder or (actors[0].name if actors and says_control and re.search(
                r"\bcontrol(s|led)?\b", text) else "")
            place = facts.places[0] if facts.places else None
        if not holder:
            return
        mention = place or self._definite_feature(sent) or self._pronoun_place(sent)
        if mention is None:
            return
        share = None
        percent = PERCENT.search(text)
        if percent:
            share = min(1.0, float(percent.group(1)) / 100)
        elif FULL.search(text):
            share = 1.0
        if territory and share is None and self._partial(territory[0]):
            holder_value = "contested"
        else:
            holder_value = holder
        incident = Incident(territory or [], None, place)
        if territory:
            dates = _assign(facts.dates, territory)
            incident.date = dates.get(territory[0].start)
        date = self._date(incident, facts)
        if incident.date is None and self.base and self._said_as_now(territory, sent):
            date = self.dates.resolve("today") or date  # "has seized", "controls": as of today
        query = self._place_query(mention, facts)
        self.controls.append(Control(
            id=content_id(self.report.id, sent.start_char, mention.text, holder_value),
            report_id=self.report.id, evidence=_evidence(self.report.id, sent), place=query,
            holder=holder_value, date=date, share=share,
            claimed_by=speaker.name if speaker else "", outlet=self.report.outlet))

    def _said_as_now(self, territory: list[TriggerHit], sent: Span) -> bool:
        """A capture told in the present perfect ("has seized") or a holding in the present
        ("controls", "is under") is true as of the report, not of the story's last date."""
        verbs = [_root(self.doc, h) for h in territory] or [
            t for t in sent if t.lemma_.lower() in ("control", "hold") and t.pos_ == "VERB"]
        for verb in verbs:
            aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
            if aux & {"has", "have", "is", "are"} or verb.tag_ in ("VBZ", "VBP"):
                return True
        return False

    def _partial(self, hit: TriggerHit) -> bool:
        """"retook some positions in the market": part of the place, so it is contested."""
        verb = _root(self.doc, hit)
        objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        return any(PARTIAL.search(self.doc[o.left_edge.i:o.right_edge.i + 1].text) for o in objects)

    def _object_place(self, hit: TriggerHit, facts: SentenceFacts) -> PlaceMention | None:
        """The ground taken: the verb's object ("captured Bakhmut", "retook the city")."""
        verb = _root(self.doc, hit)
        for obj in (c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")):
            inside = [p for p in facts.places if obj.left_edge.i <= p.start <= obj.right_edge.i]
            # "Chin State's Paletwa Township": the possessor is where the ground lies
            owned = [p for p in inside if p.end < len(self.doc) and self.doc[p.end].tag_ == "POS"]
            inside = [p for p in inside if p not in owned] or inside
            if inside:
                return inside[0]
            named = self._named_object(obj)
            if named is not None:  # "overran Raqqa": what is taken is ground, whatever the NER said
                return named
            if obj.lower_ in ("city", "town", "village") and self.last_town is not None:
                return self.last_town
        after = self.doc[hit.end:min(hit.end + 4, facts.sent.end)]
        named_after = [p for p in facts.places if hit.end <= p.start < hit.end + 4]
        if not named_after and self.last_town is not None and any(
                t.lower_ in ("city", "town", "village") and t.i > after.start and
                self.doc[t.i - 1].lower_ == "the" for t in after):
            return self.last_town  # "retook the city"
        return _assign(facts.places, [hit], prefer_after=True, share=True).get(hit.start)

    def _named_object(self, obj: Token) -> PlaceMention | None:
        """A name in the object of a verb of taking or attacking, that is not an armed group."""
        for ent in doc_ents(self.doc):
            if obj.left_edge.i <= ent.start <= obj.right_edge.i and ent.label_ in ("ORG", "PERSON"):
                text, hint = _clean_place(ent)
                return PlaceMention(ent.start, ent.end, text, hint) if text else None
        if obj.pos_ == "PROPN" and not obj.ent_type_ and obj.is_title:
            span = self.doc[obj.left_edge.i:obj.i + 1]
            words = [t for t in span if t.pos_ == "PROPN" or t.text == "-"]
            if words:
                return PlaceMention(words[0].i, obj.i + 1, self.doc[words[0].i:obj.i + 1].text)
        return None

    def _pronoun_place(self, sent: Span) -> PlaceMention | None:
        if re.search(r"\b(of it|it)\b", sent.text) and self.last_place is not None:
            return self.last_place
        return None
