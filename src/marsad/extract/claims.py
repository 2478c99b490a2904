"""From sentence facts to records: claims, tolls and control statements of one report.

A sentence's triggers are grouped into incidents (triggers sharing a date and place are one
incident; "two incidents in one sentence" have different dates or places). Each incident gets
its date (its own, else the story's last one), place (its own, else the report's main place),
actors in their roles, casualty figures, speaker and modality. A sentence whose figures are
cumulative ("since June 6", "so far") gives tolls, never events.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from ..records import (Claim, Control, Count, CountQualifier, EventDate, Extraction, Modality,
                       PlaceQuery, Report, SourceKind, Span as Evidence, Toll, Victims, content_id)
from .actors import ActorMention, ActorResolver
from .countries import country_of, is_demonym, report_countries
from .attribution import SPEECH_LEMMAS, Attribution, Speaker
from .dates import DateResolver
from .filters import no_incident
from .lexicon import TriggerHit
from .sentence import (ADMIN_HINTS, DateMention, Figure, PlaceMention, SentenceFacts,
                       _clean_place, find_places, read_sentence)

if TYPE_CHECKING:
    from . import Extractor

SPEECH_DATE = re.compile(r"\b(said|reported|announced|says|reports|told)\b[^.]{0,20}?\b(on\s+)?"
                         r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
PARTIAL = re.compile(r"\b(some|several|parts? of|positions?|a handful of|areas? of)\b", re.I)
FULL = re.compile(r"\b(fully|full|completely|entire|entirely|all of)\b", re.I)
PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:percent|per cent|%)", re.I)


@dataclass
class Incident:
    """Triggers of one sentence that tell one incident."""

    triggers: list[TriggerHit]
    date: DateMention | None
    place: PlaceMention | None

    @property
    def main(self) -> TriggerHit:
        return max(self.triggers, key=lambda h: (h.trigger.priority, -h.start))


class ReportReader:
    """Reads one parsed report; carries the story's context from sentence to sentence."""

    def __init__(self, extractor: "Extractor", report: Report, doc: Doc):
        self.x = extractor
        self.report = report
        self.doc = doc
        self.actors = ActorResolver(extractor.knowledge, doc)
        self.attribution = Attribution(extractor.knowledge, self.actors, doc, report.outlet)
        self.base = self._speech_date(report.published)
        self.dates = DateResolver(self.base)
        self.armed = self.actors.opponents(doc)
        self.report_places = self._report_places()
        self.main_place = self.report_places[0] if self.report_places else ""
        self.report_countries = report_countries(doc)
        self.last_date: EventDate | None = None
        self.last_place: PlaceMention | None = None
        self.last_town: PlaceMention | None = None
        self.last_actor1 = ""
        self.last_toll: Toll | None = None
        self.features: dict[str, PlaceMention] = {}
        self.responsible = self._responsible()
        self._carry_place: PlaceQuery | None = None
        self.claims: list[Claim] = []
        self.tolls: list[Toll] = []
        self.controls: list[Control] = []
        self.notes: list[str] = []

    # -- the report as a whole ----------------------------------------------------------------

    def _speech_date(self, published: dt.date | None) -> dt.date | None:
        """Wire stories speak from the day the source spoke: "a monitor reported on Wednesday"."""
        if published is None:
            return None
        lead = next(iter(self.doc.sents), None)
        match = SPEECH_DATE.search(lead.text) if lead is not None else None
        if match is None:
            return published
        resolved = DateResolver(published).resolve(match.group(3))
        return resolved.date if resolved and resolved.date else published

    def _responsible(self) -> str:
        """The group that claimed responsibility: the perpetrator of an attack told without one."""
        for sent in self.doc.sents:
            for start, _ in self.x.lexicon.responsibility_spans(sent):
                before = [m for m in self.actors.mentions(sent) if m.end <= start + 1]
                if before:
                    return before[-1].name
                speaker = self.attribution.last
                if speaker is not None and speaker.is_party:
                    return speaker.name
        return ""

    def _report_places(self) -> tuple[str, ...]:
        """The places the report names, most named first (ties: the first named)."""
        counts: Counter[str] = Counter()
        for sent in self.doc.sents:
            for place in find_places(sent):
                if _placeable(place.text):
                    counts[place.text] += 1
        return tuple(name for name, _ in counts.most_common())

    def read(self) -> Extraction:
        if self.report.published is None:
            self.notes.append("no publication date: events are dated only where the text "
                              "gives a full date")
        for sent in self.doc.sents:
            self._read_sentence(sent)
        return Extraction(report_id=self.report.id, claims=tuple(self.claims),
                          tolls=tuple(self.tolls), controls=tuple(self.controls),
                          notes=tuple(self.notes))

    def _read_sentence(self, sent: Span) -> None:
        if no_incident(sent.text):
            return  # a caption, a pointer to another story, a lone dateline
        facts = read_sentence(sent, self.x.lexicon, self.x.numbers, self.dates, self.actors)
        speaker = self.attribution.resolve_unnamed(self.attribution.speaker(sent))
        self._remember_features(facts)
        self._blame(facts)
        if self._is_toll_sentence(facts):
            self._tolls(facts, speaker)
        elif facts.habitual:
            pass  # what happens every day or for years is context, not an incident
        else:
            self._controls(facts, speaker)
            made = []
            for incident in self._incidents(facts):
                claim = self._claim(facts, incident, speaker)
                if claim is not None:
                    made.append(claim)
            self.claims += made
            if made and made[-1].date.date and made[-1].date.text != "(date of the report)":
                self.last_date = made[-1].date.model_copy(update={"start": None, "end": None})
                return self._remember_place(facts)
        own_dates = [d for d in facts.dates if d.date.precision <= 2 or d.date.background]
        if own_dates:
            self.last_date = own_dates[-1].date
        self._remember_place(facts)

    def _remember_place(self, facts: SentenceFacts) -> None:
        if facts.places:
            self.last_place = facts.places[-1]
        towns = [p for p in facts.places if p.kind_hint not in ADMIN_HINTS]
        if towns:
            self.last_town = towns[-1]

    def _blame(self, facts: SentenceFacts) -> None:
        """"It blamed Russian warplanes": the perpetrator of the incident just told."""
        if not self.claims or self.claims[-1].actor1:
            return
        for token in facts.sent:
            if token.lemma_.lower() not in ("blame", "accuse", "attribute") or token.pos_ != "VERB":
                continue
            targets = [t for c in token.children if c.dep_ in ("dobj", "prep")
                       for t in c.subtree]
            named = [a for a in facts.actors if any(a.start <= t.i < a.end for t in targets)
                     and a.name not in ("Civilians", self.claims[-1].actor2)]
            if named:
                self.claims[-1] = self.claims[-1].model_copy(update={"actor1": named[0].name})
                return

    def _remember_features(self, facts: SentenceFacts) -> None:
        for place in facts.places:
            if place.kind_hint:
                self.features[place.kind_hint] = place

    # -- incidents ----------------------------------------------------------------------------

    def _incidents(self, facts: SentenceFacts) -> list[Incident]:
        references = [h for h in facts.triggers if self._is_reference(h, facts)]
        hits = [self._check_territory(h, facts) for h in facts.triggers if h not in references]
        hits = [h for h in hits if h is not None]
        self._note_reference_dates(references, facts)
        killed = any(f.outcome == "killed" for f in facts.figures)
        if not hits and references and killed and not _conditional(self.doc[references[0].start]):
            hits = references[:1]  # "the toll from Sunday's attack rose to 15": an update
        if not hits:
            hits = self._implicit_trigger(facts)
        if not hits:
            return []
        dates = _assign(facts.dates, hits, share=True)
        places = _assign(facts.places, hits, prefer_after=True, share=True)
        for hit in hits:  # a capture happens where the ground taken is
            if hit.trigger.territory:
                taken = self._object_place(hit, facts)
                if taken is not None:
                    places[hit.start] = taken
        for start, place in list(places.items()):  # "the Raqqa district of Al-Daraiya": the district
            child = next((p for p in facts.places if place.text in p.parents), None)
            if child is not None:
                places[start] = child
        groups: dict[tuple, Incident] = {}
        for hit in hits:
            date, place = dates.get(hit.start), places.get(hit.start)
            key = (date.date.date if date else None, place.text.lower() if place else None)
            if key not in groups:
                # a trigger with neither a date nor a place of its own, or only a date while the
                # sentence names one place, joins the sentence's first incident
                if groups and (place is None or (date is None and _same_place(place, groups))):
                    next(iter(groups.values())).triggers.append(hit)
                    continue
                groups[key] = Incident([], date, place)
            groups[key].triggers.append(hit)
        return self._fold_city_level(list(groups.values()))

    def _fold_city_level(self, incidents: list[Incident]) -> list[Incident]:
        """"entered Raqqa's south and seized the Al-Hal market": the part at the report's city
        on the same day is the same incident as the part at a place inside it."""
        specific = [i for i in incidents if i.place is not None and i.place.text != self.main_place]
        kept = []
        for incident in incidents:
            coarse = incident.place is not None and incident.place.text == self.main_place
            target = next((i for i in specific if _same_day(i.date, incident.date)), None)
            if coarse and target is not None:
                target.triggers.extend(incident.triggers)
            else:
                kept.append(incident)
        return kept

    def _note_reference_dates(self, references: list[TriggerHit], facts: SentenceFacts) -> None:
        """"the toll from Sunday's attack": the story is about Sunday, whatever else it says."""
        for hit in references:
            token = _root(self.doc, hit)
            own = [d for d in facts.dates if token.left_edge.i <= d.start < token.right_edge.i + 1]
            if own and not own[0].date.background:
                self.last_date = own[0].date

    def _is_reference(self, hit: TriggerHit, facts: SentenceFacts) -> bool:
        """A trigger that names an incident told elsewhere, not a new one: "the women abducted
        by insurgents", "a protest against the bombardment", "after the attack"."""
        token = _root(self.doc, hit)
        if token.dep_ == "acl" and token.tag_ == "VBN" and not _own_date(token, facts, day=True):
            return True
        if token.dep_ == "pobj" and token.head.lower_ in REFERENCE_PREPOSITIONS:
            return True
        if token.dep_ == "pobj" and token.head.lower_ in ("in", "for") and \
                token.lemma_.lower() in ("fight", "battle", "war", "campaign", "offensive") and \
                any(c.lower_ == "the" for c in token.children) and not _own_date(token, facts):
            return True  # "joined the SDF in the fight on IS": the campaign, not an incident
        head = token
        while head.dep_ in ("conj", "compound", "amod") and head.head != head:
            head = head.head  # "with machine guns and rocket-propelled grenades"
        if head.dep_ == "pobj" and head.head.lower_ == "with" and head.head.head.pos_ == "VERB":
            return True  # an instrument: "hit the checkpoints with machine guns and grenades"
        if token.dep_ == "dobj" and token.head.lemma_.lower() in REFERENCE_VERBS:
            return True
        if token.dep_ == "dobj" and token.head.dep_ == "acl" and token.head.tag_ == "VBG":
            return True  # a description: "militants firing rockets from the area"
        return _conditional(token)

    def _check_territory(self, hit: TriggerHit, facts: SentenceFacts) -> TriggerHit | None:
        """"seized 14 vehicles" is no capture of ground; "were seized by gunmen" is an abduction."""
        if not hit.trigger.territory:
            return hit
        verb = _root(self.doc, hit)
        patients = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        if not patients and verb.dep_ == "conj":  # "had left the camp and were seized by gunmen"
            patients = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        for patient in patients:
            low = patient.lower_
            if low in self.x.lexicon.victim_nouns and patient.ent_type_ not in ("GPE", "LOC", "FAC"):
                return _retyped(hit, self.x.knowledge, "Abduction/forced disappearance")
            weapons = self.x.lexicon.weapon_nouns
            if low in weapons or any(  # "seized a large cache of arms": what is taken, not where
                    t.lower_ in weapons or t.lemma_.lower() in weapons for t in patient.subtree
                    if t.ent_type_ not in ("GPE", "LOC", "FAC")) and not any(
                    p.start >= patient.left_edge.i and p.end <= patient.right_edge.i + 1
                    for p in facts.places):
                return _retyped(hit, self.x.knowledge, "Disrupted weapons use")
            if patient.lemma_.lower() in BUILDINGS:
                return _retyped(hit, self.x.knowledge, "Attack")  # "stormed homes", not ground
        return hit

    def _implicit_trigger(self, facts: SentenceFacts) -> list[TriggerHit]:
        """A killing with no trigger word: "The SDF killed 50 IS militants on Wednesday"."""
        killed = [f for f in facts.figures if f.outcome == "killed"]
        armed = [a for a in facts.actors if self.actors.kind(a.name) not in ("civilians", "protesters", "")]
        if not killed or not armed:
            return []
        civilians = any(f.civilians for f in killed)
        wanted = "Attack" if civilians else "Armed clash"
        trigger = next(t for t in self.x.knowledge.triggers if t.sub_event_type == wanted)
        anchor = killed[0].number
        return [TriggerHit(trigger, anchor.start, anchor.end)]

    def _claim(self, facts: SentenceFacts, incident: Incident, speaker: Speaker | None) -> Claim | None:
        sent = facts.sent
        main = incident.main
        actor1, actor2 = self._roles(facts, main)
        figures = [f for f in facts.figures]
        if not (actor1 or actor2 or figures or incident.date or incident.place):
            return None  # a trigger word with nothing around it is not an incident we can code
        if self._is_update(main, facts):
            token = _root(self.doc, main)
            own = [d for d in facts.dates if token.left_edge.i <= d.start <= token.right_edge.i]
            incident = Incident(incident.triggers, own[0] if own else None, incident.place)
        date = self._date(incident, facts)
        if self._is_update(main, facts) and incident.date is None:
            date = self._update_date()
        modality = self._modality(facts, main, speaker)
        fatalities, victims, injured = _casualties(figures)
        sub_type = _protest_sub_type(main.sub_event_type, incident, fatalities)
        if main.trigger.territory:
            sub_type = self._territory_sub_type(actor1, sent)
        event_type = self.x.knowledge.event_type_of(sub_type)
        previous = self._continues(main, facts, date)
        if previous is not None:  # the same incident, told on: its type and its parties
            sub_type, event_type = previous.sub_event_type, previous.event_type
            actor1 = actor1 if actor1 and actor1 in (previous.actor1, previous.actor2) else previous.actor1
            actor2 = actor2 if actor2 and actor2 in (previous.actor1, previous.actor2) else previous.actor2
            if incident.place is None and previous.place is not None:
                incident = Incident(incident.triggers, incident.date, None)
                self._carry_place = previous.place
        armed_dead = [a for a in victims.per_side if a != actor1]
        if victims.civilians and not armed_dead and event_type in (
                "Explosions/Remote violence", "Violence against civilians"):
            if actor1 != "Civilians":
                actor2 = "Civilians"
        elif armed_dead and event_type != "Battles" and actor2 in ("", "Civilians"):
            actor2 = armed_dead[0]
        if not actor1 and event_type in ("Explosions/Remote violence", "Violence against civilians"):
            actor1 = self.responsible or (speaker.name if speaker and speaker.is_party
                                          and speaker.name != actor2 else "")
        if event_type in ("Protests", "Riots") and not actor1:
            actor1 = "Protesters" if event_type == "Protests" else "Rioters"
        actor1, actor2 = _codebook_roles(event_type, actor1, actor2)
        # sides known only from the dead have no order of their own: the story's last actor first
        sides = sorted((a for a in victims.per_side if a not in (actor1, actor2)),
                       key=lambda a: a != self.last_actor1)
        if event_type == "Battles" and sides and not (actor1 and actor2):
            if not actor1:
                actor1 = sides.pop(0)
            if not actor2 and sides:
                actor2 = sides.pop(0)
        if event_type == "Battles" and not actor2 and actor1:
            actor2 = self.actors.opponent_of(actor1, self.armed)
        if actor2 == actor1:
            actor2 = ""  # a group is not its own target; better unknown than wrong
        if actor1:
            self.last_actor1 = actor1
        place = self._place_query(incident.place, facts)
        if self._carry_place is not None:
            place, self._carry_place = self._carry_place, None
        evidence = _evidence(self.report.id, sent)
        # stable across changes to the rules: the report, the sentence and the trigger's place in it
        claim_id = content_id(self.report.id, evidence.start, main.start - sent.start)
        return Claim(
            id=claim_id, report_id=self.report.id, evidence=evidence, event_type=event_type,
            sub_event_type=sub_type, date=date, place=place, actor1=actor1, actor2=actor2,
            fatalities=fatalities, victims=victims, injured=injured,
            attributed_to=speaker.name if speaker else "",
            source_kind=speaker.kind if speaker else SourceKind.MEDIA,
            outlet=self.report.outlet, modality=modality,
            civilian_targeting=actor2 == "Civilians",
            warnings=() if date.date else ("no date could be given to this claim",))

    CONTINUING = {"Armed clash", "Attack", "Disrupted weapons use"}

    def _continues(self, hit: TriggerHit, facts: SentenceFacts, date: EventDate) -> Claim | None:
        """The claim this sentence goes on telling: a sentence with only a casualty figure ("the
        dead were five civilians"), a responsibility claim, an update of the toll, or what was
        seized after a battle, on the same day as the story's last claim."""
        if not self.claims:
            return None
        previous = self.claims[-1]
        implicit = hit.start == (facts.figures[0].number.start if facts.figures else -1)
        update = self._is_update(hit, facts) or bool(self.x.lexicon.responsibility_spans(facts.sent))
        weak = hit.sub_event_type in self.CONTINUING and (
            implicit or _root(self.doc, hit).lemma_.lower() in WEAK_TRIGGERS)
        weak = weak or (hit.trigger.generic and previous.event_type == hit.trigger.event_type)
        if not (implicit or update or weak or hit.sub_event_type == "Disrupted weapons use"):
            return None
        same_day = previous.date.date is not None and date.date is not None and \
            abs((previous.date.date - date.date).days) <= 1
        if update and (date.precision > 1 or same_day):
            return previous
        return previous if same_day and not previous.date.background else None

    def _is_update(self, hit: TriggerHit, facts: SentenceFacts) -> bool:
        token = _root(self.doc, hit)
        return token.dep_ == "pobj" and token.head.lower_ in ("from", "of") and \
            any(t.lemma_.lower() in ("toll", "tally") for t in token.ancestors)

    def _update_date(self) -> EventDate:
        """A toll update with no date of its own: some day in the week before the report."""
        if self.last_date is not None and not self.last_date.background:
            return self.last_date
        if self.base is None:
            return EventDate(date=None, precision=3)
        return EventDate(date=self.base, precision=2, start=self.base - dt.timedelta(days=6),
                         end=self.base, text="(toll update)")

    def _territory_sub_type(self, actor1: str, sent: Span) -> str:
        if PERCENT.search(sent.text):
            return "Armed clash"  # a share of a place taken: fighting goes on, no transfer
        if actor1 and self.actors.is_state(actor1):
            return "Government regains territory"
        return "Non-state actor overtakes territory"

    # -- arguments ----------------------------------------------------------------------------

    def _roles(self, facts: SentenceFacts, hit: TriggerHit) -> tuple[str, str]:
        """Who did it to whom, from the parse: subject, agent ("by X") and the trigger's own
        modifiers ("RSF shelling") give actor1; objects and the dead give actor2."""
        doc = self.doc
        actors = [self._anaphor(a) for a in facts.actors if not self._is_speaker_only(a, facts)]
        trigger = _root(doc, hit)
        verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
        doers = _subjects(verb) + _agents(verb) + _modifiers(trigger) + _agents(trigger)
        if trigger.pos_ != "VERB" and trigger.dep_ in ("nsubj", "nsubjpass"):
            doers = _modifiers(trigger) + _agents(trigger)  # "RSF shells struck the market"
        actor1 = self._actor_at(actors, doers, exclude={"Civilians"})
        pronouns = ("they", "it", "we", "its", "their", "our")
        pronoun = next((t for s in doers for t in (s, *s.children)
                        if t.lower_ in pronouns and (t is s or t.dep_ == "poss")), None)
        if not actor1 and pronoun is not None:
            actor1 = self._pronoun_actor(facts, pronoun)
        # ordered, not a set: the same text must give the same claim in every process
        victims = list(dict.fromkeys(f.actor for f in facts.figures
                                     if f.actor and f.outcome == "killed"))
        actor2 = self._actor_at(actors, _objects(verb) + _objects(trigger), exclude={actor1})
        if not actor2:
            actor2 = next((v for v in victims if v != actor1), "")
        named = [a.name for a in actors if a.name not in (actor1, actor2)]
        if not actor1:
            actor1 = next((n for n in named if n not in victims and n != "Civilians"
                           and self.actors.side(n) != self.actors.side(actor2)), "")
        if not actor2:
            actor2 = next((n for n in named if n != actor1 and
                           self.actors.side(n) != self.actors.side(actor1)), "")
        return actor1, actor2

    def _anaphor(self, mention: ActorMention) -> ActorMention:
        """"the attackers", "the gunmen": the group last named as doing something."""
        before = self.doc[mention.start - 1].lower_ if mention.start else ""
        if mention.name == "Unidentified Armed Group" and before in ("the", "its", "their") \
                and self.last_actor1 and self.last_actor1 != mention.name:
            return ActorMention(self.last_actor1, mention.start, mention.end, mention.text, True)
        return mention

    def _is_speaker_only(self, actor: ActorMention, facts: SentenceFacts) -> bool:
        """An actor named only as the one speaking ("the army said", "an RSF spokesman denied")."""
        token = self.doc[actor.end - 1]
        while token.dep_ not in ("nsubj", "nsubjpass", "ROOT") and token.head != token:
            if token.dep_ in ("dobj", "pobj", "conj", "appos") and token.head.pos_ == "VERB":
                return False
            token = token.head
        if token.dep_ != "nsubj":
            return False
        verb = token.head
        if verb.lemma_.lower() == "claim" and any(c.lower_ == "responsibility" for c in verb.subtree):
            return False  # "al-Shabaab claimed responsibility": the speaker did it
        return verb.lemma_.lower() in SPEECH_LEMMAS

    def _pronoun_actor(self, facts: SentenceFacts, pronoun: Token | None = None) -> str:
        """"it had captured", "they retook", "its fighters": the armed group named last before
        the pronoun in the sentence (the speaker too: "the AA said it had captured"), else the
        party speaking, else the group last seen acting."""
        limit = pronoun.i if pronoun is not None else facts.sent.end
        before = [a for a in facts.actors if a.end <= limit
                  and self.actors.kind(a.name) not in ("civilians", "protesters", "")]
        if before:
            return before[-1].name
        speaker = self.attribution.last
        if speaker is not None and speaker.is_party:
            return speaker.name
        return self.last_actor1

    @staticmethod
    def _actor_at(actors: list[ActorMention], tokens: list[Token], exclude=frozenset()) -> str:
        for token in tokens:
            for actor in actors:
                if actor.name in exclude:
                    continue
                if actor.start <= token.i < actor.end or (
                        token.left_edge.i <= actor.start and actor.end <= token.right_edge.i + 1):
                    return actor.name
        return ""

    def _date(self, incident: Incident, facts: SentenceFacts) -> EventDate:
        if incident.date is not None:
            date = incident.date.date
            since = self.doc[incident.date.start - 1].lower_ == "since" if incident.date.start else False
            if since and self.base and date.date and not date.background:
                return EventDate(date=self.base, precision=1, start=date.date, end=self.base,
                                 text=f"since {date.text}")
            return date
        if self.last_date is not None:
            inherited = self.last_date
            if facts.toll_cues and not inherited.background:
                # "the SDF have since seized...": a summary of the period, not one incident
                return inherited.model_copy(update={"background": True})
            return inherited
        if self.base is not None:
            return EventDate(date=self.base, precision=2, text="(date of the report)")
        return EventDate(date=None, precision=3, text="")

    def _place_query(self, place: PlaceMention | None, facts: SentenceFacts) -> PlaceQuery | None:
        if place is None or is_demonym(place.text):  # "a Syrian town" names no place
            place = self._definite_feature(facts.sent)
        if place is None:
            if not self.main_place:
                return None
            countries = self._countries_for(self.main_place, ())
            return PlaceQuery(mention=self.main_place, country=countries[0] if countries else "",
                              countries=countries[1:])
        parents = tuple(p for p in place.parents if p != place.text)
        countries = self._countries_for(place.text, parents)
        fallback = self.main_place if self.main_place not in (place.text, *parents) else ""
        nearby = [p.text for p in facts.places if _placeable(p.text)]
        fallbacks = tuple(n for n in dict.fromkeys([*nearby, *self.report_places])
                          if n not in (place.text, fallback))[:MAX_FALLBACKS]
        return PlaceQuery(mention=place.text, parents=parents,
                          country=countries[0] if countries else "", countries=countries[1:],
                          kind_hint=place.kind_hint, fallback=fallback, fallbacks=fallbacks)

    def _countries_for(self, mention: str, parents: tuple[str, ...]) -> tuple[str, ...]:
        """Where to look a mention up: the country it or its parents name ("Mali's Gao"),
        the countries the report names that are its conflict's, the others it names, the
        conflict's others."""
        conflict = self.actors.countries
        # a parent that names a country counts where it may be the ground ("Mali's Gao"),
        # not where it is a party ("Fallujah, west of Baghdad, U.S. officials said")
        own = [country_of(mention), *(c for c in map(country_of, parents)
                                      if c and (not conflict or c in conflict))]
        ranked = [*own, *(c for c in self.report_countries if c in conflict),
                  *self.report_countries, *conflict]
        return tuple(dict.fromkeys(c for c in ranked if c))

    def _definite_feature(self, sent: Span) -> PlaceMention | None:
        """"the market" after "the Al-Hal market" is that market; "the city" or "the town" is
        the last town the story named."""
        for token in sent:
            if token.i == sent.start or self.doc[token.i - 1].lower_ != "the":
                continue
            if token.lower_ in self.features:
                return self.features[token.lower_]
            if token.lower_ in ("city", "town", "village") and self.last_town is not None:
                return self.last_town
        return None

    def _modality(self, facts: SentenceFacts, hit: TriggerHit, speaker: Speaker | None) -> Modality:
        trigger = _root(self.doc, hit)
        verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
        if any(c.dep_ == "neg" for c in verb.children) or "denied" in facts.cues:
            return Modality.DENIED
        chain = []
        for t in [verb, *verb.ancestors]:
            if t.lemma_.lower() in SPEECH_LEMMAS and t is not verb:
                break
            chain.append(t)
        governors = {t.lemma_.lower() for t in chain[:4]}
        aux = {c.lower_ for t in chain[:3] for c in t.children if c.dep_ == "aux"}
        if any(c.dep_ == "neg" for t in chain[1:3] for c in t.children) \
                and not governors & {"fail", "stop", "end"}:
            return Modality.DENIED  # "we do not accept that the strike targeted civilians"
        if governors & {"threaten", "warn"}:
            return Modality.THREATENED
        if aux & {"will", "would"} or governors & {"plan", "intend", "vow", "prepare", "aim",
                                                          "intention", "plot", "seek"}:
            return Modality.PLANNED
        if "unconfirmed" in facts.cues:
            return Modality.UNCONFIRMED
        if speaker is not None and speaker.name != self.report.outlet:
            return Modality.CLAIMED
        return Modality.ASSERTED

    # -- tolls --------------------------------------------------------------------------------

    def _is_toll_sentence(self, facts: SentenceFacts) -> bool:
        """Figures over a period ("since June 6", "so far this year", "in the past week")."""
        if not facts.figures and not re.search(r"\btoll\b", facts.sent.text, re.I):
            return False
        specific = any(not h.trigger.generic for h in facts.triggers)
        periods = [(s, e) for s, e in facts.toll_cues
                   if (self.doc[s:e].text.lower() != "since" or self._since_date(facts, s)
                       or self._since_event(s))
                   # "shelling killed three over the past 48 hours" is an incident told over
                   # a period; "25 were killed in the past 24 hours" is the day's bulletin
                   and not (specific and "hours" in self.doc[s:e].text.lower())]
        if not periods and not self._cumulative_perfect(facts) and self._month_of(facts) is None:
            return False
        return bool(facts.figures or self._toll_numbers(facts))

    def _month_of(self, facts: SentenceFacts) -> DateMention | None:
        """"761 Iraqis were killed in June": a month's figure with no incident word is the
        month's toll (a monitor's or the UN's monthly report), not an event."""
        if any(not h.trigger.generic for h in facts.triggers):
            return None
        if not any(f.outcome == "killed" for f in facts.figures):
            return None
        return next((d for d in facts.dates if d.date.precision == 3 and d.date.start
                     and not d.date.text.lower().startswith(("this", "earlier"))), None)

    def _cumulative_perfect(self, facts: SentenceFacts) -> bool:
        """"The insurgency has killed more than 35,000 people": a count so far, when no incident
        word and no day are given (news leads also use "have been killed in a strike on Monday")."""
        if facts.triggers or any(d.date.precision == 1 and not d.date.background for d in facts.dates):
            return False
        for figure in facts.figures:
            verb = figure.number.noun.head if figure.number.noun is not None else None
            if verb is not None and verb.lemma_.lower() in self.x.lexicon.killed_lemmas and any(
                    c.dep_ == "aux" and c.lower_ in ("has", "have") for c in verb.children):
                return True
        return False

    def _since_event(self, start: int) -> bool:
        """"since the SDF entered the city", "since the offensive began": a period's start."""
        nxt = self.doc[start + 1:start + 8]
        return any(t.pos_ == "VERB" for t in nxt) or any(
            t.lower_ in ("start", "beginning", "offensive", "war", "conflict") for t in nxt)

    def _since_date(self, facts: SentenceFacts, start: int) -> bool:
        return any(d.start > start for d in facts.dates)

    def _toll_numbers(self, facts: SentenceFacts) -> list:
        return [m for m in self.x.numbers.mentions(facts.sent)]

    def _tolls(self, facts: SentenceFacts, speaker: Speaker | None) -> None:
        figures = [f for f in facts.figures if f.role == "total" or f.included]
        if not figures:
            figures = [Figure(m, "killed") for m in self._toll_numbers(facts)]
        victims_default = self._toll_victims(facts)
        perpetrator = self._toll_perpetrator(facts)
        place = self._place_query(facts.places[0] if facts.places else None, facts)
        outer: Toll | None = None
        for figure in figures:
            start, end = self._toll_period(facts, figure)
            victims = figure.actor or ("civilians" if figure.civilians else "") or \
                (outer.victims if outer and figure.included else "") or victims_default
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

    # -- control ------------------------------------------------------------------------------

    def _controls(self, facts: SentenceFacts, speaker: Speaker | None) -> None:
        sent = facts.sent
        text = sent.text
        territory = [h for h in facts.triggers if h.trigger.territory]
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
        query = self._place_query(mention, facts)
        self.controls.append(Control(
            id=content_id(self.report.id, sent.start_char, mention.text, holder_value),
            report_id=self.report.id, evidence=_evidence(self.report.id, sent), place=query,
            holder=holder_value, date=date, share=share,
            claimed_by=speaker.name if speaker else "", outlet=self.report.outlet))

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
        for ent in self.doc.ents:
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


