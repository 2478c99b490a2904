"""Ground taken at several places at once: one capture claim for each place a capture lists ("seized
the villages of A, B and C"), or that the next sentence lists ("The three villages are A, B and
C"), as ACLED codes one event a place.

:class:`ListedGrounds` is a part of :class:`marsad.extract.claims.ReportReader`: its state lives
there."""

from __future__ import annotations

from spacy.tokens import Doc

from ..records import Claim, content_id
from .attribution import Speaker
from .grammar import Incident
from .incidents import TERRITORY_TYPES
from .sentence import PlaceMention, SentenceFacts


class ListedGrounds:
    """A part of :class:`marsad.extract.claims.ReportReader`: its state lives there."""

    def _other_grounds(self, facts: SentenceFacts, incident: Incident, claim: Claim,
                       speaker: Speaker | None) -> list[Claim]:
        """A capture of several places at once ("seized the villages of A, B and C, as well
        as the village of D") is a territorial change at each, as ACLED codes them: the same
        claim again for every other place the capture lists."""
        if incident.place is None:
            return []
        if incident.place.unit_list >= 0:
            # "drones downed in Bryansk, Kursk and Belgorod oblasts": one event a province
            listed = [p for p in facts.places if p.unit_list == incident.place.unit_list
                      and p is not incident.place]
        elif incident.main.trigger.territory:
            listed = _listed_with(self.doc, incident.place)
        else:
            return []
        others = []
        for place in listed:
            query = self._place_query(place, facts)
            others.append(claim.model_copy(update={
                "id": content_id(self.report.id, claim.evidence.start, place.start - facts.sent.start,
                                 "ground"),
                "place": query}))
        return others

    def _listed_grounds(self, facts: SentenceFacts) -> list[Claim]:
        """"The three villages are A, B and C" after a capture of "three villages": the
        capture at each (ACLED codes one event a place), told by the two sentences together."""
        last = self.claims[-1] if self.claims else None
        sent = facts.sent
        if last is None or last.sub_event_type not in TERRITORY_TYPES or sent.start == 0 \
                or self.doc[sent.start - 1].sent.start_char != last.evidence.start:
            return []
        text = self.doc.text[last.evidence.start:sent.end_char]
        evidence = last.evidence.model_copy(update={"end": sent.end_char, "text": text})
        return [last.model_copy(update={
            "id": content_id(self.report.id, sent.start_char, held.place.start - sent.start,
                             "listed"),
            "place": self._place_query(held.place, facts), "evidence": evidence})
            for held in self._listed(facts)]


LIST_LINKS = ("conj", "appos")


def _listed_with(doc: Doc, place: PlaceMention) -> list[PlaceMention]:
    """The proper names listed with a place ("A, B and C", "the villages of A and B, as well
    as the village of C"): every name joined to it by conjunction or apposition, directly or
    through the nouns they name the members of ("the villages of ...")."""
    root = doc[place.start:place.end].root
    start = [root]
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        start.append(root.head.head)  # "the villages of A, ...": the villages, and their list
    seen, todo, names = set(), list(start), []
    while todo:
        token = todo.pop()
        if token.i in seen:
            continue
        seen.add(token.i)
        linked = [c for c in token.children if c.dep_ in LIST_LINKS]
        if token.dep_ in LIST_LINKS:
            linked.append(token.head)
        if token.pos_ == "NOUN":  # "the village of C": C
            linked += [c for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
                       for c in p.children if c.dep_ == "pobj"]
            if token.dep_ == "dobj":  # "seized the villages of A and B, as well as the town
                # of C": the parser may make the town a second object of the verb
                linked += [c for c in token.head.children if c.dep_ == "dobj"]
        todo += linked
        if token.pos_ == "PROPN" and token not in start:
            names.append(token)
    listed = []
    for token in sorted(names, key=lambda t: t.i):
        first = min([token.i, *(c.i for c in token.children
                                if c.dep_ in ("compound", "flat") and c.i < token.i)])
        listed.append(PlaceMention(first, token.i + 1, doc[first:token.i + 1].text))
    return listed
