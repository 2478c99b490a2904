"""Typing decisions of incident assembly: what a trigger's weapon, target and ground make of it.

A capture of weapons or people is no capture of ground; missiles fired by jets are an air strike;
fire on protesters is force against them; ground taken once the other side left is a transfer.
:class:`IncidentTyping` is a part of :class:`marsad.extract.claims.ReportReader`, used by
:class:`marsad.extract.incidents.IncidentAssembly`."""

from __future__ import annotations

import re

from .countries import country_of
from .grammar import BUILDINGS, PERCENT, _acted_on, _agents, _retyped, _root, _subjects
from .lexicon import TriggerHit
from .sentence import SentenceFacts


GUNFIRE = frozenset({"shooting", "gunfire", "shootout"})

# what aircraft do when they strike (lemmas): "warplanes destroyed", "jets pounded"
AIR_VERBS = frozenset({"destroy", "hit", "strike", "pound", "target", "bomb", "raid", "smash"})
# verbs of forces leaving a place (lemmas)
LEAVING = frozenset({"withdraw", "pull", "retreat", "evacuate", "vacate"})
# verbs of an armed assault (lemmas): on a village they attack its people, from the air a strike
ATTACK_VERBS = frozenset({"attack", "raid", "assault", "storm", "target", "ambush"})


class IncidentTyping:
    """A part of :class:`marsad.extract.claims.ReportReader`: its state lives there."""

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
        sides = self._sides(facts)
        left_base = any(t.lower_ in bases for t in after)  # "withdrew from a key base"
        if verb.lemma_.lower() in LEAVING and len(sides) < 2 and left_base:
            return _retyped(hit, self.x.knowledge, "Change to group/activity")
        return hit

    def _sides(self, facts: SentenceFacts) -> set[str]:
        """The armed sides a sentence names as parties (the police that only tell of it are
        none: "gunmen attacked the village, police said")."""
        return {a.name for a in facts.actors if self.actors.kind(a.name) not in ("civilians", "")
                and not self._is_speaker_only(a, facts)}

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
        sides = self._sides(facts)
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

    def _taken_once_left(self, facts: SentenceFacts) -> bool:
        """"was taken over ... after government troops left the city": ground the state's
        forces gave up, entered once they had gone (ACLED: no fighting, a transfer); an armed
        group that "pulled out" before a government offensive lost the ground to it."""
        verbs = self._cues("withdrawal_verbs")
        state = [m for m in facts.actors if self.actors.is_state(m.name)]
        for verb in facts.sent:
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in verbs or not any(
                    c.dep_ == "mark" and c.lower_ in ("after", "once", "as", "when")
                    for c in verb.children) or any(c.dep_ == "neg" for c in verb.children):
                continue
            leavers = [c for c in verb.children if c.dep_ == "nsubj"]
            if any(m.start <= s.i < m.end for s in leavers for m in state):
                return True
        return False

    def _territory_sub_type(self, actor1: str, facts: SentenceFacts) -> str:
        sent = facts.sent
        if PERCENT.search(sent.text):
            return "Armed clash"  # a share of a place taken: fighting goes on, no transfer
        text = f" {sent.text.lower()} "
        if any(f" {cue} " in text or f" {cue}," in text or f" {cue}." in text
               for cue in self.x.knowledge.cue_words.get("nonviolent_transfer_cues", ())):
            return "Non-violent transfer of territory"  # taken after the other side left
        if self._taken_once_left(facts):
            return "Non-violent transfer of territory"
        if actor1 and self.actors.is_state(actor1) and not self._abroad(actor1):
            return "Government regains territory"
        # (as a foreign army's capture is: ground its government does not rule, ACLED)
        return "Non-state actor overtakes territory"

    def _abroad(self, actor: str) -> bool:
        """A state's forces fighting in another country than theirs ("Russian forces captured
        a village in the Donetsk region" in a story on Ukraine)."""
        home = country_of(re.sub(r"\s*\(.*\)$", "", actor.split(" of ", 1)[-1]))
        ground = self.actors.ground or self.actors.country
        return bool(home and ground and home != ground)