# -- helpers ----------------------------------------------------------------------------------

REFERENCE_PREPOSITIONS = {"against", "after", "following", "over", "since", "before", "despite",
                          "about", "for"}
REFERENCE_VERBS = {"condemn", "confirm", "denounce", "investigate", "deny", "protest", "blame",
                   "report", "claim", "document", "record", "mourn", "witness"}


# verbs that name an attack without saying which kind: alone they add to the story's incident
WEAK_TRIGGERS = {"target", "attack", "raid", "assault", "hit"}
BUILDINGS = {"home", "house", "building", "shop", "hospital", "school", "mosque", "church",
             "clinic", "office", "homestead", "compound", "tent"}


def _own_date(token: Token, facts: SentenceFacts, day: bool = False) -> bool:
    return any(token.left_edge.i <= d.start and d.end <= token.right_edge.i + 1
               and (not day or d.date.precision == 1) for d in facts.dates)


def _same_day(a: DateMention | None, b: DateMention | None) -> bool:
    if a is None or b is None:
        return True  # an undated part takes the sentence's day
    return a.date.date == b.date.date


def _same_place(place: PlaceMention, groups: dict) -> bool:
    return any(g.place is not None and g.place.text.lower() == place.text.lower()
               for g in groups.values())


def _root(doc: Doc, hit: TriggerHit) -> Token:
    """The syntactic head of a trigger phrase ("grenades" in "rocket-propelled grenades")."""
    return doc[hit.start:hit.end].root


