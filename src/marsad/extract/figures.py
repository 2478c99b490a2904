"""Casualty figures of a sentence: how many were killed or injured, of whom, in which role."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from .actors import ActorMention
from .lexicon import Lexicon
from ..records import Count, CountQualifier
from .numbers import NumberMention, NumberReader


@dataclass
class Figure:
    """A casualty figure: how many, of whom, killed or injured, and its breakdown."""

    number: NumberMention
    outcome: str  # killed | injured
    actor: str = ""  # whose fighters ("21 IS militants"), canonical
    civilians: bool = False
    role: str = "total"  # total | women | children
    included: bool = False  # inside another figure's "including ..." (a breakdown, not added)


def find_figures(sent: Span, lexicon: Lexicon, numbers: NumberReader,
                 actors: list[ActorMention]) -> list[Figure]:
    figures = []
    mentions = numbers.mentions(sent)
    mentions += _one_person(sent, lexicon, mentions)
    outcomes = {m.start: _outcome(m, sent, lexicon) for m in mentions}
    for mention in mentions:  # "killed 21 IS militants and five SDF fighters": the conjunct too
        if outcomes[mention.start] is None and mention.noun is not None and mention.noun.dep_ == "conj":
            head = mention.noun.head
            outcomes[mention.start] = next((outcomes[m.start] for m in mentions
                                            if m.noun is not None and m.noun == head), None)
    for mention in mentions:
        outcome = outcomes[mention.start]
        if outcome is None or not _counts_people(mention, lexicon, actors):
            continue
        noun = mention.noun
        low = noun.lower_ if noun is not None else ""
        actor = _actor_of(mention, actors)
        former = _former(mention, sent)
        if former:
            actor = ""  # "five demobilised former FARC guerrillas": no side's fighters now
        civilians = former or low in lexicon.civilian_nouns or (
            not actor and noun is not None and low not in lexicon.combatant_nouns
            and noun.lemma_.lower() not in lexicon.combatant_nouns
            and low not in ("dead", "lives"))
        figure = Figure(mention, outcome, actor=actor, civilians=civilians)
        figure.role, figure.included = _role(mention, lexicon, sent)
        figures.append(figure)
    return figures


# one person named by what they were: "a boy died", "killed its driver", "the group's chief"
ONE_PERSON = frozenset({"man", "woman", "boy", "girl", "child", "civilian", "soldier",
                        "policeman", "policewoman", "officer", "fighter", "militant", "commander",
                        "chief", "leader", "driver", "journalist", "farmer", "student", "teenager",
                        "resident", "villager", "worker", "guard", "member", "person", "toddler",
                        "baby", "infant", "doctor", "teacher", "protester", "demonstrator",
                        "passenger", "shepherd", "cleric", "imam", "priest", "official",
                        "son", "daughter", "wife", "husband", "brother", "sister", "father",
                        "mother", "nephew", "niece", "cousin", "grandson", "granddaughter"})


def _one_person(sent: Span, lexicon: Lexicon, mentions: list[NumberMention]) -> list[NumberMention]:
    """A singular noun of a person with "a", "an" or an owner ("its driver", "al-Shabab's
    intelligence chief") as one person, where no number counts it."""
    counted = {m.noun.i for m in mentions if m.noun is not None}
    found = []
    for token in sent:
        if token.tag_ != "NN" or token.lemma_.lower() not in ONE_PERSON or token.i in counted:
            continue
        owner = next((c for c in token.children if c.dep_ in ("det", "poss")
                      and (c.lower_ in ("a", "an") or c.dep_ == "poss")), None)
        if owner is None or any(c.dep_ == "nummod" for c in token.children):
            continue
        start = min(owner.i, token.i)
        # ("at least" this one: one of a report's dead, whom its toll may count already)
        found.append(NumberMention(start, token.i + 1, Count(
            value=1, words=f"{owner.text} {token.text}", qualifier=CountQualifier.AT_LEAST),
            token))
    return found


def _counts_people(mention: NumberMention, lexicon: Lexicon, actors: list[ActorMention]) -> bool:
    noun = mention.noun
    if noun is None:
        # "including 36 in the past week", "killing 11": a bare number next to a kill word
        return mention.count.value is not None
    if noun.lower_ in lexicon.victim_nouns or noun.lemma_.lower() in lexicon.victim_nouns \
            or noun.lemma_.lower() in ONE_PERSON:
        return True
    if noun.lower_ == "lives":
        return True
    return any(a.start <= noun.i < a.end for a in actors) or noun.ent_type_ in ("ACTOR", "GENERIC", "NORP")


def _outcome(mention: NumberMention, sent: Span, lexicon: Lexicon) -> str | None:
    """killed / injured from the words governing the figure, or None when it is another number."""
    doc = sent.doc
    anchor = mention.noun if mention.noun is not None else doc[mention.end - 1]
    token = anchor
    if anchor.dep_ == "pobj" and anchor.head.lower_ == "to":
        # "bringing the death toll to N, and injuries to M": the toll, or the noun right
        # before "to", says what N counts, not the verb above it
        before = doc[anchor.head.i - 1] if anchor.head.i > sent.start else anchor
        if before.lemma_.lower() in lexicon.injured_lemmas | {"injury", "injured", "wounded"}:
            return "injured"
        risen = _risen_toll(anchor, lexicon)
        if risen is not None:
            return risen
    if anchor.head.lower_ in MISSING or any(c.lower_ in MISSING and c.dep_ in ("acomp", "attr")
                                            for c in anchor.head.children):
        return None  # "two are missing": not (yet) dead
    lives = any(t.lower_ == "lives" for t in anchor.subtree)  # "hundreds of lives"
    for _ in range(6):  # climb the parse to the governing predicate
        lives = lives or token.lower_ == "lives"  # "the lives of 12 people"
        lemma = token.lemma_.lower()
        if lemma in lexicon.injured_lemmas:
            return "injured"
        if lemma in lexicon.killed_lemmas:
            return "killed"
        if token.pos_ == "VERB" and token.dep_ == "conj" and \
                token.head.lemma_.lower() in lexicon.killed_lemmas | lexicon.injured_lemmas:
            return None  # "killing hundreds and displacing thousands": the thousands fled
        if lemma in LIFE_TAKERS and lives:
            return "killed"  # "claimed hundreds of lives", "cost the lives of 12 people"
        if token.head == token:
            break
        token = token.head
    risen = _risen_toll(anchor, lexicon)  # "the number of people killed ... has risen to eleven"
    if risen is not None:
        return risen
    for child in anchor.children:  # "11 dead", "civilians killed"
        if child.lemma_.lower() in lexicon.killed_lemmas:
            return "killed"
        if child.lemma_.lower() in lexicon.injured_lemmas:
            return "injured"
    orphan = _subjectless_passive(doc, anchor, sent, lexicon)
    if orphan is not None:
        return orphan
    window = doc[max(sent.start, mention.start - 2):min(sent.end, mention.end + 3)]
    lemmas = {t.lemma_.lower() for t in window}
    if lemmas & lexicon.injured_lemmas:
        return "injured"
    if lemmas & (lexicon.killed_lemmas | {"dead", "death"}) or "killing" in window.text.lower():
        return "killed"
    return None


def _subjectless_passive(doc, anchor: Token, sent: Span, lexicon: Lexicon) -> str | None:
    """"come after 15 people, among them 11 children, were killed": the parse lost the
    passive's subject; the people counted just before a "were killed" with none are it."""
    for token in doc[anchor.i + 1:min(sent.end, anchor.i + 9)]:
        lemma = token.lemma_.lower()
        if token.tag_ != "VBN" or not any(c.dep_ == "auxpass" for c in token.children):
            continue
        if any(c.dep_ in ("nsubjpass", "nsubj") for c in token.children):
            return None
        if lemma in lexicon.killed_lemmas:
            return "killed"
        if lemma in lexicon.injured_lemmas:
            return "injured"
        return None
    return None


MISSING = frozenset({"missing", "unaccounted"})
RISE = {"rise", "climb", "reach", "increase", "jump", "stand", "hit", "mount"}
# "bringing the death toll to 37,925", "brings to 67 the number of civilians killed"
BRING = {"bring", "raise", "push", "take", "lift", "put"}
LIFE_TAKERS = {"claim", "cost", "take"}


def _risen_toll(anchor: Token, lexicon: Lexicon) -> str | None:
    token = anchor
    for _ in range(3):
        if token.head == token:
            return None
        token = token.head
        if token.pos_ == "VERB":
            break
    if token.lemma_.lower() in BRING and anchor.head.lower_ == "to":
        # the toll is what the verb brings to the number
        subject = [t for c in token.children if c.dep_ in ("dobj", "nsubjpass") for t in c.subtree]
    elif token.lemma_.lower() in RISE:
        subject = [t for c in token.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree]
    else:
        return None
    lemmas = {t.lemma_.lower() for t in subject}
    if lemmas & lexicon.injured_lemmas:
        return "injured"
    if lemmas & (lexicon.killed_lemmas | {"toll", "dead", "death"}):
        return "killed"
    return None


# words that make a fighter a former one: no side's fighter, a civilian, as ACLED codes them
FORMER = frozenset({"former", "ex", "demobilized", "demobilised", "retired", "disarmed"})


def _former(mention: NumberMention, sent: Span) -> bool:
    words = sent.doc[mention.start:mention.noun.i] if mention.noun is not None else ()
    return any(t.lower_.strip("-") in FORMER for t in words)


def _actor_of(mention: NumberMention, actors: list[ActorMention]) -> str:
    noun = mention.noun
    if noun is None:
        return ""
    for actor in actors:
        if mention.start <= actor.start and actor.end <= noun.i + 1 and actor.name != "Civilians":
            return actor.name
        if actor.start <= noun.i < actor.end and actor.name != "Civilians":
            return actor.name
    return ""


def _role(mention: NumberMention, lexicon: Lexicon, sent: Span) -> tuple[str, bool]:
    """(who: total | women | children, included: part of another figure's "including ...")."""
    noun = mention.noun
    low = noun.lower_ if noun is not None else ""
    included = noun is not None and any(t.lower_ in ("including", "among") for t in noun.ancestors)
    if not included:
        before = sent.doc[max(sent.start, mention.start - 2):mention.start].text.lower()
        included = "including" in before or "among them" in before
    if low in lexicon.child_nouns:
        return "children", included
    if low in lexicon.women_nouns:
        return "women", included
    return "total", included
