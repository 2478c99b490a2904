"""Actors in a report: which conflict it is about, and which canonical actor a mention names."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache

from spacy.tokens import Doc, Span

from .spans import doc_ents, ents_in
from ..knowledge import Conflict, Knowledge
from ..nlp import ACRONYM  # (what the entity ruler matches in exact case)
from .countries import (acting_country, country_name as _country_name, country_names,
                        country_votes, demonyms,
                        report_countries, report_country)

COUNTRY_WORDS = {
    "SY": ("syria", "syrian"), "IQ": ("iraq", "iraqi"), "UA": ("ukraine", "ukrainian"),
    "RU": ("russia", "russian"), "SD": ("sudan", "sudanese"), "SO": ("somalia", "somali"),
    "NG": ("nigeria", "nigerian"), "MM": ("myanmar", "burma"), "YE": ("yemen", "yemeni"),
    "PS": ("gaza", "palestinian", "west bank"), "IL": ("israel", "israeli"),
    "LB": ("lebanon", "lebanese"), "KE": ("kenya", "kenyan"), "NE": ("niger",),
    "TD": ("chad",), "CM": ("cameroon",),
}


@lru_cache(maxsize=1)
def _longer_names() -> re.Pattern:
    """Country names and adjectives of several words ("South Sudan", "Equatorial Guinea",
    "Central African"), which hold another country's word without naming it."""
    names = [n for n in (*country_names(), *demonyms()) if " " in n or "-" in n]
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len,
                                                                          reverse=True)) + r")\w*")


def _without_longer_names(text: str) -> str:
    return _longer_names().sub(" ", text)


@dataclass(frozen=True)
class ActorMention:
    name: str  # canonical
    start: int
    end: int
    text: str
    generic: bool = False


# a country's forces, as ACLED names them
STATE_PREFIXES = ("Military Forces of ", "Police Forces of ")
STATE_WORDS = {"the army": "Military Forces", "army": "Military Forces", "troops": "Military Forces",
               "soldiers": "Military Forces", "the military": "Military Forces",
               "government forces": "Military Forces", "security forces": "Military Forces",
               "government troops": "Military Forces", "police": "Police Forces",
               "the police": "Police Forces", "police officers": "Police Forces"}


def _against_or_for(token) -> bool:
    """"anti-government fighters", "pro-Russian separatists": against or for the state its
    word names, not its forces."""
    doc = token.doc
    before = [t.lower_ for t in doc[max(0, token.i - 2):token.i]]
    return bool(before) and (before[-1] in ("anti", "pro") or (
        before[-1] == "-" and len(before) > 1 and before[0] in ("anti", "pro")))


