"""What every reader of territorial control gives, a :class:`Holding` statement (who, which
ground, what share, the word it hangs on), and what the readers share that needs no reader
state: the grammatical words they look for and small helpers over a parse.

The words of each family of wordings ("seized", "controls", "handed over") are data
(``control:`` in data/triggers.yaml); these are the closed-class words around them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from ..records import EventDate
from .grammar import FULL, PERCENT
from .lexicon import TriggerHit
from .places import ADMIN_HINTS
from .sentence import PlaceMention


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
