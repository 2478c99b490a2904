"""Territorial control: captures, holdings, handovers, withdrawals and shares of ground, read as
Control records (a capture is also an event, told by incident assembly).

Each family of wordings has a reader that gives :class:`Holding` statements (who, which ground,
what share, the word it hangs on); :meth:`ControlReading._controls` dates and records them. The
words of each family are data (``control:`` in data/triggers.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from itertools import islice

from spacy.tokens import Span, Token

from .spans import doc_ents
from ..records import Control, EventDate, content_id
from .attribution import Speaker
from .countries import country_name, country_of, demonyms
from .lexicon import TriggerHit
from .sentence import PlaceMention, SentenceFacts, _clean_place

from .places import ADMIN_HINTS
from .grammar import FULL, PARTIAL, PERCENT, Incident, _assign, _evidence, _root


# "rebel-held Khan Shaykhun", "the Houthi-controlled capital", "IS-run Raqqa": who holds a
# place, said in passing, as of the report's day
HELD = re.compile(r"\b([A-Z][\w.'’]*|[a-z]+)(?:-| )(held|controlled|run|occupied|besieged)\b")
GOVERNMENT_WORDS = {"government", "regime", "army", "state", "pro-government", "loyalist"}
# where a facility is: "the compound in Ramadi", "checkpoints around the town"
LOCATION_PREPS = frozenset({"in", "inside", "near", "at", "on", "around", "outside", "of", "within"})
TOWN_WORDS = ("city", "town", "village")
# what "the city" cannot be: an area, a river, a border ("near the Dnipro river, ... retook the city")
NOT_TOWNS = frozenset({*ADMIN_HINTS, "district", "township", "river", "sea", "lake", "valley",
                       "mountain", "mountains", "bank", "border", "region", "province", "state"})
ARMED_KINDS = frozenset({"state force", "rebel group", "political militia", "identity militia"})
# "the state's authorities", "the Malian government": a state's own, coded as its forces
STATE_NOUNS = frozenset({"authorities", "government", "army", "forces", "troops", "military"})
BE_FORMS = frozenset({"is", "are", "was", "were", "be", "been", "being", "get", "got", "gotten"})


# a piece of ground and the share of it a phrase says ("20% of X" -> (X, 0.2))
Ground = tuple[PlaceMention, "float | None"]


@dataclass(frozen=True)
class Holding:
    """One statement that a side holds some ground, before it is dated and recorded."""

    holder: str  # a canonical actor, or "contested"
    place: PlaceMention
    verb: Token  # the word the statement hangs on: its tense and its date
    share: float | None = None
    hits: tuple[TriggerHit, ...] = ()  # the capture's trigger, whose date it takes
    now: bool = False  # true as of the report ("controls", "has seized", "since X seized")
    date: EventDate | None = None  # the date of the statement it goes on from, if given


class ControlReading:
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

    # -- who ---------------------------------------------------------------------------------

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
            if verbal and self._word("holding", token):
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


def _sentence_share(text: str) -> float | None:
    percent = PERCENT.search(text)
    if percent:
        return min(1.0, float(percent.group(1)) / 100)
    return 1.0 if FULL.search(text) else None


def _name_run(token: Token) -> PlaceMention:
    """A proper name and the proper nouns compounded before it ("Mogila Ostraya")."""
    start = min([token.i, *(c.i for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN")])
    return PlaceMention(start, token.i + 1, token.doc[start:token.i + 1].text)


def _counted(noun: Token) -> bool:
    """"170 outposts", "several bases", "dozens of posts": a number of posts, not one."""
    many = ("several", "many", "dozens", "hundreds", "scores", "numerous", "multiple")
    if noun.dep_ == "conj" and _counted(noun.head):
        return True  # "170 outposts and bases"
    return any(c.dep_ == "nummod" and c.lower_ not in ("one", "1") or c.lower_ in many
               for c in noun.children) or (noun.head.lower_ == "of" and noun.head.head.lower_ in many)


def _named(noun: Token) -> bool:
    """A facility with a name of its own ("the Kyein Chaung outpost", "Battalion 552's
    headquarters"), not just a kind ("positions", "the compound")."""
    return any(t.pos_ in ("PROPN", "NUM") for t in noun.subtree
               if t.i <= noun.i or (t.head == noun and t.dep_ == "prep" and t.lower_ == "of")
               or any(a.lower_ == "of" and a.head == noun for a in t.ancestors))


def _of_control(objects: list[Token]) -> list[Token]:
    """"took control of the city", "giving up control of the city": the city."""
    return [inner for o in objects for inner in (
        [g for p in o.children if p.dep_ == "prep" and p.lower_ == "of"
         for g in p.children if g.dep_ == "pobj"] if o.lower_ == "control" else [o])]


def _conjuncts(token: Token) -> list[Token]:
    found, todo = [], [c for c in token.children if c.dep_ == "conj"]
    while todo:
        conj = todo.pop(0)
        found.append(conj)
        todo += [c for c in conj.children if c.dep_ == "conj"]
    return found


def _own_tokens(token: Token) -> list[Token]:
    """A phrase's tokens without its conjuncts ("A, B and C" -> A)."""
    skip = {t.i for c in token.children if c.dep_ in ("conj", "cc") for t in c.subtree}
    return [t for t in token.subtree if t.i not in skip]


def _countries() -> dict:
    from .countries import _countries as countries

    return countries()