def _conditional(token: Token) -> bool:
    """Inside "if ..." or "unless ...": what might happen, not what did."""
    for ancestor in [token, *token.ancestors]:
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in ancestor.children):
            return True
    return False


MAX_FALLBACKS = 6
PEACEFUL = ("Peaceful protest", "Protest with intervention")


def _protest_sub_type(sub_type: str, incident: Incident, fatalities: Count | None) -> str:
    """ACLED's ladder of protests, from the sentence's own words: protesters killed make
    excessive force; arrests at a peaceful protest make an intervention."""
    if sub_type not in PEACEFUL:
        return sub_type
    if fatalities is not None and fatalities.value:
        return "Excessive force against protesters"
    told = {h.sub_event_type for h in incident.triggers}
    if sub_type == "Peaceful protest" and "Arrests" in told:
        return "Protest with intervention"
    return sub_type
CROWDS = ("Protesters", "Rioters")


def _codebook_roles(event_type: str, actor1: str, actor2: str) -> tuple[str, str]:
    """ACLED's fixed roles: the crowd is actor 1 of a protest or riot, whoever intervened
    actor 2; violence against civilians targets civilians when the text names no other."""
    if event_type in ("Protests", "Riots") and actor2.startswith(CROWDS) \
            and not actor1.startswith(CROWDS):
        return actor2, actor1
    if event_type == "Violence against civilians" and actor1 and not actor2:
        return actor1, "Civilians"
    return actor1, actor2


