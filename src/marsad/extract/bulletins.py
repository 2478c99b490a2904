"""Bulletins: a lead that says what hit a region ("shelled populated areas of the region 27
times over the past day") and the items after it that give each place its dead or wounded ("In
X, one person died; in Y, two were injured"), each an incident of the lead's type.

:class:`BulletinReading` is a part of :class:`marsad.extract.claims.ReportReader`: its state
lives there."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Span

from ..records import Claim
from .attribution import Speaker
from .grammar import Incident
from .lexicon import TriggerHit
from .sentence import SentenceFacts, read_sentence


# A bulletin's lead ("shelled populated areas of the region 27 times over the past day") types
# the items that follow it ("In X, one person died; in Y, two were injured") for so many
# sentences; a lead is an attack from afar, the kind a regional administration or a monitor
# lists place by place.
BULLETIN_REACH = 6
BULLETIN_TYPES = frozenset({"Shelling/artillery/missile attack", "Air/drone strike"})


class BulletinReading:
    """A part of :class:`marsad.extract.claims.ReportReader`: its state lives there."""

    def _bulletin_items(self, sent: Span, speaker: Speaker | None) -> bool:
        """The items of a bulletin: clauses that open on a place and give its dead or wounded
        with no word for what hit them ("In X, one person died, two were injured; in Y, ...")
        after a lead that said it ("Russian forces shelled the region 27 times"). Each is an
        incident of the lead's type at its own place; damage alone makes none."""
        bulletin = self._bulletin
        if bulletin is None or self._sentence_number - bulletin.number > BULLETIN_REACH:
            return False
        made = []
        for clause in _item_clauses(sent):
            facts = read_sentence(clause, self.x.lexicon, self.x.numbers, self.dates,
                                  self.actors)
            place = facts.places[0] if facts.places else None
            if facts.triggers or place is None or place.start != clause.start + 1:
                continue
            bulletin.number = self._sentence_number  # the list goes on
            hurt = [f for f in facts.figures if f.outcome in ("killed", "injured")]
            if not hurt:
                continue
            if bulletin.area and bulletin.area not in place.parents:
                place = replace(place, parents=(*place.parents, bulletin.area))
            hit = TriggerHit(bulletin.lead.trigger, hurt[0].number.start, hurt[0].number.end)
            claim = self._claim(facts, Incident([hit], None, place), speaker)
            if claim is not None:
                made.append(claim)
        if made and bulletin.claims:
            # the lead's figures are the items' sum: a toll, not an event besides them
            self.claims = [c for c in self.claims if all(c is not b for b in bulletin.claims)]
            bulletin.claims = []
            if not bulletin.toll_made:
                self._tolls(bulletin.facts, bulletin.speaker)
                bulletin.toll_made = True
        self.claims += made
        return bool(made)


@dataclass
class _Bulletin:
    """The lead of a bulletin and what was read from it, while its items go on."""

    lead: TriggerHit
    number: int  # the sentence of the lead, or of the last item read since
    facts: SentenceFacts
    speaker: Speaker | None
    claims: list[Claim]  # the lead's own claims, until items make them a toll
    toll_made: bool
    area: str = ""  # the district heading the items ("Kramatorsk district.")


_HEADING = re.compile(r"^\W*(?P<area>[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)* (?:district|region|oblast"
                      r"|raion|province|governorate|county|township|community))\W*$")


def _heading(sent: Span) -> str:
    match = _HEADING.match(sent.text.strip())
    return match.group("area") if match else ""


def _item_clauses(sent: Span) -> list[Span]:
    """The items of a bulletin sentence: each runs from an "In X," that opens the sentence or
    follows a semicolon to the next such opener ("In X, ... died; in Y, ... were injured")."""
    doc = sent.doc
    openers, after_break = [], True
    for token in sent:
        if token.is_punct and token.text != ";" or token.is_space:
            continue
        if after_break and token.lower_ == "in":
            openers.append(token.i)
        after_break = token.text == ";"
    ends = openers[1:] + [sent.end]
    return [doc[start:end] for start, end in zip(openers, ends)]
