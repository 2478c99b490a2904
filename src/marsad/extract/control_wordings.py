"""The readers of control statements, one for each family of wordings, each giving
:class:`.holding.Holding` statements: captures ("X seized P", "P fell to X"), holdings
("X controls P", "P is under X control"), handovers ("handed P over to X") and departures
("X withdrew from P").

:class:`ControlWordings` is a part of :class:`marsad.extract.claims.ReportReader`; who and
which ground each statement names are read by :mod:`.control_arguments`, and
:mod:`.control` dates and records them."""

from __future__ import annotations

from itertools import islice

from spacy.tokens import Span, Token

from .grammar import FULL, PARTIAL, _assign, _root
from .holding import ARMED_KINDS, TOWN_WORDS, Ground, Holding, _of_control, _sentence_share
from .lexicon import TriggerHit
from .sentence import PlaceMention, SentenceFacts


class ControlWordings:
    """A part of :class:`marsad.extract.claims.ReportReader`: its state lives there."""

    # -- captures ----------------------------------------------------------------------------

    def _captures(self, facts: SentenceFacts) -> list[Holding]:
        """"X seized P", "P was captured by X", "P fell to X", "since X seized power": the
        taker holds the ground, as of the capture (as of the report when the capture is told
        in passing: "since X took P", "P, which X captured last month")."""
        found = []
        for hit in [*facts.triggers, *self._takings(facts)]:
            if not hit.trigger.territory or not self._taken_ground(hit, facts):
                continue
            verb = _root(self.doc, hit)
            if self._attempted(verb):
                continue
            holder = self._capture_holder(hit, verb, facts)
            grounds = self._taken(hit, verb, facts)
            aside = any(c.dep_ == "mark" and c.lower_ == "since" for c in verb.children) or \
                verb.dep_ == "relcl"
            for place, share in grounds:
                if share is None and self._partial(hit):
                    holder_value = "contested"
                else:
                    holder_value = holder
                found.append(Holding(holder_value, place, verb, share, (hit,)))
                perfect = any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in verb.children)
                if aside and not perfect:  # still held: "since X took P",
                    # "P, which X took last month" (one who "has taken" P holds it now anyway)
                    found.append(Holding(holder_value, place, verb, share, (hit,), now=True))
                self._remember_facility(place)
        return found

    def _takings(self, facts: SentenceFacts) -> list[TriggerHit]:
        """Captures read for control only ("wrested from their rivals most of X"), under the
        lexicon's first capture trigger, so that they read like one."""
        capture = next((t for t in self.x.knowledge.triggers if t.territory), None)
        if capture is None or any(h.trigger.territory for h in facts.triggers):
            return []
        return [TriggerHit(capture, t.i, t.i + 1) for t in facts.sent
                if t.pos_ == "VERB" and self._word("taking", t)]

    def _taken_ground(self, hit: TriggerHit, facts: SentenceFacts) -> bool:
        """A capture of ground, not of people, weapons or homes; a compound, a base or a
        post is ground although its capture may be coded as an attack on a building."""
        checked = self._check_territory(hit, facts)
        if checked is not None and checked.trigger.territory:
            return True
        verb = _root(self.doc, hit)
        return checked is not None and any(self._word("facilities", c) for c in verb.children
                                           if c.dep_ in ("dobj", "nsubjpass"))

    def _attempted(self, verb: Token) -> bool:
        """"an effort to seize", "trying to take", "will capture": not a capture yet."""
        if any(c.dep_ == "aux" and c.lower_ in ("will", "would", "could", "might", "may", "to")
               and verb.dep_ not in ("xcomp", "acl", "advcl") for c in verb.children
               if c.lower_ != "to"):
            return True
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        if verb.dep_ not in ("xcomp", "acl", "pcomp", "pobj") and not (
                verb.dep_ == "advcl" and infinitive):
            return False  # "trying to take X since they captured Y": Y was captured
        return any(self._word("attempts", t) for t in islice(verb.ancestors, 2))

    def _capture_holder(self, hit: TriggerHit, verb: Token, facts: SentenceFacts) -> str:
        """The taker: the agent of a passive ("was captured by X"), "fell to X"; a passive with
        no agent leaves the ground to whom the sentence hands it, or to the captured side's
        enemy ("the junta's battalion was captured": not the junta's any more)."""
        agent = self._agent(verb, facts)
        if agent:
            return agent
        if self._passive(verb):
            given = self._recipient(facts.sent, facts)
            if given:
                return given
            subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
            loser = next((n for s in subjects if (n := self._actor_in(s.subtree, facts))), "")
            return self.actors.opponent_of(loser, self.armed) if loser else ""
        if verb.dep_ == "relcl":  # "the Houthi forces, who have seized ..."
            return self._subject_actor(verb, facts) or self._roles(facts, hit)[0]
        return self._roles(facts, hit)[0]

    def _taken(self, hit: TriggerHit, verb: Token, facts: SentenceFacts) -> list[Ground]:
        """The ground taken: the verb's object ("captured Bakhmut", "retook the city"), the
        place a relative clause hangs on ("Tal Abyad, which was captured"), a country's power."""
        objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")
                   or (c.dep_ == "npadvmod" and c.lower_ in ("most", "all", "much", "part", "parts"))]
        if verb.lemma_.lower() == "fall":  # "the town fell to X": what falls is taken
            objects = [c for c in verb.children if c.dep_ == "nsubj"]
        if verb.dep_ == "relcl" and any(c.lower_ in ("which", "that") for c in objects):
            place = self._place_in(verb.head, facts) if verb.head.i < verb.i else None
            near = [p for p in facts.places if p.end == verb.head.i + 1]
            if near or place is not None:
                return [(near[0] if near else place, None)]
        if any(o.lower_ == "power" for o in objects) and self.actors.country_name:
            return [(PlaceMention(verb.i, verb.i + 1, self.actors.country_name), 1.0)]
        grounds = [g for o in _of_control(objects) if o.lower_ not in ("which", "that")
                   for g in self._ground(o, facts)]
        if not grounds:  # "drove the rebels out of P", "pushed them from P"
            left = [o for p in verb.children if p.dep_ == "prep" and p.lower_ in ("of", "from", "out")
                    for o in p.subtree if o.dep_ == "pobj" and o.head.lower_ in ("of", "from")]
            grounds = [g for o in left for g in self._ground(o, facts)][:1]
        if grounds:
            share = _sentence_share(facts.sent.text)
            return [(p, s if s is not None else (share if len(grounds) == 1 else None))
                    for p, s in grounds]
        place = self._object_place(hit, facts)
        if place is None:
            place = self._definite_feature(facts.sent) or self._pronoun_place(facts.sent)
        return [(place, _sentence_share(facts.sent.text))] if place is not None else []

    def _partial(self, hit: TriggerHit) -> bool:
        """"retook some positions in the market": part of the place, so it is contested."""
        verb = _root(self.doc, hit)
        objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        return any(PARTIAL.search(self.doc[o.left_edge.i:o.right_edge.i + 1].text) for o in objects)

    def _object_place(self, hit: TriggerHit, facts: SentenceFacts) -> PlaceMention | None:
        """The ground a capture phrase names near it when the parse gives it no object."""
        after = self.doc[hit.end:min(hit.end + 4, facts.sent.end)]
        named_after = [p for p in facts.places if hit.end <= p.start < hit.end + 4]
        if not named_after and self._story_town() is not None and any(
                t.lower_ in TOWN_WORDS and t.i > after.start and
                self.doc[t.i - 1].lower_ == "the" for t in after):
            return self._story_town()  # "retook the city"
        return _assign(facts.places, [hit], prefer_after=True, share=True).get(hit.start)

    # -- holdings ----------------------------------------------------------------------------

    def _holdings(self, facts: SentenceFacts) -> list[Holding]:
        """"X controls P", "P is controlled by X", "X maintains checkpoints around P", "P is
        under X control", "X is in control of P", "divided between X control in the east
        and Y control in the west"; "X does not control P" leaves P contested."""
        found = []
        for token in facts.sent:
            # the tagger may call a verb "control" a noun: its subject and object say it is not
            verbal = token.pos_ in ("VERB", "AUX") or \
                {"nsubj", "dobj"} <= {c.dep_ for c in token.children}
            if verbal and self._word("present", token):
                found += self._present_in(token, facts)
            elif verbal and self._word("holding", token):
                found += self._held_by_verb(token, facts)
            elif token.lower_ == "control" and token.pos_ == "NOUN":
                found += self._held_by_noun(token, facts)
        return found

    def _held_by_verb(self, verb: Token, facts: SentenceFacts) -> list[Holding]:
        if verb.lemma_.lower() in ("maintain", "man", "keep", "retain", "hold") and not any(
                self._word("facilities", o) or self._place_in(o, facts)
                for o in verb.children if o.dep_ == "dobj"):
            return []  # "maintained its position", "held talks": no ground named
        passive = self._passive(verb)
        holder = self._agent(verb, facts) if passive else self._subject_actor(verb, facts)
        if any(c.dep_ == "neg" for c in verb.children) and holder:
            holder = "contested"  # one side's word that the other does not hold it
        if not holder:
            return []
        if passive:
            objects = [c for c in verb.children if c.dep_ == "nsubjpass"]
            if verb.dep_ in ("relcl", "acl") or any(c.lower_ in ("which", "that") for c in objects):
                objects = [verb.head]
        else:
            objects = [c for c in verb.children if c.dep_ == "dobj"]
        return [Holding(holder, place, verb, share) for o in objects
                for place, share in self._ground(o, facts)]

    def _present_in(self, verb: Token, facts: SentenceFacts) -> list[Holding]:
        """"the rebels were stationed in the district of X", "troops entrenched in X": the
        side whose forces are there holds the ground it names."""
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        holder = next((name for s in subjects if (name := self._actor_in(s.subtree, facts))), "")
        if not holder or any(c.dep_ == "neg" for c in verb.children) or any(
                t.dep_ == "det" and t.lower_ == "no" for s in subjects for t in s.children):
            return []  # ("no fighters were stationed there": nobody's)
        grounds = [o for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "inside")
                   for o in c.children if o.dep_ == "pobj"]
        return [Holding(holder, place, verb, share) for o in grounds
                for place, share in self._ground(o, facts)]

    def _held_by_noun(self, noun: Token, facts: SentenceFacts) -> list[Holding]:
        head = noun.head
        taking = ("take", "seize", "gain", "lose", "regain", "wrest", "assume")
        if head.pos_ == "VERB" and (head.lemma_.lower() in taking or self._word("handing", head)):
            return []  # a capture or a handover, read by its own reader
        holder = self._control_holder(noun, facts)
        if not holder:
            return []
        prep = head if head.dep_ == "prep" else None
        clause = prep.head if prep is not None else head
        ground: list[Ground] = []
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if prep is not None and prep.lower_ == "in" and of is not None:  # "X is in control of P"
            ground = [g for o in of.children if o.dep_ == "pobj" for g in self._ground(o, facts)]
        else:
            while clause.dep_ in ("prep", "pobj", "conj") and clause.pos_ != "VERB":
                clause = clause.head
            subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
            if clause.pos_ in ("NOUN", "PROPN"):
                subjects = [clause]  # "areas under rebel control"
            ground = [g for s in subjects for g in self._ground(s, facts)]
        said = [t.text for t in (*head.subtree, *(c for c in clause.children if c.dep_ == "advmod"))]
        full = FULL.search(" ".join(said))  # "fully under", "under full control"
        return [Holding(holder, place, noun, share if share is not None else (1.0 if full else None))
                for place, share in ground]

    def _control_holder(self, noun: Token, facts: SentenceFacts) -> str:
        """"under the control of X", "under X('s) control", "X control", "in control of"."""
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        head = noun.head
        if head.dep_ == "prep" and head.lower_ == "in" and head.head.pos_ in ("VERB", "AUX"):
            return self._subject_actor(head.head, facts)
        if of is not None and head.lower_ == "under":
            name = self._actor_in(of.subtree, facts)
            if name:
                return name
        for child in noun.children:
            if child.dep_ not in ("poss", "compound", "amod", "nmod"):
                continue
            name = self._actor_in(child.subtree, facts)
            for word in (w for w in child.subtree if not name and w.pos_ in ("NOUN", "PROPN", "ADJ")):
                name = self._holder_named(word.text, word.idx, facts)
            if name:
                return name
        return ""

    # -- handovers and withdrawals -----------------------------------------------------------

    def _recipient(self, span: Span, facts: SentenceFacts) -> str:
        """"handed over P to X", "giving up control of P to X", "surrendered to X": X."""
        for token in span:
            if not self._word("handing", token):
                continue
            for prep in (t for t in token.subtree if t.dep_ in ("prep", "dative") and t.lower_ == "to"):
                name = self._actor_in(prep.subtree, facts)
                if name:
                    return name
        return ""

    def _handovers(self, facts: SentenceFacts) -> list[Holding]:
        """The side ground is handed to holds it: "handed the base over to X", "the handover
        of its base to X", "giving up control of the city to X"; a garrison that
        "surrendered to X" leaves X its post."""
        found = []
        for token in facts.sent:
            if not self._word("handing", token) or token.pos_ not in ("VERB", "NOUN"):
                continue
            recipient = self._given_to(token, facts)
            if not recipient:
                continue
            for place, share in self._handed(token, facts):
                found.append(Holding(recipient, place, token, share))
                self._remember_facility(place)
        return found

    def _given_to(self, token: Token, facts: SentenceFacts) -> str:
        """"handed it to X", "the handover of P to X" (the parse may hang "to X" on the verb
        whose object the handover is)."""
        heads = [token, *token.children]
        if token.pos_ == "NOUN":
            heads.append(token.head)
        for prep in (c for h in heads for c in h.children
                     if c.dep_ in ("prep", "dative") and c.lower_ == "to"):
            name = self._actor_in(prep.subtree, facts)
            if name:
                return name
        return ""

    def _handed(self, token: Token, facts: SentenceFacts) -> list[Ground]:
        objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        if token.pos_ == "NOUN":
            objects = [o for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
                       for o in p.children if o.dep_ == "pobj"]
        ground = [g for o in _of_control(objects) for g in self._ground(o, facts)]
        if ground or token.lemma_.lower() != "surrender":
            return ground
        # "the police stationed at X surrendered to Y": the post they held
        posts = [t for t in facts.sent if self._word("facilities", t) and t.pos_ in ("NOUN", "PROPN")]
        return [(self._facility(posts[0], facts), 1.0)] if posts else []

    def _departures(self, facts: SentenceFacts) -> list[Holding]:
        """Ground a side leaves goes to the side it fought: "X withdrew from P", "X pulled out
        of P", "units of X left P" (not "withdrew to P", where they went)."""
        found = []
        for verb in facts.sent:
            if verb.pos_ != "VERB" or not self._word("leaving", verb):
                continue
            leaver = self._subject_actor(verb, facts)
            if self.actors.kind(leaver) not in ARMED_KINDS:
                continue
            others = [a.name for a in facts.actors if a.name != leaver
                      and self.actors.kind(a.name) in ARMED_KINDS
                      and self.actors.side(a.name) != self.actors.side(leaver)]
            holder = others[0] if others else self.actors.opponent_of(leaver, self.armed)
            if not holder:
                continue
            objects = [c for c in verb.children if c.dep_ == "dobj"]
            objects += [o for p in verb.subtree if p.dep_ == "prep" and p.lower_ in ("from", "of")
                        and p.head in (verb, *verb.children) for o in p.children if o.dep_ == "pobj"]
            for obj in objects:
                for place, share in self._ground(obj, facts):
                    found.append(Holding(holder, place, verb, share))
        return found
