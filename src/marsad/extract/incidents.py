"""Incident assembly within a sentence: which triggers tell one incident, which are references to
an incident told elsewhere, and the date each incident takes."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from spacy.tokens import Span

from ..records import Claim, EventDate
from .lexicon import TriggerHit
from .sentence import SentenceFacts

if TYPE_CHECKING:
    pass

from .grammar import (
    BUILDINGS,
    PERCENT,
    REFERENCE_PREPOSITIONS,
    REFERENCE_VERBS,
    WEAK_TRIGGERS,
    Incident,
    _acted_on,
    _agents,
    _assign,
    _conditional,
    _own_date,
    _retyped,
    _root,
    _same_day,
    _same_place,
    _subjects,
)


GUNFIRE = frozenset({"shooting", "gunfire", "shootout"})


def _violent(claim: Claim) -> bool:
    """An incident an attack word can go on telling: any but a strategic development other
    than a weapon brought down (an arrest, a deal, a base set up)."""
    return claim.event_type != "Strategic developments" \
        or claim.sub_event_type == "Disrupted weapons use"

BREAKING = frozenset({"violate", "breach", "break", "collapse", "flout", "undermine", "reject",
                      "violation", "breakdown"})


# combatant words that also stand in reports of accidents ("police said", "security guards")
UNARMED_WORDS = frozenset({"police", "policemen", "officers", "officer", "personnel", "guards",
                           "members", "member"})


MODALS = frozenset({"can", "may", "might", "should", "must", "could"})
# what aircraft do when they strike (lemmas): "warplanes destroyed", "jets pounded"
AIR_VERBS = frozenset({"destroy", "hit", "strike", "pound", "target", "bomb", "raid", "smash"})
# verbs of forces leaving a place (lemmas)
LEAVING = frozenset({"withdraw", "pull", "retreat", "evacuate", "vacate"})
# verbs of an armed assault (lemmas): on a village they attack its people, from the air a strike
ATTACK_VERBS = frozenset({"attack", "raid", "assault", "storm", "target", "ambush"})
LEAD = 2  # the sentences of a headline and a lead
GOING_ON = frozenset({"continue", "begin", "start", "resume", "keep"})  # "continues to detain"
# a campaign talked about ("the offensive achieved its goals"), not fought in the sentence
CAMPAIGNS = frozenset({"offensive", "campaign", "war", "operation", "counteroffensive",
                       "crackdown", "investigation", "probe", "law", "sanction", "measure"})
# modifiers of a habit: "frequent protests", "regular raids"
HABITUAL = frozenset({"frequent", "regular", "repeated", "daily", "nightly", "weekly",
                      "constant", "recurrent", "routine", "periodic", "sporadic"})
BOMBS = frozenset({"Remote explosive/landmine/IED", "Grenade", "Suicide bomb"})
GENERIC_HARM = frozenset({"Attack", "Armed clash"})  # what the weapon, once told, sharpens
# what puts an end to an act, or asks for it: "urged him to stop killing protesters"
ENDING = frozenset({"stop", "end", "halt", "cease", "prevent", "avert", "urge", "demand"})
CROWD_TYPES = ("Protests", "Riots")
TERRITORY_TYPES = ("Non-state actor overtakes territory", "Government regains territory")


def _one_demonstration(incidents: list[Incident]) -> list[Incident]:
    """"Thousands marched and some smashed windows": one demonstration in one sentence, coded
    by the most serious thing told of it (a riot over a protest, force over an intervention)."""
    crowd = [i for i in incidents if i.main.trigger.event_type in CROWD_TYPES]
    if len(crowd) < 2:
        return incidents
    first, merged = crowd[0], []
    for other in crowd[1:]:  # the same day, and one of them with no place of its own
        if _same_day(first.date, other.date) and (first.place is None or other.place is None):
            first.triggers.extend(other.triggers)
            merged.append(other)
    return [i for i in incidents if i not in merged]


def _of_crowd(noun, crowd) -> bool:
    """"Crowds of protesters", "thousands of demonstrators": the crowd the noun counts."""
    return any(t.lower_ in crowd for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
               for t in p.children if t.dep_ == "pobj")


def _nominal(kind, token) -> bool:
    """"completed the handover of its base to the authorities", "the demolition of homes":
    the act told by its noun, with what it acts on after "of"."""
    if token.pos_ != "NOUN" or (token.lemma_.lower(), "") not in kind.verbs \
            or kind.sub_event_type in TERRITORY_TYPES:  # "took control of the city": one capture
        return False
    return any(t.lower_ in kind.objects or t.lemma_.lower() in kind.objects
               for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
               for t in p.children if t.dep_ == "pobj")


class IncidentAssembly:
    """A part of :class:`marsad.extract.claims.ReportReader`: its state lives there."""

    CONTINUING = {"Armed clash", "Attack", "Disrupted weapons use"}

    def _incidents(self, facts: SentenceFacts) -> list[Incident]:
        facts.triggers = self._with_construed(facts)
        references = [h for h in facts.triggers if self._is_reference(h, facts)]
        hits = [self._check_territory(h, facts) for h in facts.triggers
                if h not in references and not self._broken_agreement(h)]
        hits = [h for h in hits if h is not None and not self._accidental(h, facts)
                and not self._crime(h, facts) and not self._described(h)
                and not self._ongoing(h, facts) and not self._abstract_foe(h)]
        if any(not self._place_clause(h) for h in hits):
            hits = [h for h in hits if not self._place_clause(h)]
        hits = [h for h in self._weapon_decides(hits, facts) if not self._possible(h)]
        hits = [self._target_decides(h, facts) for h in hits]
        self._note_reference_dates(references, facts)
        killed = any(f.outcome == "killed" for f in facts.figures)
        references = [h for h in references if not self._in_series(h)]
        if not hits and references and killed and not _conditional(self.doc[references[0].start]):
            hits = references[:1]  # "the toll from Sunday's attack rose to 15": an update
        if not hits:
            hits = self._implicit_trigger(facts)
        if not hits:
            return []
        dates = _assign(facts.dates, hits, share=True)
        # ("razed the buildings of three men killed last year": that year is their death's)
        ends = {h.start: h.end for h in hits}
        dates = {start: d for start, d in dates.items()
                 if not _in_other_clause(self.doc, d.start, start, ends[start])}
        # (not the place that names another incident: "who took part in the Kulben attack")
        own = {i for h in hits for i in range(h.start, h.end)}
        places = _assign([p for p in facts.places if not _names_other_incident(
                              self.doc[p.end - 1], own)],
                         hits, prefer_after=True, share=True)
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
        return _one_demonstration(self._fold_city_level(list(groups.values())))

    def _with_construed(self, facts: SentenceFacts) -> list[TriggerHit]:
        """Add the triggers a verb and its object tell ("set up a new observation post",
        "police beat protesters"); one replaces a one-word trigger on the same verb."""
        kinds = self.x.lexicon.construals
        hits = list(facts.triggers)
        for token in facts.sent:
            if token.lemma_.lower() not in self.x.lexicon.construal_lemmas:
                continue  # (each test below needs the word to be one of the verbs)
            kind = next((k for k in kinds if k.matches(token) or _nominal(k, token)
                         or self._counted(k, token)), None)
            if kind is None or (token.dep_ == "amod" and kind.sub_event_type in TERRITORY_TYPES):
                continue  # "the liberated areas" names ground taken before, no capture
            covering = [h for h in hits if h.start <= token.i < h.end]
            if any(h.end - h.start > 1 or h.sub_event_type == kind.sub_event_type for h in covering):
                continue  # a phrase says more than the verb ("shot down", "took control of")
            trigger = next(t for t in self.x.knowledge.triggers
                           if t.sub_event_type == kind.sub_event_type)
            hits = [h for h in hits if h not in covering] + [TriggerHit(trigger, token.i, token.i + 1)]
        return sorted(hits + self._crowd_acts(facts, hits), key=lambda h: h.start)

    def _counted(self, kind, token) -> bool:
        """"established a total of 56 observation points": the verb acts on what is counted."""
        if token.pos_ != "VERB" or not any(
                (token.lemma_.lower(), p) in kind.verbs
                for p in {c.lower_ for c in token.children if c.dep_ == "prt"} | {""}):
            return False
        counted = [t for o in token.children if o.dep_ == "dobj"
                   and o.lemma_.lower() in self._cues("quantity_nouns")
                   for p in o.children if p.dep_ == "prep" and p.lower_ == "of"
                   for t in p.children if t.dep_ == "pobj"]
        return any(t.lower_ in kind.objects or t.lemma_.lower() in kind.objects for t in counted)

    def _crowd_acts(self, facts: SentenceFacts, hits: list[TriggerHit]) -> list[TriggerHit]:
        """"Protesters poured into the streets", "demonstrators chant slogans": what a crowd
        does in a main clause is a protest (ACLED), though no word names one."""
        acts = self._cues("crowd_acts")
        crowd = next((k.objects for k in self.x.lexicon.construals
                      if k.sub_event_type == "Excessive force against protesters"), frozenset())
        taken = {i for h in hits for i in range(h.start, h.end)}
        protest = next(t for t in self.x.knowledge.triggers if t.sub_event_type == "Peaceful protest")
        found = []
        for token in facts.sent:
            if token.pos_ == "VERB" and token.i not in taken and token.dep_ in ("ROOT", "conj") \
                    and token.lemma_.lower() in acts and any(
                    s.lower_ in crowd or _of_crowd(s, crowd)
                    for s in token.children if s.dep_ == "nsubj"):
                found.append(TriggerHit(protest, token.i, token.i + 1))
        return found

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
            if hit.sub_event_type == "Agreement":
                continue  # "the truce that came into effect April 2": its day, not the story's
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
        if token.dep_ in ("pobj", "pcomp") and token.head.lower_ in REFERENCE_PREPOSITIONS:
            return True
        if token.dep_ == "pobj" and token.head.lower_ == "on" \
                and token.head.head.lemma_.lower() in self._cues("stance_nouns"):
            return True  # "an official position on the kidnap", "a statement on the attack"
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.dep_ == "pobj" \
                and token.head.head.head.lower_ in REFERENCE_PREPOSITIONS:
            return True  # "after two weeks of fighting": the fighting told as the past
        if token.dep_ == "pobj" and token.head.lower_ in ("in", "for") and \
                token.lemma_.lower() in ("fight", "battle", "war", "campaign", "offensive") and \
                any(c.lower_ == "the" or c.dep_ == "poss" for c in token.children) \
                and not _own_date(token, facts):
            return True  # "joined the SDF in the fight on IS", "in its fight": the campaign
        head = token
        while head.dep_ in ("conj", "compound", "amod") and head.head != head:
            head = head.head  # "with machine guns and rocket-propelled grenades"
        if head.dep_ == "pobj" and head.head.lower_ == "with" and head.head.head.pos_ == "VERB" \
                and hit.sub_event_type != "Chemical weapon":  # shells "filled with chlorine"
            return True  # an instrument: "hit the checkpoints with machine guns and grenades"
        if token.dep_ == "dobj" and token.head.lemma_.lower() in REFERENCE_VERBS:
            return True
        if self._in_series(hit):
            return True  # "the latest in a string of attacks": the past, in a word
        if token.dep_ == "dobj" and hit.sub_event_type != "Agreement" and \
                token.head.lemma_.lower() in self._cues("stance_verbs"):
            return True  # "it firmly supported the arrests": a stance on them
        if self._judged_report(token):
            return True
        if hit.sub_event_type == "Agreement" and token.dep_ == "pobj" and \
                token.head.lower_ in ("during", "under", "from", "throughout", "amid"):
            return True  # "had not benefited from the truce", "during the truce": one in force
        if self._campaign(token) or self._purpose(token, hit):
            return True
        if self._took_part(token):
            return True
        noun = token
        while noun.dep_ == "compound" and noun.head != noun:
            noun = noun.head  # "frequent flash mob protests": the protests
        if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
            return True  # "there was no reported fighting in the area"
        if any(c.dep_ == "amod" and c.lower_ in HABITUAL for c in noun.children):
            return True  # "they have staged frequent protests": a habit, no one incident
        if token.lemma_.lower() == "target" and token.tag_ in ("VBZ", "VBP") and any(
                s.lemma_.lower() in CAMPAIGNS for s in _subjects(token)):
            return True  # "the operation targets those suspected of...": what it is for
        if token.dep_ == "amod" and token.lemma_.lower() in WEAK_TRIGGERS:
            return True  # "a targeted attack", "the attacked village": a description
        if token.dep_ == "amod" and token.tag_ == "VBN" and hit.trigger.event_type == \
                "Strategic developments":
            return True  # "streets filled with ransacked shops": what was left, told after
        if token.dep_ == "relcl" and token.tag_ == "VBN" and not _own_date(token, facts) and \
                any(c.dep_ == "nsubjpass" and c.lower_ in ("who", "that") for c in token.children):
            return True  # "eight wounded, including five who were shot": the victims described
        if token.dep_ in ("xcomp", "pcomp") and any(
                a.lemma_.lower() in ENDING for a in list(token.ancestors)[:3]):
            return True  # "urged the president to stop killing protesters"
        if token.dep_ == "dobj" and token.head.dep_ == "acl" and token.head.tag_ == "VBG" \
                and hit.trigger.event_type != "Protests":  # "dispersed them using live bullets"
            return True  # a description: "militants firing rockets from the area"
        return _conditional(token)

    def _cues(self, name: str) -> frozenset[str]:
        return self.x.lexicon.cues(name)

    def _judged_report(self, token) -> bool:
        """"Reports of shooting by soldiers at the toll gate are barbaric": what is said of the
        reports of an incident, the subject of a judgement, not the incident told."""
        if token.dep_ not in ("pobj", "pcomp") or token.head.lower_ != "of":
            return False
        reports = token.head.head
        return reports.lemma_.lower() in self._cues("report_nouns") and \
            reports.dep_ == "nsubj" and reports.head.pos_ == "AUX"

    def _in_series(self, hit: TriggerHit) -> bool:
        token = _root(self.doc, hit)
        return token.dep_ == "pobj" and token.head.lower_ == "of" and \
            token.head.head.lemma_.lower() in self._cues("series_nouns")

    def _campaign(self, token) -> bool:
        """"the military offensive in Gaza achieved its goals": the campaign talked about, as
        the subject of a verb that tells no fighting."""
        if token.lemma_.lower() not in CAMPAIGNS or token.dep_ not in ("nsubj", "nsubjpass"):
            return False
        named = any(c.dep_ in ("det", "poss") and c.lower_ != "a" for c in token.children)
        verb = token.head
        told = verb.lemma_.lower() in self.x.lexicon.killed_lemmas or \
            self.x.lexicon._word_trigger(verb) is not None
        return named and not told

    def _purpose(self, token, hit: TriggerHit) -> bool:
        """"its fight to retake the city", "their intention was to loot", "moved in to seize
        the town": an aim, no fact (ground "they managed to take" was taken)."""
        if token.pos_ != "VERB" or hit.trigger.event_type == "Protests" or not any(
                c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            return False  # (an attempt to protest is a protest, however it ended)
        head = token.head.lemma_.lower()
        return head in self._cues("aim_nouns") or head == "be" or (
            hit.trigger.territory and head not in ("manage", "succeed"))

    def _took_part(self, token) -> bool:
        """"young people who took part in protests were arrested": the protest describes the
        people, the incident is what befell them."""
        while token.dep_ in ("compound", "amod") and token.head != token:
            token = token.head  # "took part in flash mob protests"
        verb = next((a for a in token.ancestors if a.pos_ == "VERB"), None)
        clause = verb.head if verb is not None and verb.dep_ == "conj" else verb  # "who
        # organise or participate in the demonstrations"
        return token.dep_ == "pobj" and verb is not None and clause.dep_ in ("relcl", "acl") \
            and verb.lemma_.lower() in self._cues("participation_verbs")

    def _place_clause(self, hit: TriggerHit) -> bool:
        """"shot dead two men in a suburb, where protesters clashed earlier in the day": a
        clause that tells what else happened at the place."""
        token = _root(self.doc, hit)
        verb = next((t for t in [token, *token.ancestors] if t.pos_ in ("VERB", "AUX")), None)
        return verb is not None and verb.dep_ == "relcl" and any(
            c.dep_ == "advmod" and c.lower_ == "where" for c in verb.children)

    def _abstract_foe(self, hit: TriggerHit) -> bool:
        """"an area which is battling a surge in jihadist violence", "the fight against
        terrorism": what is fought is no armed side, the words tell a campaign."""
        if hit.sub_event_type != "Armed clash":
            return False
        token = _root(self.doc, hit)
        foes = [c for c in token.children if c.dep_ == "dobj"] + [
            c for p in token.children if p.dep_ == "prep" and p.lower_ == "against"
            for c in p.children if c.dep_ == "pobj"]
        return any(f.lemma_.lower() in self._cues("abstract_foes") for f in foes)

    def _ongoing(self, hit: TriggerHit, facts: SentenceFacts) -> bool:
        """"Since 2017, separatists have been clashing with the army": a war's course, told
        with no day of its own, is background."""
        token = _root(self.doc, hit)
        if token.tag_ != "VBG":
            return False
        aux = {c.lower_ for c in token.children if c.dep_ == "aux"}
        return "been" in aux and bool(aux & {"have", "has", "had", "'ve", "'s"}) and \
            not _own_date(token, facts, day=True)

    def _accidental(self, hit: TriggerHit, facts: SentenceFacts) -> bool:
        """"A tank at the gas plant exploded", "firefighters battle the wildfires": an accident
        or a disaster, when the sentence names no armed actor and no weapon of war."""
        if not (hit.trigger.generic or hit.sub_event_type in ("Chemical weapon", "Armed clash")):
            return False
        words = {t.lemma_.lower() for t in facts.sent} | {t.lower_ for t in facts.sent}
        if not words & self.x.lexicon.accident_words:
            return False
        armed = [a for a in facts.actors if self.actors.kind(a.name) not in ("civilians", "")]
        fighters = {t.lower_ for t in facts.sent} & (self.x.lexicon.combatant_nouns - UNARMED_WORDS)
        return not armed and not fighters

    def _told_as_event(self, hit: TriggerHit) -> bool:
        """"Mob lynches man", "weapons were seized", "two bombers blew themselves up": a
        headline or a lead whose main clause says the thing happened, to someone or by someone,
        though it names no actor, place, date or figure; a bare trigger word ("protests in
        pictures") does not."""
        token = _root(self.doc, hit)
        verb = token if token.pos_ == "VERB" else token.head
        if verb is not token and (token.dep_ not in ("nsubj", "nsubjpass", "dobj")
                                  or verb.pos_ != "VERB"):
            return False
        main = verb.head if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in GOING_ON \
            else verb  # "the security service continues to detain people"
        if self._sentence_number > LEAD or main.dep_ not in ("ROOT", "conj") \
                or verb.tag_ == "VBG" or _conditional(verb):
            return False  # later sentences with nothing around them are comment, not news
        arguments = ("nsubj", "nsubjpass", "dobj")
        return any(c.dep_ in arguments and c is not token for v in {verb, main}
                   for c in v.children) or (
            verb is not token and token.dep_ in arguments)

    def _refines(self, hit: TriggerHit) -> bool:
        """"Police said a suicide attacker rammed a vehicle into the convoy": a sentence that
        names nothing else tells the weapon of the attack just told."""
        previous = self.claims[-1] if self.claims else None
        return previous is not None and not previous.date.background and \
            hit.sub_event_type == "Suicide bomb" and previous.sub_event_type in GENERIC_HARM

    def _possible(self, hit: TriggerHit) -> bool:
        """"The group can either surrender or be killed": a verb under "can", "may", "should"
        tells what is possible, not what happened."""
        token = _root(self.doc, hit)
        if token.pos_ != "VERB":  # "fears that militants might have got rockets": the arms
            # of a verb under a modal are as possible as the verb
            if hit.trigger.event_type != "Explosions/Remote violence" or token.dep_ in (
                    "nsubj", "nsubjpass"):
                return False
            token = next((a for a in token.ancestors if a.pos_ == "VERB"), None)
            if token is None or self.x.lexicon._word_trigger(token) is not None:
                return False
        # "helicopters that can be used to attack": the modal on the verb it completes
        verbs = [token, token.head] if token.dep_ in ("conj", "xcomp") else [token]
        return any(c.dep_ == "aux" and c.lower_ in MODALS for v in verbs for c in v.children)

    def _crime(self, hit: TriggerHit, facts: SentenceFacts) -> bool:
        """"A grenade exploded during a robbery": crime with no armed or political actor."""
        if hit.trigger.event_type in ("Riots", "Protests"):
            return False
        words = {t.lemma_.lower() for t in facts.sent} | {t.lower_ for t in facts.sent}
        if not words & self._cues("crime_words"):
            return False
        return not [a for a in facts.actors if self.actors.kind(a.name) not in ("civilians", "")]

    def _described(self, hit: TriggerHit) -> bool:
        """"missile development programmes", "a nuclear missile pact": a weapon word that only
        describes another noun."""
        token = _root(self.doc, hit)
        after = self.doc[token.i + 1:token.i + 3]
        if len(after) == 2 and after[0].text == "-" and after[1].tag_ == "VBG":
            return True  # "rocket-firing helicopters", "missile-carrying ships": a kind of arms
        heads = self._cues("non_event_heads")
        while token.dep_ in ("compound", "amod", "nmod") and token.head != token:
            token = token.head
            if token.lower_ in heads or token.lemma_.lower() in heads:
                return True
        return False

    def _broken_agreement(self, hit: TriggerHit) -> bool:
        """"violated the ceasefire 12 times": a ceasefire named, no agreement made."""
        if hit.sub_event_type != "Agreement":
            return False
        token = _root(self.doc, hit)
        governors = [token.head, token.head.head] if token.dep_ in (
            "dobj", "pobj", "nsubj", "compound") else []  # "amid ceasefire violations"
        return any(g.lemma_.lower() in BREAKING for g in governors) or any(
            c.lemma_.lower() in BREAKING for c in token.children)

    def _check_territory(self, hit: TriggerHit, facts: SentenceFacts) -> TriggerHit | None:
        """"seized 14 vehicles" is no capture of ground; "were seized by gunmen" is an abduction."""
        if hit.sub_event_type == "Non-violent transfer of territory":
            return self._handed_weapons(hit, facts)
        verb = _root(self.doc, hit)
        if verb.lemma_.lower() == "storm" and any(
                c.dep_ in ("dobj", "obj") and c.lemma_.lower() in BUILDINGS for c in verb.children):
            return _retyped(hit, self.x.knowledge, "Attack")  # "stormed homes": on the people in them
        if not hit.trigger.territory:
            return hit
        patients = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        if not patients and verb.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in verb.children):
            # "had left the camp and were seized by gunmen"
            patients = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not patients and verb.dep_ == "acl" and verb.tag_ == "VBN":
            patients = [verb.head]  # "missionaries and their families seized as they left"
            patients += [c for c in verb.head.children if c.dep_ == "conj"]
        if not patients and not any(c.dep_ in ("prep", "prt") for c in verb.children):
            # no ground taken at all: "their families seized as they left" read as active
            patients = [c for c in verb.children if c.dep_ == "nsubj"
                        and c.lemma_.lower() in self.x.lexicon.victim_nouns]
        driven_out = any(c.dep_ in ("prep", "prt", "advmod") and c.lower_ in ("out", "from")
                         for c in verb.children)
        for patient in patients:
            low = patient.lower_
            if driven_out and verb.lemma_.lower() not in ("seize", "take", "capture"):
                break  # "drove the militants out of the villages": ground, not captives
            if (low in self.x.lexicon.victim_nouns or patient.lemma_.lower() in
                    self.x.lexicon.victim_nouns) and patient.ent_type_ not in ("GPE", "LOC", "FAC"):
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

    def _handed_weapons(self, hit: TriggerHit, facts: SentenceFacts) -> TriggerHit | None:
        """"Rebels handed over their weapons": disarmament, a change to the group, not ground;
        "withdrew from the treaty" is no ground at all; forces that leave a base with no one
        named to take it over move, a change to their activity."""
        verb = self.doc[hit.start]
        weapons = self.x.lexicon.weapon_nouns
        if any(t.lower_ in weapons or t.lemma_.lower() in weapons for t in _acted_on(verb)):
            return _retyped(hit, self.x.knowledge, "Change to group/activity")
        heads = self._cues("non_event_heads")
        after = self.doc[hit.end:min(hit.end + 6, facts.sent.end)]
        if any(t.lemma_.lower() in heads or t.lower_ in heads for t in after):
            return None
        bases = next((k.objects for k in self.x.lexicon.construals
                      if k.sub_event_type == "Headquarters or base established"), frozenset())
        sides = {a.name for a in facts.actors if self.actors.kind(a.name) not in ("civilians", "")}
        left_base = any(t.lower_ in bases for t in after)  # "withdrew from a key base"
        if verb.lemma_.lower() in LEAVING and len(sides) < 2 and left_base:
            return _retyped(hit, self.x.knowledge, "Change to group/activity")
        return hit

    def _fired_by(self, hit: TriggerHit) -> set[str]:
        """The words of who or what fired it: "air missiles", "missiles fired by jets",
        "jets fired missiles"."""
        token = _root(self.doc, hit)
        words = [c for c in token.children if c.dep_ in ("compound", "amod")]
        verb = token.head if token.dep_ in ("dobj", "nsubjpass", "pobj") else token
        if verb.dep_ == "prep":
            verb = verb.head  # "in an attack by Israeli jets"
        for doer in _agents(verb) + _subjects(verb) + _agents(token):
            words += list(doer.subtree)
        return {t.lower_ for t in words}

    def _weapon_decides(self, hits: list[TriggerHit], facts: SentenceFacts) -> list[TriggerHit]:
        """Missiles fired by jets are an air strike; troops who enter a village and rape commit
        sexual violence, not a capture (ACLED: the weapon and the harm decide)."""
        air = self._cues("air_words")
        hits = [_retyped(h, self.x.knowledge, "Air/drone strike")
                if h.sub_event_type == "Shelling/artillery/missile attack"
                and self._fired_by(h) & air else h for h in hits]
        hits = [_retyped(h, self.x.knowledge, "Air/drone strike")
                if h.sub_event_type == "Armed clash" and self._by_aircraft(h, air) else h
                for h in hits]
        if any(h.sub_event_type == "Sexual violence" for h in hits):
            hits = [h for h in hits if not h.trigger.territory]
        harm = [h for h in hits if not h.trigger.territory and h.trigger.event_type in (
            "Explosions/Remote violence", "Violence against civilians")]
        if harm:  # "entered a classroom and blew up his vest": how he got there, no capture
            hits = [h for h in hits if not (h.trigger.territory
                                            and self.doc[h.start].lemma_.lower() == "enter")]
        taken = {i for h in hits for i in range(h.start, h.end)}
        strike = next(t for t in self.x.knowledge.triggers if t.sub_event_type == "Air/drone strike")
        for token in facts.sent:  # "warplanes destroyed the depot", "the air force hit"
            if token.pos_ == "VERB" and token.i not in taken and token.lemma_.lower() in AIR_VERBS \
                    and {t.lower_ for s in _subjects(token) for t in s.subtree} & air:
                hits.append(TriggerHit(strike, token.i, token.i + 1))
        return sorted(hits, key=lambda h: h.start)

    def _target_decides(self, hit: TriggerHit, facts: SentenceFacts) -> TriggerHit:
        """ACLED's target decides: fire opened on protesters is excessive force against them,
        not an attack; gunmen who attack villages (no armed side defending them) attack
        civilians, not a battle."""
        token = _root(self.doc, hit)
        verb = token if token.pos_ == "VERB" else token.head
        targets = self._targets(verb)
        words = {t.lower_ for t in targets} | {t.lemma_.lower() for t in targets}
        crowd = next((k.objects for k in self.x.lexicon.construals
                      if k.sub_event_type == "Excessive force against protesters"), frozenset())
        if hit.sub_event_type == "Attack" and words & crowd:
            return _retyped(hit, self.x.knowledge, "Excessive force against protesters")
        if hit.sub_event_type == "Attack" and token.lower_ in GUNFIRE and not targets \
                and not any(c.dep_ in ("nsubj", "dobj") for c in token.children) and not any(
                    f.outcome in ("killed", "injured") for f in facts.figures):
            # "all night shooting in Aden, including heavy weapons": fire with no one hit is
            # fighting, not an attack on anyone
            return _retyped(hit, self.x.knowledge, "Armed clash")
        sides = {a.name for a in facts.actors if self.actors.kind(a.name) not in ("civilians", "")}
        if hit.sub_event_type == "Armed clash" and verb.lemma_.lower() in ATTACK_VERBS \
                and len(sides) < 2 and {t.lemma_.lower() for t in _acted_on(verb)} \
                & self._cues("civilian_places"):
            return _retyped(hit, self.x.knowledge, "Attack")
        return hit

    @staticmethod
    def _targets(verb) -> list:
        """What a verb's action fell on: its objects, and what follows "on", "at", "into" or
        "against", on the verb or on its object ("opened fire on the crowd")."""
        heads = [verb] + [c for c in verb.children if c.dep_ == "dobj"]
        found = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        for head in heads:
            for prep in (c for c in head.children if c.dep_ == "prep"
                         and c.lower_ in ("on", "at", "into", "against")):
                found += [c for c in prep.children if c.dep_ == "pobj"]
        return found + [c for t in found for c in t.children if c.dep_ == "conj"]

    def _by_aircraft(self, hit: TriggerHit, air: set[str]) -> bool:
        """"Fighter jets attacked the fleeing militants", "the air force intensified its
        sorties, targeting rebel sites": what aircraft attack is an air strike (not when the
        subject is an air defence)."""
        token = _root(self.doc, hit)
        if token.pos_ != "VERB" or token.lemma_.lower() not in AIR_VERBS | ATTACK_VERBS:
            return False
        if any(c.dep_ == "aux" and c.lower_ in ("was", "were") for c in token.children):
            return False  # "the drone was targeting a base" when it was shot down: its aim
        words = {t.lower_ for s in _subjects(token) + _agents(token) for t in s.subtree}
        words |= {t.lower_ for p in token.children if p.dep_ == "prep" and p.lower_ == "with"
                  for t in p.subtree}  # "was targeted with several drones"
        return bool(words & air) and not words & {"defence", "defense", "defences", "defenses"}

    def _described_toll(self, figure) -> bool:
        """"a surge in jihadist violence that has claimed hundreds of lives": a figure in a
        clause that describes a noun tells what the noun is, no killing of the day."""
        token = self.doc[figure.number.start]
        verb = next((a for a in token.ancestors if a.pos_ == "VERB"), None)
        return verb is not None and verb.dep_ == "relcl"

    def _implicit_trigger(self, facts: SentenceFacts) -> list[TriggerHit]:
        """A killing with no trigger word: "The SDF killed 50 IS militants on Wednesday"."""
        killed = [f for f in facts.figures if f.outcome == "killed" and not self._described_toll(f)]
        armed = [a for a in facts.actors if self.actors.kind(a.name) not in ("civilians", "protesters", "")]
        if not killed or not armed:
            return []
        civilians = any(f.civilians for f in killed)
        wanted = "Attack" if civilians else "Armed clash"
        trigger = next(t for t in self.x.knowledge.triggers if t.sub_event_type == wanted)
        anchor = killed[0].number
        return [TriggerHit(trigger, anchor.start, anchor.end)]

    def _continues(self, hit: TriggerHit, facts: SentenceFacts, date: EventDate) -> Claim | None:
        """The claim this sentence goes on telling: a sentence with only a casualty figure ("the
        dead were five civilians"), a responsibility claim, an update of the toll, or what was
        seized after a battle, on the same day as the story's last claim."""
        if not self.claims or any(t.lower_ in ("another", "separate") and t.dep_ in ("det", "amod")
                                  for t in facts.sent):
            return None  # "claimed another attack", "in a separate attack": a new incident
        previous, upgraded = self._upgraded(hit, date, facts)
        implicit = hit.start == (facts.figures[0].number.start if facts.figures else -1)
        update = self._is_update(hit, facts) or bool(self.x.lexicon.responsibility_spans(facts.sent))
        # ("attacked the village" goes on with the violence just told, a protest's included, or
        # with a drone brought down, never with an arrest or a deal: it is an incident then)
        weak = hit.sub_event_type in self.CONTINUING and (
            implicit or (_root(self.doc, hit).lemma_.lower() in WEAK_TRIGGERS
                         and _violent(previous)))
        weak = weak or (hit.trigger.generic and previous.event_type == hit.trigger.event_type)
        # "three of its fighters were killed in the clashes": the incident just told, named again
        weak = weak or (hit.sub_event_type == previous.sub_event_type
                        and bool(facts.figures) and _named_again(self.doc, hit))
        # "police found a bomb ... and detonated it safely": the bomb found, no new blast
        hurt = any(f.outcome in ("killed", "injured") for f in facts.figures)
        weak = weak or (previous.sub_event_type == "Disrupted weapons use" and not hurt
                        and hit.sub_event_type in BOMBS)
        # "some troops surrendered and others fled": the end of the battle just told
        weak = weak or (previous.event_type == "Battles"
                        and _root(self.doc, hit).lemma_.lower() == "surrender")
        seized = hit.sub_event_type == "Disrupted weapons use" and previous.event_type == "Battles"
        if not (implicit or update or weak or upgraded or seized):
            return None
        same_day = previous.date.date is not None and date.date is not None and \
            abs((previous.date.date - date.date).days) <= 1
        if update and (date.precision > 1 or same_day):
            return previous
        return previous if same_day and not previous.date.background else None

    def _upgraded(self, hit: TriggerHit, date: EventDate,
                  facts: SentenceFacts) -> tuple[Claim, bool]:
        """The story's last claim, told more closely by this sentence on the same day: a protest
        that turned into a riot ("there were scuffles"), shells that held gas. ACLED codes the
        incident by the most serious of these, and by its weapon: the group that claims "an
        attack in which a roadside bomb killed nine" claims a bombing, and bombs "dismantled
        and detonated" by the police that "foiled" them are disrupted weapons use."""
        previous = self.claims[-1]
        same_day = previous.date.date is not None and previous.date.date == date.date
        riot = hit.trigger.event_type == "Riots" and previous.event_type == "Protests"
        gas = hit.sub_event_type == "Chemical weapon" and \
            previous.event_type == "Explosions/Remote violence"
        claimed = bool(self.x.lexicon.responsibility_spans(facts.sent))
        weapon = previous.sub_event_type in GENERIC_HARM and (
            (claimed and hit.trigger.event_type == "Explosions/Remote violence"
             and not hit.trigger.generic) or hit.sub_event_type == "Suicide bomb")
        foiled = hit.sub_event_type == "Disrupted weapons use" and previous.sub_event_type in \
            BOMBS and previous.fatalities is None and previous.injured is None and \
            bool(previous.actor1) and self.actors.is_state(previous.actor1)  # "police detonated"
        if not same_day or previous.date.background or not (riot or gas or weapon or foiled):
            return previous, False
        update = {"sub_event_type": hit.sub_event_type, "event_type": hit.trigger.event_type}
        if riot and previous.actor1 == "Protesters":
            update["actor1"] = "Rioters"
        self.claims[-1] = previous.model_copy(update=update)
        return self.claims[-1], True

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

    def _taken_once_left(self, sent: Span) -> bool:
        """"was taken over ... after government troops left the city": ground the state's
        forces gave up, entered once they had gone (ACLED: no fighting, a transfer); an armed
        group that "pulled out" before a government offensive lost the ground to it."""
        verbs = self._cues("withdrawal_verbs")
        state = [m for m in self.actors.mentions(sent) if self.actors.is_state(m.name)]
        for verb in sent:
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in verbs or not any(
                    c.dep_ == "mark" and c.lower_ in ("after", "once", "as", "when")
                    for c in verb.children) or any(c.dep_ == "neg" for c in verb.children):
                continue
            leavers = [c for c in verb.children if c.dep_ == "nsubj"]
            if any(m.start <= s.i < m.end for s in leavers for m in state):
                return True
        return False

    def _territory_sub_type(self, actor1: str, sent: Span) -> str:
        if PERCENT.search(sent.text):
            return "Armed clash"  # a share of a place taken: fighting goes on, no transfer
        text = f" {sent.text.lower()} "
        if any(f" {cue} " in text or f" {cue}," in text or f" {cue}." in text
               for cue in self.x.knowledge.cue_words.get("nonviolent_transfer_cues", ())):
            return "Non-violent transfer of territory"  # taken after the other side left
        if self._taken_once_left(sent):
            return "Non-violent transfer of territory"
        if actor1 and self.actors.is_state(actor1):
            return "Government regains territory"
        return "Non-state actor overtakes territory"

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


