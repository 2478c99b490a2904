"""Argument linking: who did it and to whom, from the parse (subjects, agents, objects, the dead),
pronouns and the story's last actor; ACLED's fixed roles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from .actors import ActorMention
from .attribution import SPEECH_LEMMAS
from .lexicon import TriggerHit
from .sentence import SentenceFacts

if TYPE_CHECKING:
    pass

from .grammar import _agents, _modifiers, _objects, _root, _subjects


class ArgumentLinking:
    """A part of :class:`marsad.extract.claims.ReportReader`: its state lives there."""

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
        if actor1 and _ran_into(verb, trigger):
            # "their convoy hit a roadside bomb": the one that hit it is the one it hit
            return "", actor1
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
        # (not one a clause on someone names: "seven men accused of spying for the army")
        named = [a.name for a in actors if a.name not in (actor1, actor2)
                 and not _described_in(doc, a)]
        if not actor1:
            # (not a side the sentence has hurt, nor one it names only as what was hit:
            # "terrorists targeted two police stations ... two cops were injured")
            hurt = set(victims) | {f.actor for f in facts.figures if f.actor}
            owners = {a.name for a in actors if _owns_target(doc, a)}
            actor1 = next((n for n in named if n not in hurt and n not in owners
                           and n != "Civilians"
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
        """An actor named only as the one speaking ("the army said", "an RSF spokesman denied",
        "according to the police's statements")."""
        if _according_to(self.doc, actor):
            return True
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
                        token.left_edge.i <= actor.start and actor.end <= token.right_edge.i + 1
                        and not _in_clause_below(token, actor)):
                    return actor.name
        return ""

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


def _according_to(doc, actor: ActorMention) -> bool:
    """The mention sits in an "according to ..." phrase: the source, not a party to it."""
    token = doc[actor.end - 1]
    for _ in range(4):
        if token.head is token:
            return False
        if token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.i > 0 \
                and doc[token.head.i - 1].lower_ == "according":
            return True
        token = token.head
    return False


def _owns_target(doc, actor: ActorMention) -> bool:
    """"police stations", "an army post": the actor names what was hit, as its modifier."""
    token = doc[actor.end - 1]
    return token.dep_ == "compound" and token.head.dep_ in ("dobj", "pobj", "nsubjpass")


# what a vehicle or a patrol does to a mine or a bomb laid for it
RAN_INTO = frozenset({"hit", "strike", "step", "run", "drive", "trigger", "detonate"})


def _ran_into(verb: Token, trigger: Token) -> bool:
    """"A vehicle of the army hit an improvised explosive device", "a patrol stepped on a
    landmine": the subject ran into the device, the trigger is what it hit."""
    if verb.lemma_.lower() not in RAN_INTO or trigger is verb:
        return False
    hit = {c for c in verb.children if c.dep_ == "dobj"} | {
        p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "into", "over")
        for p in c.children if p.dep_ == "pobj"}
    return any(trigger.i in (h.i, *(t.i for t in h.subtree)) for h in hit) and any(
        w in trigger.lower_ for w in ("mine", "explosive", "ied", "bomb", "device"))


def _in_clause_below(token: Token, actor: ActorMention) -> bool:
    """The actor is named in a clause that describes the token's noun ("seven men accused of
    spying for the army"), not as the noun itself or its owner."""
    inner = token.doc[actor.end - 1]
    for up in inner.ancestors:
        if up is token:
            return False
        if up.dep_ in ("acl", "relcl"):
            return True
    return False


def _described_in(doc, actor: ActorMention) -> bool:
    """The actor is named inside a reduced relative clause on a noun ("men accused of spying
    for the army", "homes owned by soldiers") or a clause on a place ("Cosa, where protesters
    had set up barricades"), not as a party of the sentence."""
    for up in doc[actor.end - 1].ancestors:
        if up.dep_ == "acl" and up.tag_ == "VBN" and up.head.pos_ in ("NOUN", "PROPN"):
            return True
        if up.dep_ == "relcl" and any(c.lower_ == "where" and c.dep_ == "advmod"
                                      for c in up.children):
            return True
        if up.dep_ in ("ROOT", "ccomp"):
            return False
    return False
