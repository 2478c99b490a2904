"""Where a claim happened, reduced to what merging needs: a site.

A site is a *root* (a town or city, or the coarser area a claim only names) and, inside it,
an optional *sub-place* (a district, market, camp...). Two sites fit when they have the same
root and the same sub-place, or when one of them has no sub-place (a claim about "Raqqa" can
join an event at "Al-Hal market, Raqqa"). Two *different* sub-places of one city never fit,
even when the geocoder put both on the city's point ("Al-Hal market" and "Al-Senaa").
A claim known only at province level fits any site of that province.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from ..records import Claim, Geocode, PlaceQuery

# Kinds of gazetteer entry that lie inside a town: their parent is the root.
SUB_KINDS = frozenset({"district", "neighbourhood", "neighborhood", "landmark", "market", "camp",
                       "quarter", "village_part", "building", "checkpoint", "square"})
COARSE_KINDS = frozenset({"admin1", "admin2", "country", "region"})
# Words that say what kind of place a name is, not which place: "Souk al-Hal" = "Al-Hal market".
GENERIC_WORDS = frozenset({"the", "market", "marketplace", "souk", "suq", "district", "area",
                           "neighbourhood", "neighborhood", "quarter", "camp", "square", "river",
                           "town", "city", "village", "al", "el", "ar", "as", "an", "ad", "at",
                           "of", "old", "new"})
SAME_NAME_RATIO = 80.0  # "senaa" / "sinaa" is 80; "hal" / "hay" 67


@dataclass(frozen=True)
class Site:
    """``region`` blocks candidates; ``root``/``sub`` decide; ``coarse`` marks a province."""

    region: tuple[str, str]  # (country, admin1), or ("", name) when nothing is geocoded
    root: str  # place id of the town, or a normalised name
    sub: str = ""  # place id or "name:<normalised name>" of the part; "" = the whole town
    sub_name: str = ""  # the part's normalised name, to compare a gazetteer part with a name
    coarse: bool = False  # known only at province (or country) level
    level: int = 1  # 0 = a part of a town, 1 = a town, 2 = province, 3 = unknown


UNKNOWN = Site(region=("", ""), root="", level=3)


@lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """Lower case, no accents or punctuation, no generic words: "Souk al-Hal" -> "hal"."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    words = [w for w in re.split(r"[^a-z0-9]+", text) if w and w not in GENERIC_WORDS]
    return " ".join(words)


def same_name(a: str, b: str) -> bool:
    """Two spellings of one name ("Al-Senaa" / "Al-Sinaa", "Raqqa" / "Ar Raqqah")."""
    left, right = normalise(a), normalise(b)
    if not left or not right:
        return False
    if left == right or fuzz.ratio(left, right) >= SAME_NAME_RATIO:
        return True
    # "Kharkiv's Saltivka" names Saltivka: every word of the shorter name is in the longer
    shorter, longer = sorted((set(left.split()), set(right.split())), key=len)
    return shorter <= longer


def site_of(claim: Claim) -> Site:
    """The site of a claim, from its geocode where there is one, else from the words."""
    return site_for(claim.place, claim.geocode)


def site_for(query: PlaceQuery | None, geocode: Geocode | None) -> Site:
    """The site of anything placed (a claim, a toll, a control claim)."""
    if geocode is not None and geocode.place is not None:
        return _geocoded_site(geocode, query)
    if query is not None and query.mention:
        return _named_site(query)
    return UNKNOWN


def _geocoded_site(geocode: Geocode, query: PlaceQuery | None) -> Site:
    place = geocode.place
    region = (place.country, place.admin1)
    mention = query.mention if query else geocode.mention
    name = normalise(mention or "")
    if place.kind in COARSE_KINDS or geocode.geo_precision == 3:
        # a village the gazetteer lacks, coded at its district, is still that village, not
        # anywhere in the district ("in Dovha Balka, one died" is not Pokrovsk's toll; a
        # province is too wide to tell, and "President" no village)
        part = _fallen_part(geocode, mention, name, region) if place.kind == "admin2" \
            and not (query is not None and query.kind_hint) else None
        return part or Site(region=region, root=place.id, coarse=True, level=2)
    if place.kind in SUB_KINDS and place.parent:
        return Site(region=region, root=place.parent, sub=place.id,
                    sub_name=normalise(place.name), level=0)
    # the geocoder fell back to the town: the part of the town is still a different place
    part = _fallen_part(geocode, mention, name, region) if geocode.geo_precision == 2 else None
    return part or Site(region=region, root=place.id, level=1)


def _fallen_part(geocode: Geocode, mention: str, name: str, region: tuple[str, str]) -> Site | None:
    """A place the geocoder coded at the town or district around it (not a mention of that
    area itself): a part of it, known by its name."""
    if not name or geocode.area or _names_place(mention, geocode):
        return None
    return Site(region=region, root=geocode.place.id, sub="name:" + name, sub_name=name, level=0)


def _names_place(mention: str, geocode: Geocode) -> bool:
    place = geocode.place
    names = (place.name, geocode.matched_name, *place.alternate_names)
    return any(same_name(mention, name) for name in names if name)


def _named_site(query: PlaceQuery) -> Site:
    """No geocode: the outermost parent named is the root, the mention the part of it."""
    mention = normalise(query.mention)
    if query.parents and mention:
        root = normalise(query.parents[-1])
        return Site(region=("", root), root="name:" + root, sub="name:" + mention,
                    sub_name=mention, level=0)
    root = mention or normalise(query.parents[-1] if query.parents else "")
    if not root:
        return UNKNOWN
    return Site(region=("", root), root="name:" + root, level=1)


def sites_fit(a: Site, b: Site) -> bool:
    """Same place, or one inside the other."""
    if a.level == 3 or b.level == 3:
        return True  # a claim with no place at all says nothing against the other
    if a.coarse or b.coarse:
        return a.region == b.region and bool(a.region[1])
    if a.root != b.root:
        return False
    return not a.sub or not b.sub or _same_sub(a, b)


def _same_sub(a: Site, b: Site) -> bool:
    if a.sub == b.sub:
        return True
    if a.sub.startswith("name:") or b.sub.startswith("name:"):
        # one part is only a name: compare names (two gazetteer ids that differ never fit)
        return same_name(a.sub_name, b.sub_name)
    return False
