"""Shared helpers of the extraction components: the incident record, parse walks (subjects,
objects, agents), trigger positions, and small rules of the codebook."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from ..records import Count, CountQualifier, Victims
from ..records import Span as Evidence
from .countries import country_of, is_demonym
from .lexicon import TriggerHit
from .sentence import ADMIN_HINTS, DateMention, Figure, PlaceMention, SentenceFacts

if TYPE_CHECKING:
    pass



PARTIAL = re.compile(r"\b(some|several|parts? of|positions?|a handful of|areas? of)\b", re.I)


FULL = re.compile(r"\b(fully|full|completely|entire|entirely|all of)\b", re.I)


PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:percent|per cent|%)", re.I)


@dataclass
class Incident:
    """Triggers of one sentence that tell one incident."""

    triggers: list[TriggerHit]
    date: DateMention | None
    place: PlaceMention | None

    @property
    def main(self) -> TriggerHit:
        return max(self.triggers, key=lambda h: (h.trigger.priority, -h.start))


REFERENCE_PREPOSITIONS = {"against", "after", "following", "over", "since", "before", "despite",
                          "about", "for", "behind"}  # "suspected to be behind the blasts"


REFERENCE_VERBS = {"condemn", "confirm", "denounce", "investigate", "deny", "protest", "blame",
                   "report", "claim", "document", "record", "mourn", "witness",
                   # what a deal or a call is about: "a ceasefire to end the fighting"
                   "end", "halt", "stop", "cease", "prevent", "avert",
                   "continue"}  # "as the army continues its offensive": the campaign


WEAK_TRIGGERS = {"target", "attack", "raid", "assault", "hit"}


BUILDINGS = {"home", "house", "building", "shop", "hospital", "school", "mosque", "church",
             "clinic", "office", "homestead", "compound", "tent", "university", "college",
             "campus", "hotel", "dormitory", "restaurant", "cafe", "temple", "bank", "embassy",
             "parliament", "court", "courthouse", "prison", "jail", "centre", "center", "academy"}


def _own_date(token: Token, facts: SentenceFacts, day: bool = False) -> bool:
    return any(token.left_edge.i <= d.start and d.end <= token.right_edge.i + 1
               and (not day or d.date.precision == 1) for d in facts.dates)


def _same_day(a: DateMention | None, b: DateMention | None) -> bool:
    if a is None or b is None:
        return True  # an undated part takes the sentence's day
    return a.date.date == b.date.date


def _same_place(place: PlaceMention, groups: dict) -> bool:
    return any(g.place is not None and g.place.text.lower() == place.text.lower()
               for g in groups.values())


def _root(doc: Doc, hit: TriggerHit) -> Token:
    """The syntactic head of a trigger phrase ("grenades" in "rocket-propelled grenades")."""
    return doc[hit.start:hit.end].root


def _conditional(token: Token) -> bool:
    """Inside "if ..." or "unless ...": what might happen, not what did."""
    for ancestor in [token, *token.ancestors]:
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in ancestor.children):
            return True
    return False


MAX_FALLBACKS = 6


PEACEFUL = ("Peaceful protest", "Protest with intervention")


def _protest_sub_type(sub_type: str, incident: Incident, fatalities: Count | None) -> str:
    """ACLED's ladder of protests, from the sentence's own words: protesters killed make
    excessive force; arrests at a peaceful protest make an intervention."""
    if sub_type not in PEACEFUL:
        return sub_type
    if fatalities is not None and fatalities.value:
        return "Excessive force against protesters"
    told = {h.sub_event_type for h in incident.triggers}
    if "Armed clash" in told:
        return "Violent demonstration"  # protesters who clash with police riot (ACLED)
    if sub_type == "Peaceful protest" and "Arrests" in told:
        return "Protest with intervention"
    return sub_type


CROWDS = ("Protesters", "Rioters")


def _codebook_roles(event_type: str, actor1: str, actor2: str) -> tuple[str, str]:
    """ACLED's fixed roles: the crowd is actor 1 of a protest or riot, whoever intervened
    actor 2; violence against civilians targets civilians when the text names no other."""
    if event_type in ("Protests", "Riots") and actor2.startswith(CROWDS) \
            and not actor1.startswith(CROWDS):
        return actor2, actor1
    if event_type == "Riots" and actor1 and not actor1.startswith(CROWDS) \
            and actor2 in ("", "Civilians"):
        return "Rioters", actor1  # "angry residents clashed with the forces": they rioted
    if event_type == "Violence against civilians" and not actor2:
        return actor1, "Civilians"
    return actor1, actor2


def _one_sided(sub_type: str, event_type: str, actor1: str, actor2: str,
               riot: bool = False) -> tuple[str, str, str, str]:
    """ACLED's battles are fought between two organised armed groups: "a clash" with civilians
    is an attack on them (with ``riot``, residents that clashed with the state's forces: a
    riot), one with a crowd a riot; an "attack" by one armed group on another named one is a
    battle."""
    if sub_type == "Attack" and actor1 and actor2 and actor2 != "Civilians" \
            and not actor2.startswith(CROWDS):
        return "Armed clash", "Battles", actor1, actor2  # fire opened on an armed group
    if event_type != "Battles" or sub_type != "Armed clash":
        return sub_type, event_type, actor1, actor2
    if "Civilians" in (actor1, actor2):
        other = actor2 if actor1 == "Civilians" else actor1
        if riot:
            return "Violent demonstration", "Riots", "Rioters", other
        return "Attack", "Violence against civilians", other, "Civilians"
    crowd = next((a for a in (actor1, actor2) if a.startswith(CROWDS)), "")
    if crowd:
        other = actor2 if actor1 == crowd else actor1
        return "Violent demonstration", "Riots", "Rioters", other
    return sub_type, event_type, actor1, actor2


def _placeable(name: str) -> bool:
    """A name that can stand for where an incident happened: no country, no adjective."""
    return bool(name) and not country_of(name) and not is_demonym(name)


def _retyped(hit: TriggerHit, knowledge, sub_event_type: str) -> TriggerHit:
    trigger = next(t for t in knowledge.triggers if t.sub_event_type == sub_event_type)
    return TriggerHit(trigger, hit.start, hit.end)


@dataclass(frozen=True)
class Construal:
    """A trigger told by a verb and what it acts on (data/triggers.yaml, ``verb_objects``)."""

    sub_event_type: str
    verbs: frozenset[tuple[str, str]]  # (lemma, particle or "")
    objects: frozenset[str]

    def matches(self, verb: Token) -> bool:
        if verb.pos_ not in ("VERB", "AUX") and verb.tag_ not in ("VBG", "VBN"):
            return False
        particles = {c.lower_ for c in verb.children if c.dep_ == "prt"} | {""}
        lemma = verb.lemma_.lower()
        if not any((lemma, p) in self.verbs for p in particles):
            return False
        return any(t.lower_ in self.objects or t.lemma_.lower() in self.objects
                   for t in _acted_on(verb))


def construals(cue_words: dict) -> tuple[Construal, ...]:
    found = []
    for entry in cue_words.get("verb_objects", ()):
        verbs = frozenset((v.split()[0].lower(), " ".join(v.split()[1:]).lower())
                          for v in entry["verbs"])
        found.append(Construal(entry["sub_event_type"], verbs,
                               frozenset(o.lower() for o in entry["objects"])))
    return tuple(found)


def _acted_on(verb: Token) -> list[Token]:
    """The heads the verb acts on: its object, its passive subject, the noun it describes
    ("the weapons seized"), and what they are joined with ("pistols and rifles")."""
    heads = [c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    described = verb.dep_ == "amod" and verb.pos_ == "VERB" and verb.i > 0 \
        and verb.doc[verb.i - 1].text != "-"  # not "Houthi-controlled areas"
    if (verb.dep_ == "acl" and verb.tag_ == "VBN") or described:
        heads.append(verb.head)  # "the weapons seized", "smashed windows"
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("over", "of")):
        heads += [c for c in prep.children if c.dep_ == "pobj"]  # "established control over"
    return heads + [c for h in heads for c in h.children if c.dep_ == "conj"]


def _assign(items: list, hits: list[TriggerHit], prefer_after: bool = False,
            share: bool = False) -> dict[int, object]:
    """Give each date (or place) to the nearest trigger; each trigger gets its nearest item.
    With ``share``, a trigger left without one takes the nearest item of the sentence."""
    result: dict[int, object] = {}
    if not items or not hits:
        return result

    def distance(item, hit: TriggerHit) -> float:
        gap = item.start - hit.end if item.start >= hit.end else hit.start - item.end
        admin = 6 if getattr(item, "kind_hint", "") in ADMIN_HINTS else 0
        said = 40 if getattr(item, "speech", False) else 0  # "said on Sunday": when it was said
        origin = 5 if getattr(item, "origin", False) else 0  # "attacked X from Y": Y is not where
        filed = 30 if getattr(item, "dateline", False) else 0  # "NAIROBI (AP) —": nor where filed
        # ("Israel bombed a house in Gaza": the country that acted is not where)
        filed += 20 if getattr(item, "agent", False) else 0
        # a country is the place only when the sentence names nothing finer
        country = 12 if getattr(item, "text", None) and country_of(item.text) else 0
        return gap + admin + said + origin + filed + country + (0.5 if prefer_after and item.start < hit.start else 0)

    for item in items:
        nearest = min(hits, key=lambda hit: distance(item, hit))
        current = result.get(nearest.start)
        if current is None or distance(item, nearest) < distance(current, nearest):
            result[nearest.start] = item
    if share:
        for hit in hits:
            if hit.start not in result:
                result[hit.start] = min(items, key=lambda item: distance(item, hit))
    return result


def _subjects(verb: Token) -> list[Token]:
    found = [c for c in verb.children if c.dep_ == "nsubj"]
    # "the RSF, which captured Bara": the relative pronoun stands for the noun it follows
    found = [f.head.head if f.lower_ in ("which", "who", "that") and f.head.dep_ == "relcl" else f
             for f in found]
    if not found and verb.dep_ in ("xcomp", "advcl", "conj", "pcomp") and verb.head != verb:
        found = [c for c in verb.head.children if c.dep_ == "nsubj"]
    return found


def _modifiers(trigger: Token) -> list[Token]:
    return [c for c in trigger.children if c.dep_ in ("compound", "amod", "poss", "nmod")]


def _agents(verb: Token) -> list[Token]:
    found = []
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            found += [c for c in child.children if c.dep_ == "pobj"]
    return found


def _objects(verb: Token) -> list[Token]:
    """What the action fell on: objects, and anything inside its prepositional phrases
    ("near the headquarters of the army's division")."""
    found = [c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ not in ("by", "with", "during", "amid"):
            found += [t for t in child.subtree if t.dep_ == "pobj" or t.dep_ == "poss"]
    if not found and verb.pos_ == "VERB":
        # "ambushed and attacked the soldiers": two verbs, one object
        found = [c for v in verb.children if v.dep_ == "conj" and v.pos_ == "VERB"
                 for c in v.children if c.dep_ in ("dobj", "obj")]
    return found


def _evidence(report_id: str, sent: Span) -> Evidence:
    return Evidence(report_id=report_id, start=sent.start_char, end=sent.end_char,
                    text=sent.text)


def _casualties(figures: list[Figure]) -> tuple[Count | None, Victims, Count | None]:
    killed = [f for f in figures if f.outcome == "killed"]
    injured = [f for f in figures if f.outcome == "injured" and not f.included]
    totals = [f for f in killed if not f.included]
    fatalities = _sum_counts([f.number.count for f in totals]) if totals else None
    civilians = sum(f.number.count.value or 0 for f in totals if f.civilians) or None
    women = sum(f.number.count.value or 0 for f in killed if f.role == "women") or None
    children = sum(f.number.count.value or 0 for f in killed if f.role == "children") or None
    per_side: dict[str, int] = {}
    for figure in totals:
        if figure.actor:
            per_side[figure.actor] = per_side.get(figure.actor, 0) + (figure.number.count.value or 0)
    victims = Victims(civilians=civilians, women=women, children=children, per_side=per_side)
    return fatalities, victims, _sum_counts([f.number.count for f in injured]) if injured else None


def _sum_counts(counts: list[Count]) -> Count:
    if len(counts) == 1:
        return counts[0]
    value = sum(c.value or 0 for c in counts)
    qualifiers = {c.qualifier for c in counts}
    qualifier = qualifiers.pop() if len(qualifiers) == 1 else CountQualifier.AT_LEAST
    return Count(value=value, qualifier=qualifier, words=" + ".join(c.words for c in counts))


