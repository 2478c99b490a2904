"""Place names in one sentence: the NER's places and the names the text marks as places, each a
:class:`PlaceMention` with its kind hint, the parents the sentence names, and whether it is a
dateline, where an attack came from, or a country beside the ground.

:func:`find_places` is called by :func:`marsad.extract.sentence.read_sentence`. Positions are
token indices in the report's Doc."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from .attribution import SPEECH_LEMMAS
from .countries import acts_as_state, country_of
from .spans import ents_in, person_names


PLACE_LABELS = {"GPE", "LOC", "FAC"}
# labels the small NER gives place names in headlines and odd spellings ("in Aleppo" as LANGUAGE):
# a place when the text puts them where a place goes
NAME_LABELS = {"ORG", "PERSON", "LANGUAGE", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"}
PLACE_HEADS = {"district", "neighbourhood", "neighborhood", "village", "town", "city",
               "province", "governorate", "region", "area", "quarter", "camp", "market",
               "marketplace", "county", "state", "suburb", "outskirts", "countryside", "township",
               "zone"}
# words after a name that make it a settlement wherever it stands ("the battle for Mrauk-U
# city", "Sittwe township")
SETTLEMENT_HEADS = frozenset({"city", "town", "village", "township"})
# and the units of a country ("the Donetsk region", "Idlib province")
AREA_HEADS = frozenset({"region", "province", "governorate", "oblast", "district", "county",
                        "zone"})
FEATURE_WORDS = {"market", "marketplace", "souk", "gate", "square", "hospital", "bridge",
                 "mosque", "airport", "base", "camp", "road", "highway", "dam", "school"}


@dataclass
class PlaceMention:
    start: int
    end: int
    text: str
    kind_hint: str = ""
    parents: tuple[str, ...] = ()
    origin: bool = False  # "from X": where an attack came from, not where it happened
    aside: bool = False  # a country named beside the ground: "the border with X", "neighbouring X"
    dateline: bool = False  # "NAIROBI, Kenya (AP) —": where the story was filed from
    unit_list: int = -1  # "A, B and C oblasts": the plural unit word the name is listed under
    agent: bool = False  # a country that acts ("Israel bombed a house in Gaza"): its state


def _is_dateline(place: PlaceMention, sent: Span) -> bool:
    """The place a wire story opens on before its dash ("NAIROBI, Kenya (AP) —", "Kurdistan
    Region –"): where it was filed from, not where it happened."""
    if place.start - sent.start > 1:
        return False
    for token in sent.doc[place.end:min(place.end + 8, sent.end)]:
        if token.text in ("—", "–", "--"):
            return True
        if token.pos_ in ("VERB", "AUX"):
            return False
    return False


ADMIN_HINTS = {"province", "governorate", "region", "state", "county", "countryside", "road",
               "highway", "river", "valley", "route", "border", "desert", "corridor"}
# what stands between a place and the town it is near: "near the town of", ", 30 km of",
# "on the outskirts of" (direction words are taken out first)
NEAR = re.compile(r"^\s*,?\s*(near|outside|close to|on the outskirts of|in the outskirts of|"
                  r"(some |about |around )?\d+\s*(km|kilometres|kilometers|miles)( from| of)?)"
                  r"(\s+the)?(\s+(town|city|village|district) of)?\s*$")
# "X in the (northern) Y region": Y holds X
INSIDE = re.compile(r"^\s*,?\s*in(\s+the)?\s*$")
# "X, north of Y", "X, 30 km south-west of Y": a direction from another place
BESIDE = re.compile(r"^\s*,?\s*((some |about |around )?\d+\s*(km|kilometres|kilometers|miles)\s+)?"
                    r"(north|south|east|west)(-?(east|west))?(ern)?\s+of(\s+the)?"
                    r"(\s+(town|city|village|district) of)?\s*$")
# "X, the capital of Y", "X, the main town of the Y region": Y holds X (not the other way)
SEAT_OF = re.compile(r"^\s*,\s*(the|a)\s+([\w-]+\s+){0,3}(capital|city|town|seat|centre|center|"
                     r"hub|stronghold)\s+of(\s+the)?\s*$")
# words before a country that make it a neighbour of the ground, not the ground itself
BESIDE_COUNTRY = frozenset({"border", "borders", "bordering", "neighbouring", "neighboring",
                            "frontier"})
LINEAR = re.compile(r"\b(road|highway|river|valley|route|border|desert|corridor)\b", re.I)
MARKED_BEFORE = re.compile(r"\b(district|village|town|city|neighbou?rhood|area|province|governorate|"
                           r"region|camp|state|suburb|outskirts) of$")
LOCATIVE = {"in", "near", "at", "outside", "inside", "into", "around", "of", "from", "on"}
DIRECTIONS = re.compile(r"\b(northern|southern|eastern|western|central|north|south|east|west|"
                        r"northeastern|northwestern|southeastern|southwestern|rural|besieged|"
                        r"nearby|neighbouring|neighboring)\b")
# nouns after which "of X" names a place: "shelling of Kherson", "the outskirts of Bara"
OF_PLACE = {"shelling", "bombardment", "bombing", "strike", "attack", "siege", "capture", "fall",
            "outskirts", "edge", "centre", "center", "north", "south", "east", "west", "city",
            "town", "village", "district", "province", "governorate", "region", "neighbourhood",
            "neighborhood", "area", "suburb", "suburbs", "countryside", "port", "capital",
            "residents", "resident", "people", "control", "recapture", "liberation", "invasion", "streets",
            "heart", "part", "parts", "entrance", "gates", "walls", "outskirt", "north-east",
            "south-west", "east-west", "frontline", "front"}


RANKS = frozenset({"general", "major", "colonel", "lieutenant", "captain", "brigadier",
                   "commander", "sergeant", "lt.", "gen.", "col.", "maj.", "capt.", "president",
                   "minister", "governor", "mayor"})


def find_places(sent: Span) -> list[PlaceMention]:
    """Place names: the NER's places, and names the text marks as places ("the district of X")."""
    found: dict[int, PlaceMention] = {}
    people = person_names(sent.doc)
    for ent in ents_in(sent):
        if _is_compound_adjective(ent):
            continue  # "US-backed", "Saudi-led"
        if len(ent) == 1 and ent.text in people and not _marked_as_place(ent):
            continue  # "Lysak wrote": the Serhiy Lysak of an earlier sentence
        if _speaks(ent) or _commands(ent):
            continue  # "Islamabad maintained", "Moscow's forces": a government, not a place
        if ent.label_ in PLACE_LABELS or (ent.label_ in NAME_LABELS and _marked_as_place(ent)) \
                or (ent.label_ == "NORP" and _marked_as_place(ent, heads=False)):
            text, hint = _clean_place(ent)
            owner, text = _possessive(text)  # "Kharkiv's Saltivka" -> Saltivka, in Kharkiv
            if text:
                linear = LINEAR.search(ent.doc[ent.start:min(ent.end + 1, len(ent.doc))].text)
                found[ent.start] = PlaceMention(ent.start, ent.end, text,
                                                linear.group(1).lower() if linear and not hint else hint,
                                                parents=(owner,) if owner else ())
    for token in sent:  # "the old city of Raqqa": a district most old towns have
        if token.lower_ == "old" and token.i + 1 < sent.end and sent.doc[token.i + 1].lower_ == "city" \
                and not _overlaps(token.i, token.i + 2, found.values()):
            found[token.i] = PlaceMention(token.i, token.i + 2, "Old City", "district")
    for span, hint in _unlabelled_places(sent):
        if not _overlaps(span.start, span.end, found.values()):
            found[span.start] = PlaceMention(span.start, span.end, span.text, hint)
    for token, head in _unit_list(sent):  # "in Bryansk, Kursk and Belgorod oblasts"
        known = next((p for p in found.values() if p.start <= token.i < p.end), None)
        if known is None:
            known = found[token.i] = PlaceMention(token.i, token.i + 1, token.text, "")
        known.kind_hint = known.kind_hint or PLURAL_UNITS[head.lower_]
        known.unit_list = head.i
    # (a rank is a person's: "under the command of Major General X")
    places = sorted((p for p in found.values() if p.text.split()[0].lower() not in RANKS),
                    key=lambda p: p.start)
    for place in places:
        place.dateline = _is_dateline(place, sent)
    _link_parents(places, sent)
    for place in places:  # the names of one list hold one another no more than a list does
        if place.unit_list >= 0:
            siblings = {p.text for p in places if p.unit_list == place.unit_list}
            place.parents = tuple(p for p in place.parents if p not in siblings)
    for place in places:
        before = sent.doc[max(sent.start, place.start - 5):place.start]
        place.origin = any(t.lower_ == "from" for t in before) and not any(
            t.lower_ in ("of", "in", "near") for t in before[-1:])
        place.aside = bool(country_of(place.text)) and (place.origin or any(
            t.lower_ in BESIDE_COUNTRY for t in before[-4:]))
        place.agent = bool(acts_as_state(sent.doc[place.start:place.end]))
    return places


# what a capital does when it stands for its government ("Moscow denied", "Kyiv vowed")
SPEAKING_LEMMAS = SPEECH_LEMMAS | {"maintain", "blame", "vow", "threaten"}


def _speaks(ent: Span) -> bool:
    """A place name that says something: the capital standing for its government."""
    root = ent.root
    return ent.label_ == "GPE" and root.dep_ == "nsubj" and \
        root.head.lemma_.lower() in SPEAKING_LEMMAS


# what a government has ("Moscow's forces", "Kyiv's army"): the capital is no place there
GOVERNMENT_HOLDINGS = frozenset({"forces", "force", "troops", "army", "military", "soldiers",
                                 "government", "regime", "offensive", "navy", "jets", "drones"})


def _commands(ent: Span) -> bool:
    """A capital standing for its government as the owner of its forces."""
    root = ent.root
    return ent.label_ == "GPE" and root.dep_ == "poss" and not country_of(ent.text) \
        and root.head.lower_ in GOVERNMENT_HOLDINGS \
        and any(c.dep_ == "case" for c in root.children)


def _possessive(text: str) -> tuple[str, str]:
    for mark in (" 's ", " ’s ", "'s ", "’s "):
        if mark in text:
            owner, _, rest = text.partition(mark)
            return owner.strip(), rest.strip()
    return "", text


def _is_compound_adjective(ent: Span) -> bool:
    doc = ent.doc
    return ent.end + 1 < len(doc) and doc[ent.end].text == "-" and doc[ent.end + 1].lower_ in (
        "backed", "led", "based", "made", "brokered", "allied", "supported", "funded", "run")


def _overlaps(start: int, end: int, places) -> bool:
    return any(start < p.end and p.start < end for p in places)


def _unlabelled_places(sent: Span):
    """Proper names the NER left unlabelled, in place positions: "the town of Sarmin",
    "shelling of Kherson", "the Al-Hal market", "Souk al-Hal marketplace"."""
    doc = sent.doc
    for token in sent:
        if token.lower_ in FEATURE_WORDS and token.i > sent.start:
            name = _proper_run_before(token)
            if name is not None:
                yield doc[name.start:token.i + 1], token.lower_
        inside_org = token.ent_type_ == "ORG" and token.i > sent.start and \
            doc[token.i - 1].lower_ in LOCATIVE - {"of", "on"} and doc[token.i - 1].ent_type_ == "ORG"
        if (token.ent_type_ and not inside_org) or not _is_name(token) or token.i == sent.start:
            continue
        if token.i > sent.start and _is_name(doc[token.i - 1]):
            continue  # not the start of a run
        end = token.i + 1
        while end < sent.end and (_is_name(doc[end]) or (doc[end].text == "-" and end + 1 < sent.end
                                                           and _is_name(doc[end + 1]))) \
                and (not doc[end].ent_type_ or inside_org):
            end += 1
        before = doc[max(sent.start, token.i - 3):token.i].text.lower()
        after = _word_after(doc, end, sent.end)
        if MARKED_BEFORE.search(before) or doc[token.i - 1].lower_ in LOCATIVE - {"on"} \
                or _owned_by_place(doc, token.i) or after in SETTLEMENT_HEADS \
                or after in AREA_HEADS or (after == "area" and doc[token.i - 1].lower_ == "the"):
            yield doc[token.i:end], after if after in PLACE_HEADS else ""


def _word_after(doc, end: int, limit: int) -> str:
    """The word after a name, past a short alias in brackets: "the Amedi (Al-Emadiyeh)
    district" is a district."""
    if end < limit and doc[end].text == "(":
        close = next((i for i in range(end + 1, min(end + 6, limit)) if doc[i].text == ")"), None)
        if close is not None:
            end = close + 1
    return doc[end].lower_ if end < limit else ""


PLURAL_UNITS = {"oblasts": "oblast", "provinces": "province", "regions": "region",
                "governorates": "governorate", "states": "state", "districts": "district",
                "counties": "county", "townships": "township"}


def _unit_list(sent: Span):
    """(name, unit word) for each name a plural unit word lists: "Bryansk, Kursk and
    Belgorod oblasts", "the Idlib and Hama provinces"."""
    for head in sent:
        if head.lower_ not in PLURAL_UNITS or head.pos_ != "NOUN":
            continue
        firsts = [c for c in head.children if c.dep_ in ("nmod", "compound", "amod")
                  and c.pos_ == "PROPN" and c.is_title]
        names = list(firsts)
        for first in firsts:
            names += [t for t in first.subtree if t.dep_ == "conj" and t.pos_ == "PROPN"
                      and t.is_title]
        if len(names) > 1:
            for name in sorted(set(names), key=lambda t: t.i):
                yield name, head


def _owned_by_place(doc, i: int) -> bool:
    """"Syria's Aleppo city", "Nigeria's Borno state": a name a place's possessive owns."""
    return i > 1 and doc[i - 1].lower_ in ("'s", "’s") and doc[i - 2].ent_type_ in ("GPE", "LOC")


def _is_name(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.is_title and not token.is_stop


STRUCK_VERBS = frozenset({"strike", "hit", "pound", "target"})
MUNITIONS = frozenset({"missile", "rocket", "shell", "drone", "bomb", "strike", "airstrike",
                       "shelling", "mortar", "projectile", "artillery"})


def _marked_as_place(ent: Span, heads: bool = True) -> bool:
    """An ORG, PERSON or NORP the text puts in a place's position ("out of Al-Senaa", "the
    town of X", "shelling of Kherson", "the Karari district of northern Omdurman")."""
    doc = ent.doc
    before = DIRECTIONS.sub("", doc[max(0, ent.start - 4):ent.start].text.lower()).strip()
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    previous = doc[ent.start - 1] if ent.start else None
    if previous is not None and DIRECTIONS.fullmatch(previous.lower_):
        previous = doc[ent.start - 2] if ent.start > 1 else None
    locative = previous is not None and previous.lower_ in LOCATIVE - {"of", "on"}
    of_place = previous is not None and previous.lower_ == "of" and previous.i > 0 and \
        doc[previous.i - 1].lemma_.lower() in OF_PLACE
    # what a missile or a shell hits is a place ("a missile struck Kryvyi Rih"), whatever the
    # NER said; a gunman's target may be a person
    verb = ent.root.head
    struck = ent.root.dep_ == "dobj" and verb.lemma_.lower() in STRUCK_VERBS and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in MUNITIONS for c in verb.children)
    # "the Syrian city": a nationality before a place word is an adjective, not a name
    settlement = len(ent) > 1 and ent[-1].lower_ in SETTLEMENT_HEADS  # "Mrauk-U city"
    # "the Government Science School, Kagara": the town a school, a market or a camp is in
    town_of = previous is not None and previous.text == "," and previous.i > 0 \
        and doc[previous.i - 1].lower_ in FEATURE_WORDS
    # ("several Dakar neighborhoods": the plural of a place word marks it too)
    head = after[:-1] if after.endswith("s") and after[:-1] in PLACE_HEADS else after
    return bool(MARKED_BEFORE.search(before)) or (heads and head in PLACE_HEADS) or locative \
        or of_place or before.endswith("out of") or struck or settlement or town_of


COMPASS = frozenset({"western", "eastern", "northern", "southern", "central", "west", "east",
                     "north", "south"})


def _clean_place(ent: Span) -> tuple[str, str]:
    """The name without articles, directions and a trailing place word ("district")."""
    tokens = [t for t in ent if not t.is_space]  # a headline's line break is no part of it
    # a compass word in lower case qualifies the name ("the northern West Bank"); in capitals
    # it may be part of it ("West Bank", "Eastern Equatoria", "North Kivu"): the gazetteer
    # decides, as geo.normalise.parse_mention tries the name whole first
    while tokens and (tokens[0].lower_ == "the" or (
            tokens[0].lower_ in COMPASS and not (tokens[0].is_title and len(tokens) > 1))):
        tokens = tokens[1:]
    hint = ""
    if tokens and tokens[-1].lower_ in PLACE_HEADS:
        hint = tokens[-1].lower_
        tokens = tokens[:-1]
    if tokens and tokens[-1].lower_ in ("'s", "’s"):
        tokens = tokens[:-1]
    text = " ".join(t.text for t in tokens).replace(" - ", "-").replace(" -", "-").replace("- ", "-")
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if not hint and after is not None and after.lower_ in PLACE_HEADS:
        hint = after.lower_
    return text, hint


def _proper_run_before(token: Token) -> Span | None:
    doc = token.doc
    start = token.i
    while start - 1 >= token.sent.start and (doc[start - 1].is_title or doc[start - 1].text in ("-",)
                                             or doc[start - 1].lower_ in ("al", "el", "al-")) \
            and not doc[start - 1].is_sent_start and doc[start - 1].pos_ != "DET":
        start -= 1
    if start == token.i:
        return None
    return doc[start:token.i]


LARGER_UNITS = frozenset({"region", "province", "state", "governorate", "oblast", "zone"})
# "X district in the north of Y province": Y holds X
IN_PART_OF = re.compile(r"\bin\s+the\s+(far\s+)?(north|south|east|west)(-?(east|west))?(ern)?"
                        r"(\s+part)?\s+of(\s+the)?\s*$")
# "X (district) of (the) Y": the words between a unit and the larger one that holds it
UNIT_OF = re.compile(r"^\s*((district|county|township|municipality|area|lga|local government"
                     r"( area)?)\s+)?of(\s+the)?\s*$")


def _is_larger_unit(place: PlaceMention) -> bool:
    """A first-level unit by its word: "Mopti region", "Niger State", "Idlib province"."""
    last = place.text.split()[-1].lower() if place.text else ""
    return place.kind_hint in LARGER_UNITS or last in LARGER_UNITS


def _link_parents(places: list[PlaceMention], sent: Span) -> None:
    """In "the western Raqqa district of Al-Daraiya", Raqqa is Al-Daraiya's parent."""
    for index, place in enumerate(places):
        if country_of(place.text):
            continue  # a country lies inside no place the sentence names
        parents = list(place.parents)
        for other in places[:index]:
            if other.kind_hint in FEATURE_WORDS:
                continue  # a market, a base or a road holds no place named after it
            raw = sent.doc[other.end:place.start].text.lower()
            between = DIRECTIONS.sub("", raw)
            if _is_larger_unit(place) and not _is_larger_unit(other) \
                    and UNIT_OF.match(between):
                continue  # "Lapai LGA of Niger State", "Kolbay district of Mopti region"
            if _is_larger_unit(place) and not _is_larger_unit(other) and IN_PART_OF.search(raw):
                other.parents += (place.text,)  # "Amedi district in the north of Dohuk province"
                continue
            if NEAR.match(between) or BESIDE.match(raw) or SEAT_OF.match(raw):
                continue  # "X near the town of Y", "X, north of Y": Y is near X, not inside it
            if other.dateline:
                continue  # "KIRKUK, Iraq — ... in the town of X": where the reporter files from
            if re.search(r"\b(district|province|governorate|city|town|region|area|countryside) of\s*$|^\s*['’]s\s*$|^\s*$", between) \
                    or re.search(r"\bof\s*$", between):
                parents.append(other.text)
        for other in places[index + 1:]:  # "the village of X near the town of Y": Y for X
            raw = sent.doc[place.end:other.start].text.lower()
            if place.kind_hint and raw.lstrip().startswith(place.kind_hint):
                # "X village in the Y region": the head word the name carries is no gap
                raw = raw.lstrip()[len(place.kind_hint):]
            if _is_larger_unit(other) and not _is_larger_unit(place) \
                    and UNIT_OF.match(DIRECTIONS.sub("", raw)) \
                    and other is places[index + 1]:
                parents.append(other.text)  # the state holds the district
                continue
            if (INSIDE.match(DIRECTIONS.sub("", raw)) and other is places[index + 1]
                    and place.kind_hint in SETTLEMENT_HEADS | {""}
                    and (other.kind_hint in AREA_HEADS or len(other.text.split()) > 1
                         or country_of(other.text))):
                parents.append(other.text)  # "the town of Qabatiya in the northern West Bank"
                continue
            if NEAR.match(DIRECTIONS.sub("", raw)) or BESIDE.match(raw) \
                    or (re.match(r"^\s*,\s*$", raw) and other is places[index + 1]) \
                    or (SEAT_OF.match(raw) and other is places[index + 1]):
                parents.append(other.text)  # "Bannu, Pakistan", "Kafr Nabl, Idlib": Y holds X
        place.parents = tuple(parents)