class ActorResolver:
    """Maps ACTOR and GENERIC entities of one report to canonical actors."""

    def __init__(self, knowledge: Knowledge, doc: Doc, ground: str = ""):
        self.knowledge = knowledge
        self.actors = knowledge.actors
        self.ground = ground  # the country the report's places lie in, where known
        self._doc = doc
        self.conflict = self._detect_conflict(doc)
        # the country whose forces "the army" or "government troops" are: the one the report
        # names most among its conflict's, else the one it names most ("Turkey maintains 12
        # posts" in a story on Syria's army does not make the troops Turkish)
        votes, _ = country_votes(doc)
        ranked = report_countries(doc)
        # (a conflict's country named in passing — "the 1971 war with Pakistan" in a story on
        # Bangladesh — does not count: it must be named at least half as often as the first)
        inside = [c for c in ranked if self.conflict is not None and c in self.conflict.countries
                  and 2 * votes[c] >= votes[ranked[0]]]
        # (a story that names no country: the one its places lie in)
        self.country = inside[0] if inside else (ranked[0] if ranked else ground)
        self.country_name = _country_name(self.country)

    def _detect_conflict(self, doc: Doc) -> Conflict | None:
        votes: Counter[str] = Counter()
        by_name = {c.name: c for c in self.knowledge.conflicts if c.countries}
        for ent in doc_ents(doc):
            if ent.label_ == "ACTOR":
                # an actor of several conflicts (Russia's forces fight in Syria and Ukraine)
                # says nothing about which one this is
                holders = [c for c in by_name.values() if any(a.name == ent.ent_id_ for a in c.actors)]
                # (nor does an acronym where the report's places lie outside its conflict's
                # countries: "PMF" in a story on Plateau State is Nigeria's Police Mobile Force)
                if len(holders) == 1 and not (ACRONYM.match(ent.text) and self.ground
                                              and self.ground not in holders[0].countries):
                    votes[holders[0].name] += 2
        text = _without_longer_names(doc.text.lower())
        for conflict in by_name.values():  # the battleground's name, not every country involved
            battleground = conflict.countries[0]
            votes[conflict.name] += sum(len(re.findall(rf"\b{re.escape(w)}\b", text))
                                        for w in COUNTRY_WORDS.get(battleground, ()))
        # the country the report names most (else the one its places lie in): its battleground first
        named = report_country(doc) or self.ground
        for conflict in by_name.values():
            if named in conflict.countries:
                votes[conflict.name] += 2 if conflict.countries[0] == named else 1
        votes = +votes  # drop conflicts nothing in the report spoke for
        if not votes:
            return None
        return by_name[votes.most_common(1)[0][0]]

    @property
    def countries(self) -> tuple[str, ...]:
        return self.conflict.countries if self.conflict else ()

    def mention(self, ent: Span) -> ActorMention | None:
        if ent.label_ == "ACTOR":
            if self._elsewhere_acronym(ent):
                return None
            name = self._within_conflict(ent.ent_id_, ent.text)
            return ActorMention(name, ent.start, ent.end, ent.text)
        state_word = ent.label_ == "GENERIC" and ent.ent_id_.lower() in STATE_WORDS
        if state_word and self._non_state_word(ent):  # "the ethnic army": a group, not the state
            name = self._main_group
            return ActorMention(name, ent.start, ent.end, ent.text, generic=True) if name else None
        elsewhere = self.conflict is not None and self.country and \
            self.country != self.conflict.countries[0]
        if ent.label_ == "GENERIC" and self.conflict is not None and not (state_word and elsewhere):
            name = self.conflict.generic.get(ent.ent_id_.lower())
            if name:
                return ActorMention(name, ent.start, ent.end, ent.text, generic=True)
        if ent.label_ == "GENERIC" and self.country:
            # no actor file for this conflict: the country's forces, named as ACLED names them
            kind = STATE_WORDS.get(ent.ent_id_.lower())
            if kind:
                return ActorMention(f"{kind} of {self.country_name}", ent.start, ent.end, ent.text,
                                    generic=True)
        return None

    def _elsewhere_acronym(self, ent: Span) -> bool:
        """An acronym of another conflict's group in a story on this one: "PMF" in Nigeria
        is its Police Mobile Force, not Iraq's Popular Mobilization Forces; "AA" outside
        Myanmar is not the Arakan Army. (A name in full is the group wherever it is named.)"""
        if self.conflict is None or not ACRONYM.match(ent.text) or \
                ent.text.lower() in self._aliases:
            return False
        holders = [c for c in self.knowledge.conflicts
                   if any(a.name == ent.ent_id_ for a in c.actors)]
        return bool(holders) and all(c.countries for c in holders)

    def _non_state_word(self, ent: Span) -> bool:
        """"the ethnic army", "the rebel army": a qualifier (data/triggers.yaml, control:
        non_state) that makes a state word name an armed group."""
        before = ent.doc[ent.start - 1].lower_ if ent.start else ""
        words = (self.knowledge.cue_words.get("control") or {}).get("non_state") or ()
        return before in words

    @cached_property
    def _main_group(self) -> str:
        """The armed group, not a state's forces, that the report names most by name."""
        counts: Counter[str] = Counter()
        for ent in doc_ents(self._doc):
            if ent.label_ == "ACTOR":
                name = self._within_conflict(ent.ent_id_, ent.text)
                if self.kind(name) in ("rebel group", "political militia", "identity militia"):
                    counts[name] += 1
        return counts.most_common(1)[0][0] if counts else ""

    def _within_conflict(self, name: str, text: str) -> str:
        """An alias two conflicts share ("Wagner" in Ukraine and in the Sahel) names the actor of
        the conflict this report is about."""
        if self.conflict is None:
            return name
        name = self._aliases.get(text.lower(), name)
        # "the Islamic State group" in a story on Nigeria: its province there (an actor
        # file's `parent`), as ACLED codes it
        return self._branches.get(name, name)

    @cached_property
    def _aliases(self) -> dict[str, str]:
        return {a.lower(): actor.name for actor in self.conflict.actors for a in actor.aliases}

    @cached_property
    def _branches(self) -> dict[str, str]:
        own = {actor.name for actor in self.conflict.actors}
        return {actor.parent: actor.name for actor in self.conflict.actors
                if actor.parent and actor.parent not in own}

    def mentions(self, span: Span, military_nouns: frozenset[str] = frozenset()) -> list[ActorMention]:
        found = []
        for ent in ents_in(span):
            mention = self.mention(ent)
            if mention is not None:
                found.append(mention)
        found += self._demonyms(span, military_nouns, found)
        found += self._acting_countries(span, found)
        return sorted(found, key=lambda m: m.start)

    def _acting_countries(self, span: Span, taken: list[ActorMention]) -> list[ActorMention]:
        """"Israel bombed a house", "a truce between Israel and Islamic Jihad": the country's
        forces, as this report's conflict names them, else as ACLED does."""
        found = []
        for ent in span.ents:
            code = acting_country(ent)
            if not code or any(m.start < ent.end and ent.start < m.end for m in taken):
                continue
            found.append(ActorMention(self.forces_of(code), ent.start, ent.end, ent.text,
                                      generic=True))
        return found

    def forces_of(self, code: str) -> str:
        """A country's armed forces: its conflict's actor for them where an actor file names
        them by the country's adjective ("Israeli" -> Military Forces of Israel), else ACLED's
        "Military Forces of X"."""
        if self.conflict is not None:
            for word, country in demonyms().items():
                name = self.conflict.demonyms.get(word) if country == code else None
                if name and self.is_state(name):
                    return name
        return f"Military Forces of {_country_name(code)}"

    def _demonyms(self, span: Span, military_nouns: frozenset[str],
                  taken: list[ActorMention]) -> list[ActorMention]:
        """"a Russian missile", "Israeli warplanes": a nationality before a word of arms."""
        if self.conflict is None or not military_nouns:
            return []
        found = []
        for token in span:
            name = self.conflict.demonyms.get(token.lower_)
            if name is None or any(m.start <= token.i < m.end for m in taken) \
                    or _against_or_for(token):
                continue
            following = [t for t in span.doc[token.i + 1:min(token.i + 3, span.end)]]
            if any(t.lower_ in military_nouns or t.lemma_.lower() in military_nouns
                   for t in following[:2]) or token.head.lemma_.lower() in military_nouns:
                found.append(ActorMention(name, token.i, token.i + 1, token.text, generic=True))
        return found

    def _actor(self, name: str):
        """The actor as this report's conflict knows it (Turkey's forces are a state's in a
        story on the PKK, an external force in one on Syria), else as any conflict does."""
        return self._own.get(name) or self.actors.get(name)

    @cached_property
    def _own(self) -> dict:
        return {a.name: a for a in self.conflict.actors} if self.conflict else {}

    def side(self, name: str) -> str:
        actor = self._actor(name)
        return actor.side if actor else name

    def kind(self, name: str) -> str:
        actor = self._actor(name)
        if actor is None and name.startswith(STATE_PREFIXES):
            return "state force"  # a country's forces named from the report (no actor file)
        return actor.kind if actor else ""

    def police_forces(self) -> str:
        """The police of the country the report is about, as "the police" names them."""
        return self._forces("police", "Police Forces")

    def state_forces(self) -> str:
        """The armed forces of the country the report is about, as "the army" names them."""
        return self._forces("army", "Military Forces")

    def _forces(self, word: str, kind: str) -> str:
        """The conflict's actor the word names ("the army"), where the report is about the
        conflict's own country; else the country's forces as ACLED names them."""
        elsewhere = self.conflict is not None and self.country and \
            self.country != self.conflict.countries[0]
        if self.conflict is not None and not elsewhere:
            name = self.conflict.generic.get(f"the {word}") or self.conflict.generic.get(word)
            if name:
                return name
        return f"{kind} of {self.country_name}" if self.country else ""

    def is_state(self, name: str) -> bool:
        # (a country's forces are a state's wherever they fight: an actor file may call them
        # an external force, "Military Forces of Turkey" in Iraq)
        return self.kind(name) == "state force" or name.startswith(STATE_PREFIXES)

    def opponents(self, doc: Doc) -> Counter[str]:
        """How often each armed actor is named in the report (to guess a missing opponent)."""
        counts: Counter[str] = Counter()
        for ent in doc_ents(doc):
            mention = self.mention(ent)
            if mention and self.kind(mention.name) not in ("civilians", "protesters", ""):
                counts[mention.name] += 1
        return counts

    def opponent_of(self, name: str, counts: Counter[str]) -> str:
        """The armed actor of another side the report names most: one of the conflict's own
        parties before a foreign force named beside them (the army's opponent in a story on a
        Turkish post in Syria is the rebels, however often Turkey is named)."""
        side = self.side(name)
        others = [o for o, _ in counts.most_common() if o != name and self.side(o) != side]
        own = [o for o in others if self.kind(o) != "external force"]
        return (own or others or [""])[0]
