"""Where: the place query of each incident (the mention, the parents the text names, the countries
to look it up in, the places to fall back to) and the places the story has named so far."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from spacy.tokens import Span

from ..records import PlaceQuery
from .countries import country_of, is_demonym
from .sentence import ADMIN_HINTS, PlaceMention, SentenceFacts, find_places

if TYPE_CHECKING:
    pass

from .grammar import MAX_FALLBACKS, _placeable
from .incidents import _names_other_incident


NEAR_WORDS = frozenset({"near", "outside", "around", "close", "north", "south", "east",
                        "west", "nearby", "outskirts", "edge"})


class PlaceLinking:
    """A part of :class:`marsad.extract.claims.ReportReader`: its state lives there."""

    def _report_places(self) -> tuple[str, ...]:
        """The places the report names, most named first (ties: the first named); the place
        a wire story was filed from last ("NAIROBI, Kenya (AP) — ... in Mogadishu")."""
        counts: Counter[str] = Counter()
        filed: list[str] = []
        for sent in self.doc.sents:
            for place in find_places(sent):
                if _placeable(place.text):
                    if place.dateline:
                        filed.append(place.text)
                    else:
                        counts[place.text] += 1
        named = tuple(name for name, _ in counts.most_common())
        return named + tuple(n for n in dict.fromkeys(filed) if n not in counts)

    def _place_query(self, place: PlaceMention | None, facts: SentenceFacts) -> PlaceQuery | None:
        if place is None or is_demonym(place.text):  # "a Syrian town" names no place
            place = self._definite_feature(facts.sent)
        if place is None:
            if not self.main_place:
                return None
            countries = self._countries_for(self.main_place, ())
            return PlaceQuery(mention=self.main_place, country=countries[0] if countries else "",
                              countries=countries[1:], from_report=True,
                              fallbacks=tuple(n for n in dict.fromkeys(
                                  [*_named_after(self.main_place), *self.report_places])
                                              if n != self.main_place)[:MAX_FALLBACKS])
        parents = tuple(p for p in place.parents if p != place.text)
        named = self._feature_after(place)
        if named is not None and named.text not in parents:
            parents += (named.text,)  # "Mbot village of the region": the region named before
        countries = self._countries_for(place.text, parents)
        fallback = self.main_place if self.main_place not in (place.text, *parents) else ""
        nearby = [p.text for p in facts.places if _placeable(p.text) and self._encloses(p)]
        nearby = [*_named_after(place.text), *_named_after(fallback), *nearby]
        fallbacks = tuple(n for n in dict.fromkeys([*nearby, *self.report_places])
                          if n not in (place.text, fallback))[:MAX_FALLBACKS]
        return PlaceQuery(mention=place.text, parents=parents,
                          country=countries[0] if countries else "", countries=countries[1:],
                          kind_hint=place.kind_hint, fallback=fallback, fallbacks=fallbacks)

    def _encloses(self, place: PlaceMention) -> bool:
        """A place of the sentence that can stand for where its incident was when the named
        one is not in the gazetteer: an area ("in Yagha province") or a town the text puts
        the incident near ("near the town of Hombori", "30 km north of Gao"); not just any
        other town the sentence names."""
        if place.kind_hint in ADMIN_HINTS or place.kind_hint in ("district", "township"):
            return True
        before = {t.lower_ for t in self.doc[max(0, place.start - 4):place.start]}
        return bool(before & NEAR_WORDS)

    def _countries_for(self, mention: str, parents: tuple[str, ...]) -> tuple[str, ...]:
        """Where to look a mention up: the country it or its parents name ("Mali's Gao"),
        the countries the report names that are its conflict's, the others it names, the one
        its places lie in, the conflict's others, and last those only its adjectives name
        ("South Sudanese soldiers")."""
        conflict = self.actors.countries
        # a parent that names a country counts where it may be the ground ("Mali's Gao"),
        # not where it is a party ("Fallujah, west of Baghdad, U.S. officials said")
        own = [country_of(mention), *(c for c in map(country_of, parents)
                                      if c and (not conflict or c in conflict))]
        # (and where the report names none, the country its places lie in before the
        # conflict's: a story datelined from a provincial town)
        ranked = [*own, *(c for c in self.report_countries if c in conflict),
                  *self.named_countries, self.actors.ground, *conflict, *self.report_countries]
        return tuple(dict.fromkeys(c for c in ranked if c))

    def _feature_after(self, place: PlaceMention) -> PlaceMention | None:
        """The region, province or state a mention is "of" ("X village of the region")."""
        after = [t.lower_ for t in self.doc[place.end:min(place.end + 4, len(self.doc))]]
        for at, word in enumerate(after):
            if word in self.features and {"of", "the"} <= set(after[:at]):
                return self.features[word]
        return None

    def _definite_feature(self, sent: Span) -> PlaceMention | None:
        """"the market" after "the Al-Hal market" is that market; "the city" or "the town" is
        the last town the story named."""
        for token in sent:
            # ("the boarding school", "the main market": a word may stand between)
            before = [self.doc[i].lower_ for i in range(max(sent.start, token.i - 2), token.i)]
            if token.i == sent.start or "the" not in before or (
                    before[-1] != "the" and self.doc[token.i - 1].pos_ not in ("ADJ", "NOUN")):
                continue
            if token.lower_ in self.features:
                return self.features[token.lower_]
            if token.lower_ in ("city", "town", "village") and self.last_town is not None:
                return self.last_town
        return None

    def _remember_place(self, facts: SentenceFacts) -> None:
        # (not a name that labels an incident: "who took part in the Kulben attack" tells of
        # another one, and the story goes on where it was)
        places = [p for p in facts.places if not _names_other_incident(self.doc[p.end - 1], set())]
        if places:
            self.last_place = places[-1]
        # (not a place the sentence puts another inside: "the town of X in the Y" names X)
        holders = {parent for p in places for parent in p.parents}
        towns = [p for p in places if p.kind_hint not in ADMIN_HINTS
                 and p.text not in holders and not country_of(p.text)]
        if towns:
            self.last_town = towns[-1]

    def _where_it_was(self, facts: SentenceFacts, claims_from: int) -> bool:
        """"The incident took place in X", "The new base is located in X": a sentence that
        tells no incident of its own but where the one just told happened. The claims of the
        sentence before (from ``claims_from`` on) that name no finer place are put there, and
        the story's sentences that name no place are at it from now on."""
        place = _place_of_it(facts)
        if place is None:
            return False
        query = self._place_query(place, facts)
        if query is None:
            return False
        # (and when: "The attack took place on Monday in X" dates the incident the sentence
        # before told with no day of its own)
        day = next((d.date for d in facts.dates if d.date.precision == 1 and d.date.date
                    and not d.date.background and not getattr(d, "speech", False)), None)
        for at in range(claims_from, len(self.claims)):
            claim = self.claims[at]
            old = claim.place
            update = {}
            if old is None or country_of(old.mention) or old.mention in query.parents \
                    or old.mention == self.main_place:
                update["place"] = query
            if day is not None and claim.date.precision > 1 and not claim.date.background:
                update["date"] = day
            if update:
                self.claims[at] = claim.model_copy(update=update)
        self.main_place = place.text
        return True

    def _remember_features(self, facts: SentenceFacts) -> None:
        for place in facts.places:
            if place.kind_hint:
                self.features[place.kind_hint] = place