def _named_again(doc, hit: TriggerHit) -> bool:
    """"killed in the clashes", "wounded during the attack": a definite noun for an incident,
    the circumstance of the figures, names the one the story has told."""
    token = doc[hit.end - 1]
    return token.pos_ == "NOUN" and token.dep_ == "pobj" \
        and token.head.lower_ in ("in", "during", "amid") \
        and any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in token.children)


def _in_other_clause(doc, item: int, start: int, end: int) -> bool:
    """The token at `item` lies in a relative or reduced relative clause ("the men killed last
    year", "which was seized in 2014") that does not hold the trigger at `start`:`end`."""
    for token in doc[item].ancestors:
        if token.dep_ in ("acl", "relcl"):
            # (a clause on the trigger itself is its own: "a sit-in launched Sunday")
            return not (token.left_edge.i <= start <= token.right_edge.i
                        or start <= token.head.i < end)
    return False


# nouns of an incident a place can name ("the Kulben attack", "the Ramadi massacre")
INCIDENT_NOUNS = frozenset({"attack", "attacks", "raid", "massacre", "bombing", "ambush",
                            "killings", "killing", "shooting", "siege", "offensive", "blast"})


def _names_other_incident(token, own: set[int]) -> bool:
    """The place is the name of an incident other than the trigger's: "the Kulben attack"."""
    head = token.head
    return token.dep_ in ("compound", "nmod") and head.lower_ in INCIDENT_NOUNS \
        and head.i not in own
