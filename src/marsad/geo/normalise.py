"""Name normalisation for matching: one spelling of a place, whatever the transliteration.

Wire stories spell the same Arabic name a dozen ways (Deir ez-Zor, Deir Ezzor, Dayr az Zawr).
Two keys are made from every name:

* ``name_key``: a light key — Latin names go through unidecode, lose their articles
  (al-/el-/ad-/ar-/as-/ash-/az-...), apostrophes and ʿayn marks, and have the common
  transliteration pairs folded (ou/u, ee/i, kh/h, q/k, doubled letters, final -ah/-a).
  Arabic-script names lose their diacritics, hamza forms and articles; Cyrillic is lower-cased.
* ``skeleton``: the consonants of the light key, so that vowel spellings (Zor/Zawr/Zour)
  meet; used only to find candidates, which are then checked with a fuzzy ratio.

``parse_mention`` separates a mention's core name from the words around it ("the village of
X", "X district", "western X", "X countryside") and says what those words imply.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from unidecode import unidecode

ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "az", "at", "ath", "an", "adh",
                      "ed", "er", "es", "esh", "ez", "et", "en", "ul", "il", "l"})

# Ordered: multi-letter pairs first, so "kh" is folded before "h" rules would see it.
_LATIN_FOLDS = (
    ("ou", "u"), ("oo", "u"), ("ee", "i"), ("kh", "h"), ("dh", "d"), ("gh", "g"),
    ("ph", "f"), ("dj", "j"), ("q", "k"), ("ck", "k"), ("ei", "ay"), ("ai", "ay"), ("ey", "ay"),
    ("au", "aw"), ("ow", "aw"),
)
_APOSTROPHES = "'’‘`´ʿʾʼʻ\""
_ARABIC_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي",
                                 "ؤ": "و", "ئ": "ي", "ء": ""})
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
_DOUBLED = re.compile(r"(.)\1+")
_VOWELS = re.compile(r"[aeiouyw]")
_GLUED_ARTICLE = re.compile(r"^(?:[ae]l(?=[bcdfghjkmnpqrstvz])|[ae](?=(tt|dd|rr|zz|ss|nn|sh)))")


def _script(text: str) -> str:
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "")
            if name.startswith("ARABIC"):
                return "arabic"
            if name.startswith("CYRILLIC"):
                return "cyrillic"
            return "latin"
    return "latin"


def _fold_token(token: str) -> str:
    for old, new in _LATIN_FOLDS:
        token = token.replace(old, new)
    token = _DOUBLED.sub(r"\1", token)
    # The Arabic feminine ending is written -ah, -a, -eh, -e, -at: fold them together.
    if len(token) > 3:
        token = re.sub(r"(ah|eh|e|at)$", "a", token)
    return token


def _latin_key(text: str) -> str:
    text = unidecode(text).lower()
    for mark in _APOSTROPHES:
        text = text.replace(mark, "")
    text = text.replace("-", " ")
    tokens = _NON_WORD.sub(" ", text).split()
    kept = [t for t in tokens if t not in ARTICLES] or tokens
    # "Deir Ezzor", "Ras Elain": an article glued to the next word, its l assimilated.
    kept = kept[:1] + [_GLUED_ARTICLE.sub("", t) if len(t) > 4 else t for t in kept[1:]]
    # "North-West", "North West" and "Northwest" are one name (Cameroon's regions, Pakistan's
    # provinces): the two compass words written as one
    return _COMPASS_PAIR.sub(r"\1\2", " ".join(_fold_token(t) for t in kept))


_COMPASS_PAIR = re.compile(r"\b(north|suth) (east|west)\b")  # (as folded: "south" is "suth")


def _arabic_key(text: str) -> str:
    text = _ARABIC_DIACRITICS.sub("", text).translate(_ARABIC_LETTERS)
    tokens = _NON_WORD.sub(" ", text).split()
    tokens = [t[2:] if t.startswith("ال") and len(t) > 3 else t for t in tokens]
    return " ".join(tokens)


def name_key(name: str) -> str:
    """The light matching key of a name (see module doc); "" for a name with no letters."""
    text = unicodedata.normalize("NFC", name.strip())
    script = _script(text)
    if script == "arabic":
        return _arabic_key(text)
    if script == "cyrillic":
        return " ".join(_NON_WORD.sub(" ", text.lower().replace("ё", "е")).split())
    return _latin_key(text)


def skeleton(key: str) -> str:
    """The consonant skeleton of a light key: vowels and semivowels dropped after each
    token's first letter, and any initial vowel written "a" (Ain/Ayn/Ein -> "an")."""
    if not key.isascii():
        return key
    parts = []
    for token in key.split():
        head = "a" if token[0] in "aeiouy" else token[0]
        parts.append(head + _VOWELS.sub("", token[1:]))
    return "".join(parts)


# --- mentions --------------------------------------------------------------------------

