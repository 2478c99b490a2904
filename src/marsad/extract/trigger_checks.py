"""Whether a trigger tells a new incident of the sentence, or something else: a reference to an
incident told elsewhere ("after the attack"), a stance on one, a habit, a campaign, an aim, a
possibility, an accident, a crime, a weapon word that only describes a noun.

:class:`TriggerChecks` is a part of :class:`marsad.extract.claims.ReportReader`, used by
:class:`marsad.extract.incidents.IncidentAssembly`."""

from __future__ import annotations

from .grammar import (
    REFERENCE_PREPOSITIONS,
    REFERENCE_VERBS,
    WEAK_TRIGGERS,
    _conditional,
    _own_date,
    _root,
    _subjects,
)
from .lexicon import TriggerHit
from .sentence import SentenceFacts


BREAKING = frozenset({"violate", "breach", "break", "collapse", "flout", "undermine", "reject",
                      "violation", "breakdown"})


# combatant words that also stand in reports of accidents ("police said", "security guards")
UNARMED_WORDS = frozenset({"police", "policemen", "officers", "officer", "personnel", "guards",
                           "members", "member"})


MODALS = frozenset({"can", "may", "might", "should", "must", "could"})
# a campaign talked about ("the offensive achieved its goals"), not fought in the sentence
CAMPAIGNS = frozenset({"offensive", "campaign", "war", "operation", "counteroffensive",
                       "crackdown", "investigation", "probe", "law", "sanction", "measure"})
# modifiers of a habit: "frequent protests", "regular raids"
HABITUAL = frozenset({"frequent", "regular", "repeated", "daily", "nightly", "weekly",
                      "constant", "recurrent", "routine", "periodic", "sporadic"})
# what puts an end to an act, or asks for it: "urged him to stop killing protesters"
ENDING = frozenset({"stop", "end", "halt", "cease", "prevent", "avert", "urge", "demand"})

# verbs whose object is the party accused, not an incident ("accused X and its artillery of")
ACCUSING = frozenset({"accuse", "blame"})


class TriggerChecks:
    """A part of :class:`marsad.extract.claims.ReportReader`: its state lives there."""

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
        if token.dep_ == "dobj" and token.head.lemma_.lower() in REFERENCE_VERBS \
                and not _told_new(token):
            return True
        if token.dep_ == "conj" and token.head.dep_ == "dobj" \
                and token.head.head.lemma_.lower() in ACCUSING:
            return True  # "accused Rwandan soldiers and artillery of supporting the attack"
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

    def _too_few(self, hit: TriggerHit, facts: SentenceFacts) -> bool:
        """"Almost 15,000 people have fled across the border" is a development of its own
        (ACLED's Other); "the gunmen fled", "camps for displaced people" and "two million have
        fled since the war began" (a period's count) are none. A trigger with a ``crowd`` needs
        a clause verb whose subject or object counts at least that many."""
        if not hit.trigger.crowd:
            return False
        token = _root(self.doc, hit)
        if token.pos_ != "VERB" or token.dep_ in ("amod", "acl", "compound") \
                or self.x.lexicon.toll_cue_spans(facts.sent):
            return True
        people = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
        spans = [(p.left_edge.i, p.right_edge.i) for p in people]
        counted = [m.count.value or 0 for m in self.x.numbers.mentions(facts.sent)
                   if any(start <= m.start <= end for start, end in spans)]
        return max(counted, default=0) < hit.trigger.crowd

    def _broken_agreement(self, hit: TriggerHit) -> bool:
        """"violated the ceasefire 12 times": a ceasefire named, no agreement made."""
        if hit.sub_event_type != "Agreement":
            return False
        token = _root(self.doc, hit)
        governors = [token.head, token.head.head] if token.dep_ in (
            "dobj", "pobj", "nsubj", "compound") else []  # "amid ceasefire violations"
        return any(g.lemma_.lower() in BREAKING for g in governors) or any(
            c.lemma_.lower() in BREAKING for c in token.children)


# verbs that tell an incident as well as refer to one: "the governor reported a drone attack
# on the district at night" tells it; "the ministry confirmed the attack" refers to it
TELLING_VERBS = frozenset({"report", "confirm", "record", "document", "witness"})


def _told_new(token) -> bool:
    """The object of a telling verb that an indefinite article or a count brings in as news."""
    return token.head.lemma_.lower() in TELLING_VERBS and any(
        (c.dep_ == "det" and c.lower_ in ("a", "an", "another")) or c.dep_ == "nummod"
        for c in token.children)

