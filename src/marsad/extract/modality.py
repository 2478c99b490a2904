"""Modality: whether a claim is asserted, claimed by a party, denied, planned or threatened, from
the grammar of the trigger's clause and its governors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..records import Modality
from .attribution import SPEECH_LEMMAS, Speaker
from .lexicon import TriggerHit
from .sentence import SentenceFacts

if TYPE_CHECKING:
    pass

from .grammar import _root


class ModalityReading:
    """A part of :class:`marsad.extract.claims.ReportReader`: its state lives there."""

    def _modality(self, facts: SentenceFacts, hit: TriggerHit, speaker: Speaker | None) -> Modality:
        trigger = _root(self.doc, hit)
        verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
        if any(c.dep_ == "neg" for c in verb.children) or "denied" in facts.cues:
            return Modality.DENIED
        if any(c.dep_ == "det" and c.lower_ == "no" for c in trigger.children):
            return Modality.DENIED  # "there was no fighting in the area"
        chain = [verb]
        child = verb
        while child.head.i != child.i:
            parent = child.head
            if parent.lemma_.lower() in SPEECH_LEMMAS:
                break
            if child.dep_ != "conj":
                # (a verb's coordinate governs it not: "threatened her with knives and raped
                # her" is a rape, done, not threatened; their governors are shared)
                chain.append(parent)
            child = parent
        governors = {t.lemma_.lower() for t in chain[:4]}
        aux = {c.lower_ for t in chain[:3] for c in t.children if c.dep_ == "aux"}
        if any(c.dep_ == "neg" for t in chain[1:3] for c in t.children) \
                and not governors & {"fail", "stop", "end"}:
            return Modality.DENIED  # "we do not accept that the strike targeted civilians"
        if governors & {"threaten", "warn"}:
            return Modality.THREATENED
        if aux & {"will", "would"} or governors & {"plan", "intend", "vow", "prepare", "aim",
                                                          "intention", "plot", "seek", "promise",
                                                          "pledge", "commitment", "determination"}:
            return Modality.PLANNED
        if "decision" in governors and hit.trigger.event_type != "Strategic developments":
            # "his government's decision to fight against Al-Shabaab": a policy, no fight ("the
            # decision to withdraw from the city" told after is the withdrawal, done)
            return Modality.PLANNED
        if "unconfirmed" in facts.cues:
            return Modality.UNCONFIRMED
        if speaker is not None and speaker.name != self.report.outlet:
            return Modality.CLAIMED
        return Modality.ASSERTED