# Words that say what kind of place follows or precedes the name.
KIND_WORDS = {
    "village": "village", "town": "town", "city": "city", "hamlet": "village",
    "district": "district", "neighbourhood": "neighbourhood", "neighborhood": "neighbourhood",
    "quarter": "neighbourhood", "suburb": "neighbourhood", "camp": "camp",
    "subdistrict": "admin3", "sub-district": "admin3", "nahiya": "admin3",
    "governorate": "admin1", "province": "admin1", "oblast": "admin1", "state": "admin1",
    "region": "region", "area": "area", "countryside": "countryside", "outskirts": "outskirts",
    "airport": "landmark", "airbase": "landmark", "base": "landmark", "mountain": "region",
    "plain": "region", "valley": "region", "desert": "region", "border": "region",
    "river": "river",
    "frontline": "region", "front": "region", "road": "region", "highway": "region",
    "enclave": "region", "pocket": "region", "crossing": "landmark", "hospital": "landmark",
    "bridge": "landmark", "dam": "landmark", "military": "landmark", "complex": "landmark",
    # the second-level units of the countries ACLED codes, by their local names
    "township": "district", "county": "district", "lga": "district", "municipality": "district",
    "commune": "district", "cercle": "district", "department": "district",
    "prefecture": "district", "raion": "district", "rayon": "district", "woreda": "district",
    "tehsil": "district", "sub-county": "admin3", "subcounty": "admin3",
}
# kind words of several words, matched before the last word alone
_KIND_SUFFIX_RE = re.compile(r"^(?P<core>.+?)\s+(?P<kind>local government area|local government"
                             r"|l\.g\.a\.?|local council)$", re.IGNORECASE)

# Kinds that make a mention a part of or the area around the named place.
AREA_KINDS = frozenset({"countryside", "outskirts", "area", "region"})
DIRECTIONS = ("north-eastern", "north-western", "south-eastern", "south-western",
              "northeastern", "northwestern", "southeastern", "southwestern",
              "northern", "southern", "eastern", "western", "central", "rural",
              "north", "south", "east", "west", "greater", "outer", "inner")
_DIRECTION_RE = re.compile(r"^(?:" + "|".join(re.escape(d) for d in DIRECTIONS) + r")\s+",
                           re.IGNORECASE)
_LEADING_RE = re.compile(r"^(?:the\s+)?(?:(?P<kind>[a-z-]+)\s+of\s+)", re.IGNORECASE)
_PARENT_OF_RE = re.compile(
    r"^(?P<parent>.+?)\s+(?P<kind>district|neighbourhood|neighborhood|quarter|suburb|village|town"
    r"|area|camp)\s+of\s+(?P<core>.+)$", re.IGNORECASE)
_AROUND_RE = re.compile(r"^(?:near|around|outside|close to)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class ParsedMention:
    """A mention split into its core name and what its surrounding words say."""

    core: str
    kind: str = ""  # from "X district", "the village of X": a KIND_WORDS value
    part_of: bool = False  # "western X", "X countryside", "near X": not X itself
    variants: tuple[str, ...] = ()  # "Tadmur/Palmyra" -> ("Tadmur", "Palmyra")
    parents: tuple[str, ...] = ()  # "Raqqa district of X", "X, Raqqa" -> ("Raqqa",)
    full: str = ""  # the name before a kind word was taken off ("Old City", "Gaza City")
    # the name before a compass word was taken off: "North Kivu", "Far North" and "South
    # Kordofan" are names of their own, "northern Aleppo" is not (the gazetteer decides)
    whole: str = ""

    def as_whole(self) -> "ParsedMention":
        """The reading in which the compass word is part of the name."""
        return ParsedMention(core=self.whole, kind=self.kind,
                             part_of=self.kind in AREA_KINDS, variants=(self.whole,),
                             parents=self.parents)


def _strip_kind_suffix(text: str) -> tuple[str, str]:
    several = _KIND_SUFFIX_RE.match(text)
    if several:
        return several.group("core"), "district"
    words = text.split()
    if len(words) > 1 and words[-1].lower() in KIND_WORDS:
        return " ".join(words[:-1]), KIND_WORDS[words[-1].lower()]
    return text, ""


def parse_mention(mention: str) -> ParsedMention:
    """Split "the western Raqqa district of X", "X town", "X countryside" into core and hints."""
    text = " ".join(mention.replace("’", "'").split()).strip(" ,.;:")
    text = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
    part_of = False
    if _AROUND_RE.match(text):
        text, part_of = _AROUND_RE.sub("", text), True
    kind = ""
    leading = _LEADING_RE.match(text)
    if leading and leading.group("kind").lower() in KIND_WORDS:
        kind = KIND_WORDS[leading.group("kind").lower()]
        text = text[leading.end():]
    whole = ""
    if _DIRECTION_RE.match(text):
        whole = text.split(",")[0].strip()
        text, part_of = _DIRECTION_RE.sub("", text), True
    parents: tuple[str, ...] = ()
    nested = _PARENT_OF_RE.match(text)
    if nested:
        # "the western Raqqa district of X": the direction qualifies Raqqa, not X.
        text, kind, part_of = nested.group("core"), KIND_WORDS[nested.group("kind").lower()], False
        parents = (nested.group("parent"),)
    elif "," in text:
        text, *rest = [p.strip() for p in text.split(",") if p.strip()] or [text]
        parents = tuple(rest)
    full = text
    text, suffix_kind = _strip_kind_suffix(text)
    kind = kind or suffix_kind
    part_of = part_of or kind in AREA_KINDS
    variants = tuple(v.strip() for v in text.split("/") if v.strip())
    return ParsedMention(core=text, kind=kind, part_of=part_of, variants=variants or (text,),
                         parents=parents, full=full if suffix_kind else "",
                         whole=_strip_kind_suffix(whole)[0] if whole else "")
