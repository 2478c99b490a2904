"""The arguments of a control statement: who holds (an actor named, a pronoun's actor, a
state by its nationality or its capital, the agent of a passive) and which ground (a place,
a facility, "the city", the share of it said), read from the parse around a word of control.

:class:`ControlArguments` is a part of :class:`marsad.extract.claims.ReportReader`, used by
the readers of :mod:`.control` and :mod:`.control_wordings`."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .countries import country_name, country_of, demonyms
from .grammar import FULL, PERCENT
from .holding import (
    ARMED_KINDS,
    BE_FORMS,
    GOVERNMENT_WORDS,
    LOCATION_PREPS,
    NOT_TOWNS,
    STATE_NOUNS,
    TOWN_WORDS,
    Ground,
    _conjuncts,
    _counted,
    _countries,
    _named,
    _own_tokens,
)
from .sentence import PlaceMention, SentenceFacts, _clean_place
from .spans import doc_ents


class ControlArguments:
    """A part of :class:`marsad.extract.claims.ReportReader`: its state lives there."""

    # -- who ---------------------------------------------------------------------------------

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

    def _actor_in(self, tokens, facts: SentenceFacts) -> str:
        """The armed actor named among some tokens ("by Turkey-backed rebels", "to the AA"),
        a pronoun's actor ("it", "they"), or a state named by its nationality ("the Malian
        authorities")."""
        tokens = list(tokens)
        indexes = {t.i for t in tokens}
        for actor in facts.actors:
            if actor.start in indexes and self.actors.kind(actor.name) not in ("civilians", ""):
                return self._anaphor(actor).name
        pronoun = next((t for t in tokens if t.lower_ in ("it", "they", "its", "their")), None)
        if pronoun is not None and pronoun.i == min(indexes):
            return self._pronoun_holder(facts, pronoun)
        return self._state_named(tokens)

    def _pronoun_holder(self, facts: SentenceFacts, pronoun: Token) -> str:
        """"It says it now controls": the armed group named before it in the sentence, else
        the one the story last told acting, else whoever speaks for a party."""
        before = [a for a in facts.actors if a.end <= pronoun.i
                  and self.actors.kind(a.name) in ARMED_KINDS]
        if before:
            return before[-1].name
        return self.last_actor1 or self._pronoun_actor(facts, pronoun)

    def _state_named(self, tokens: list[Token]) -> str:
        """"the Malian authorities", "the Iraqi government": that state's forces."""
        nouns = [t for t in tokens if t.lower_ in STATE_NOUNS]
        for noun in nouns:
            for child in noun.children:
                code = demonyms().get(child.lower_) if child.dep_ in ("amod", "compound") else ""
                if code:
                    return f"Military Forces of {country_name(code)}"
        return ""

    def _subject_actor(self, verb: Token, facts: SentenceFacts) -> str:
        """Who does the verb: its subject ("the rebels control"), the noun a participle or a
        relative clause hangs on ("rebels controlling the capital"), or a capital standing for
        its state ("Moscow controls")."""
        subjects = [c for c in verb.children if c.dep_ == "nsubj"
                    and c.lower_ not in ("who", "which", "that")]
        if not subjects and verb.dep_ in ("acl", "relcl"):  # "the Houthis, who control"
            subjects = [verb.head]
        if not subjects and verb.dep_ in ("conj", "advcl", "xcomp"):  # "units are inside,
            subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]  # holding sites"
        for subject in subjects:
            name = self._actor_in(subject.subtree, facts)
            if name:
                return name
            if subject.ent_type_ == "GPE":  # "Russia controls", "Moscow controls"
                code = country_of(subject.text) or self._capital_of(subject.text)
                if code:
                    return f"Military Forces of {country_name(code)}"
        return ""

    def _capital_of(self, name: str) -> str:
        """The country whose capital a name is ("Moscow" -> RU), from the gazetteer's
        country data; "" for any other name."""
        for code, country in _countries().items():
            if country.get("capital", "").lower() == name.lower():
                return code
        return ""

    def _agent(self, verb: Token, facts: SentenceFacts) -> str:
        """"captured by X", "controlled by X", "fell to X": the side that holds."""
        for child in verb.children:
            if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "to"
                                         and verb.lemma_.lower() == "fall"):
                name = self._actor_in(child.subtree, facts)
                if name:
                    return name
        return ""

    def _passive(self, verb: Token) -> bool:
        """"was captured", "is controlled by", "the town, captured by": the parser's word,
        unless what it calls the passive auxiliary is no form of "be" ("IS overran")."""
        return any(c.dep_ == "nsubjpass" or (c.dep_ == "auxpass" and c.lower_ in BE_FORMS
                                             and not c.is_upper) for c in verb.children) or (
            verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl")  # "the town, captured by"
            and not any(c.dep_ in ("nsubj", "aux") for c in verb.children))  # not "who have taken"

    # -- which ground ------------------------------------------------------------------------

    def _ground(self, phrase: Token, facts: SentenceFacts) -> list[Ground]:
        """The ground a phrase names and the share of it said, for the phrase and every
        conjunct and "including" it lists ("20% of X's territory, including Y")."""
        found = []
        for part in [phrase, *_conjuncts(phrase)]:
            one = self._ground_one(part, facts)
            if one is not None:
                found.append(one)
            for prep in (c for t in _own_tokens(part) for c in t.children
                         if c.dep_ == "prep" and c.lower_ in ("including", "incl")):
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    inner = self._ground_one(obj, facts)
                    if inner is not None:
                        found.append((inner[0], None))
        return found

    def _ground_one(self, part: Token, facts: SentenceFacts) -> Ground | None:
        inner, share = self._share_of(part)
        if any(a.start <= inner.i < a.end for a in facts.actors):
            return None  # "pushed the SDF out of P": the side pushed is no ground
        # "six of X's 17 townships", "20% of X's territory": the possessor is the ground
        owner = next((c for c in inner.children if c.dep_ == "poss"), None)
        if owner is not None and inner.pos_ == "NOUN" and self._word("parts", inner):
            place = self._place_in(owner, facts) or self._named_object(owner)
            if place is not None:
                return place, share
        if self._word("settlements", inner) and any(c.dep_ == "nummod" for c in inner.children):
            return self._facility(inner, facts), share  # "three villages south of X": near X
        if self._word("facilities", inner):
            if _counted(inner):
                return None  # "seized about 170 outposts": many posts, no one ground
            facility = self._facility(inner, facts)
            inside = self._place_in(inner, facts)
            if inside is not None and not _named(inner):
                return inside, share  # "some positions in the market": part of the market
            return facility, share
        of = next((c for p in inner.children if p.dep_ == "prep" and p.lower_ == "of"
                   for c in p.children if c.dep_ == "pobj"), None)
        if inner.pos_ == "NOUN" and of is not None:  # "the peninsula of Crimea": Crimea
            named_of = self._ground_one(of, facts)
            if named_of is not None:
                return named_of[0], share
        place = self._place_in(inner, facts)
        if place is not None:
            return place, share
        named = self._named_object(inner)
        if named is not None:
            return named, share
        if inner.lower_ in TOWN_WORDS:  # "the city": the one the story called so, else its last town
            town = self._town_before(inner, facts)
            if town is not None:
                return town, share
        if inner.lower_ in ("it", "them") and (ground := self._last_ground(facts)) is not None:
            return ground, share
        return None

    def _share_of(self, part: Token) -> tuple[Token, float | None]:
        """"six of the 17 townships" -> (townships, 6/17); "20% of" -> 0.2; "all of" -> 1."""
        text = " ".join(t.text for t in _own_tokens(part))
        inner = part
        of = next((c for c in part.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if pobj is not None and (part.pos_ in ("NUM", "PRON", "DET", "ADJ") or part.lower_ in (
                "%", "percent", "part", "parts", "most", "half", "all", "much", "third", "quarter")):
            inner = pobj
        percent = PERCENT.search(text)
        if percent:
            return inner, min(1.0, float(percent.group(1)) / 100)
        count, total = self.x.numbers.value(part.text), None
        if inner is not part and count:
            total = next((self.x.numbers.value(c.text) for c in inner.children
                          if c.dep_ == "nummod"), None)
        if count and total and count <= total:
            return inner, round(count / total, 3)
        if part.lower_ == "all" or FULL.search(text):
            return inner, 1.0
        return inner, None

    def _place_in(self, token: Token, facts: SentenceFacts) -> PlaceMention | None:
        """The place named in a phrase, not the possessor of a named place ("Chin State's
        Paletwa Township" is Paletwa Township)."""
        left, right = token.left_edge.i, token.right_edge.i
        inside = [p for p in facts.places if left <= p.start <= right and not p.origin]
        owned = [p for p in inside if p.end < len(self.doc) and self.doc[p.end].tag_ == "POS"]
        inside = [p for p in inside if p not in owned] or inside
        return inside[0] if inside else None

    def _facility(self, noun: Token, facts: SentenceFacts) -> PlaceMention:
        """A post, a base or a compound, named as the text names it ("Light Infantry
        Battalion 552 headquarters", "the main government compound"), inside the places its
        phrase names, else the town the story is in."""
        skip: set[int] = set()
        for token in noun.subtree:
            if token.i in skip:
                continue
            # "in X" is where it is; "of X" is which one it is ("the bank of the river")
            located = token.dep_ == "prep" and token.lower_ in (*LOCATION_PREPS, "including") \
                and not (token.lower_ == "of" and token.head == noun)
            owner = (token.dep_ == "poss" and token.lower_ in ("its", "their", "his", "our")) or (
                (token.dep_ == "poss" or token.lower_ == "of") and self._actor_in(token.subtree, facts))
            if located or owner or token.dep_ in ("relcl", "acl", "cc", "conj", "appos") \
                    and token.i != noun.i:
                skip |= {t.i for t in token.subtree}
        words = [t for t in noun.subtree if t.i not in skip and t.dep_ not in ("det", "punct")
                 and not t.is_space]
        text = "".join(t.text_with_ws for t in words).strip() or noun.text
        parents = [p.text for p in facts.places
                   if noun.left_edge.i <= p.start <= noun.right_edge.i and not p.origin]
        if not parents:  # "the battalion was captured in X", "three villages to the south
            # of X": where the clause puts it, after the noun
            verb = next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), noun)
            parents = [p.text for p in facts.places if not p.origin and p.start > noun.i
                       and verb.left_edge.i <= p.start <= verb.right_edge.i]
        if not parents:
            town = self._town_before(noun, facts) or self.last_place
            parents = [town.text] if town is not None else []
        start = min(t.i for t in words) if words else noun.i
        return PlaceMention(start, noun.i + 1, text, noun.lemma_.lower(), tuple(parents))

    def _town_before(self, token: Token, facts: SentenceFacts) -> PlaceMention | None:
        """"the city" is the town this sentence named before it, else the story's last town."""
        named = [p for p in facts.places if p.end <= token.i and not p.origin
                 and not country_of(p.text) and p.kind_hint not in NOT_TOWNS]
        return named[-1] if named else self._story_town()

    def _story_town(self) -> PlaceMention | None:
        """The story's last town: the reader's, unless that is a country ("officials in
        Ukraine said"), then the last town a sentence of control was told beside."""
        town = self.last_town
        return town if town is not None and not country_of(town.text) else self.control_town

    def _note_towns(self, facts: SentenceFacts) -> None:
        towns = [p for p in facts.places if not p.origin and not country_of(p.text)
                 and p.kind_hint in ("", *TOWN_WORDS)]  # not a hospital, a region, a river
        if towns:
            self.control_town = towns[-1]

    def _last_ground(self, facts: SentenceFacts) -> PlaceMention | None:
        """"attacked the border outpost and captured parts of it": the facility the story
        named last when the sentence speaks of one of its kind, else the story's last place."""
        facility = self.last_facility
        if facility is not None and any(t.lemma_.lower() == facility.kind_hint for t in facts.sent):
            return facility
        return self.last_place

    def _note_facilities(self, facts: SentenceFacts) -> None:
        """Remember a facility named by its own name ("the Kyein Chaung outpost"), which a
        later "it" or "the outpost" may speak of."""
        for token in facts.sent:
            if token.pos_ == "NOUN" and self._word("facilities", token) and any(
                    c.dep_ == "compound" and c.pos_ == "PROPN" and c.lower_ not in demonyms()
                    for c in token.children):
                self._remember_facility(self._facility(token, facts))

    def _named_object(self, obj: Token) -> PlaceMention | None:
        """A name in the object of a verb of taking or attacking, that is not an armed group
        nor the possessor of what is taken ("Chin State's ...")."""
        for ent in doc_ents(self.doc):
            if obj.left_edge.i <= ent.start <= obj.right_edge.i and ent.label_ in ("ORG", "PERSON"):
                owner = self.doc[ent.end - 1].tag_ == "POS" or (
                    ent.end < len(self.doc) and self.doc[ent.end].tag_ == "POS")
                if owner and ent.root != obj:
                    continue
                text, hint = _clean_place(ent)
                return PlaceMention(ent.start, ent.end, text, hint) if text else None
        if obj.pos_ == "PROPN" and not obj.ent_type_ and obj.is_title:
            owners = [t.i for t in obj.subtree if t.tag_ == "POS" and t.i < obj.i]
            span = self.doc[max([obj.left_edge.i, *(i + 1 for i in owners)]):obj.i + 1]
            words = [t for t in span if t.pos_ == "PROPN" or t.text == "-"]
            if words:
                return PlaceMention(words[0].i, obj.i + 1, self.doc[words[0].i:obj.i + 1].text)
        return None

    def _pronoun_place(self, sent: Span) -> PlaceMention | None:
        if re.search(r"\b(of it|it)\b", sent.text) and self.last_place is not None:
            return self.last_place
        return None

    def _remember_facility(self, place: PlaceMention) -> None:
        if place.kind_hint:
            self.last_facility = place