def _placeable(name: str) -> bool:
    """A name that can stand for where an incident happened: no country, no adjective."""
    return bool(name) and not country_of(name) and not is_demonym(name)


def _retyped(hit: TriggerHit, knowledge, sub_event_type: str) -> TriggerHit:
    trigger = next(t for t in knowledge.triggers if t.sub_event_type == sub_event_type)
    return TriggerHit(trigger, hit.start, hit.end)


def _assign(items: list, hits: list[TriggerHit], prefer_after: bool = False,
            share: bool = False) -> dict[int, object]:
    """Give each date (or place) to the nearest trigger; each trigger gets its nearest item.
    With ``share``, a trigger left without one takes the nearest item of the sentence."""
    result: dict[int, object] = {}
    if not items or not hits:
        return result

    def distance(item, hit: TriggerHit) -> float:
        gap = item.start - hit.end if item.start >= hit.end else hit.start - item.end
        admin = 6 if getattr(item, "kind_hint", "") in ADMIN_HINTS else 0
        said = 40 if getattr(item, "speech", False) else 0  # "said on Sunday": when it was said
        origin = 5 if getattr(item, "origin", False) else 0  # "attacked X from Y": Y is not where
        return gap + admin + said + origin + (0.5 if prefer_after and item.start < hit.start else 0)

    for item in items:
        nearest = min(hits, key=lambda hit: distance(item, hit))
        current = result.get(nearest.start)
        if current is None or distance(item, nearest) < distance(current, nearest):
            result[nearest.start] = item
    if share:
        for hit in hits:
            if hit.start not in result:
                result[hit.start] = min(items, key=lambda item: distance(item, hit))
    return result