# what tells where an incident told before happened: "took place", "occurred", "is located"
WHERE_VERBS = frozenset({"occur", "happen", "locate", "situate", "unfold"})


def _place_of_it(facts: SentenceFacts) -> PlaceMention | None:
    """The place a sentence says its definite subject ("the incident", "the new base", "the
    attack") took place or lies at; none when the sentence tells an incident of its own."""
    if facts.triggers:
        return None
    for token in facts.sent:
        lemma = token.lemma_.lower()
        where = lemma in WHERE_VERBS or (lemma == "take" and any(
            c.dep_ == "dobj" and c.lower_ == "place" for c in token.children))
        if not where or token.pos_ not in ("VERB", "ADJ", "AUX"):
            continue
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.pos_ != "NOUN" or not any(
                c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in subject.children):
            continue
        own = range(subject.left_edge.i, subject.right_edge.i + 1)
        doc = facts.sent.doc
        places = [p for p in facts.places if p.start > token.i and p.start not in own
                  and not p.aside and not p.origin and not country_of(p.text)
                  and doc[p.start - 1].text != "("]  # (not an alias: "Amedi (Al-Emadiyeh)")
        holders = {parent for p in places for parent in p.parents}
        finest = [p for p in places if p.text not in holders]
        if finest:
            return finest[-1]
    return None


# waters named after a town are not at it ("the Gulf of Aden", "the Sea of Azov")
WATERS = frozenset({"gulf", "sea", "bay", "strait", "straits", "lake", "river", "ocean", "coast"})


def _named_after(name: str) -> list[str]:
    """The town a place is named after ("the University of Dhaka", "the Port of Sudan"): where
    the place itself is not in the gazetteer, the town is the nearest point the text gives."""
    head, of, town = name.rpartition(" of ")
    if not of or not town[:1].isupper() or not head or \
            head.split()[-1].lower() in WATERS or country_of(town):
        return []
    return [town]