def _subjects(verb: Token) -> list[Token]:
    found = [c for c in verb.children if c.dep_ == "nsubj"]
    # "the RSF, which captured Bara": the relative pronoun stands for the noun it follows
    found = [f.head.head if f.lower_ in ("which", "who", "that") and f.head.dep_ == "relcl" else f
             for f in found]
    if not found and verb.dep_ in ("xcomp", "advcl", "conj", "pcomp") and verb.head != verb:
        found = [c for c in verb.head.children if c.dep_ == "nsubj"]
    return found


def _modifiers(trigger: Token) -> list[Token]:
    return [c for c in trigger.children if c.dep_ in ("compound", "amod", "poss", "nmod")]


def _agents(verb: Token) -> list[Token]:
    found = []
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            found += [c for c in child.children if c.dep_ == "pobj"]
    return found


def _objects(verb: Token) -> list[Token]:
    """What the action fell on: objects, and anything inside its prepositional phrases
    ("near the headquarters of the army's division")."""
    found = [c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ not in ("by", "with", "during", "amid"):
            found += [t for t in child.subtree if t.dep_ == "pobj" or t.dep_ == "poss"]
    return found


def _evidence(report_id: str, sent: Span) -> Evidence:
    return Evidence(report_id=report_id, start=sent.start_char, end=sent.end_char,
                    text=sent.text)


def _casualties(figures: list[Figure]) -> tuple[Count | None, Victims, Count | None]:
    killed = [f for f in figures if f.outcome == "killed"]
    injured = [f for f in figures if f.outcome == "injured" and not f.included]
    totals = [f for f in killed if not f.included]
    fatalities = _sum_counts([f.number.count for f in totals]) if totals else None
    civilians = sum(f.number.count.value or 0 for f in totals if f.civilians) or None
    women = sum(f.number.count.value or 0 for f in killed if f.role == "women") or None
    children = sum(f.number.count.value or 0 for f in killed if f.role == "children") or None
    per_side: dict[str, int] = {}
    for figure in totals:
        if figure.actor:
            per_side[figure.actor] = per_side.get(figure.actor, 0) + (figure.number.count.value or 0)
    victims = Victims(civilians=civilians, women=women, children=children, per_side=per_side)
    return fatalities, victims, _sum_counts([f.number.count for f in injured]) if injured else None


def _sum_counts(counts: list[Count]) -> Count:
    if len(counts) == 1:
        return counts[0]
    value = sum(c.value or 0 for c in counts)
    qualifiers = {c.qualifier for c in counts}
    qualifier = qualifiers.pop() if len(qualifiers) == 1 else CountQualifier.AT_LEAST
    return Count(value=value, qualifier=qualifier, words=" + ".join(c.words for c in counts))
