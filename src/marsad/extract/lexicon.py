"""Matchers built once from the knowledge files: triggers, kill/injure words, cue phrases."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Span

from ..knowledge import Knowledge, Trigger


@dataclass(frozen=True)
class TriggerHit:
    trigger: Trigger
    start: int  # token index in the Doc
    end: int

    @property
    def sub_event_type(self) -> str:
        return self.trigger.sub_event_type


class Lexicon:
    """Everything extraction looks words up in, compiled for spaCy."""

    def __init__(self, nlp: Language, knowledge: Knowledge):
        self.knowledge = knowledge
        self.triggers = Matcher(nlp.vocab)
        self.trigger_phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._by_key: dict[str, Trigger] = {}
        for number, trigger in enumerate(knowledge.triggers):
            key = f"T{number}"
            self._by_key[key] = trigger
            if trigger.lemmas:
                self.triggers.add(key, [[{"LEMMA": {"IN": list(trigger.lemmas)}}],
                                        [{"LOWER": {"IN": list(trigger.lemmas)}}]])
            if trigger.verbs:
                self.triggers.add(key, [[{"LEMMA": {"IN": list(trigger.verbs)}, "POS": "VERB"}]])
            if trigger.phrases:
                self.trigger_phrases.add(key, [nlp.make_doc(p) for p in trigger.phrases])
        cues = knowledge.cue_words
        self.killed_lemmas = set(cues.get("killed_words", {}).get("lemmas", ()))
        self.injured_lemmas = set(cues.get("injured_words", {}).get("lemmas", ()))
        self.toll_cues = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.toll_cues.add("TOLL", [nlp.make_doc(p) for p in cues.get("toll_cues", {}).get("phrases", ())])
        self.modality = PhraseMatcher(nlp.vocab, attr="LOWER")
        for kind, words in cues.get("modality", {}).items():
            self.modality.add(kind.upper(), [nlp.make_doc(str(w)) for w in words])
        self.habitual = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.habitual.add("HABITUAL", [nlp.make_doc(p) for p in cues.get("habitual_cues", ())])
        self.responsibility = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.responsibility.add("CLAIM", [nlp.make_doc(p) for p in cues.get("responsibility_cues", ())])
        self.military_nouns = frozenset(cues.get("military_nouns", ()))
        self.weapon_nouns = frozenset(cues.get("weapon_nouns", ()))
        self.victim_nouns = set(cues.get("victim_nouns", ()))
        self.child_nouns = set(cues.get("child_nouns", ()))
        self.women_nouns = set(cues.get("women_nouns", ()))
        self.civilian_nouns = set(cues.get("civilian_nouns", ()))

    def trigger_hits(self, sent: Span) -> list[TriggerHit]:
        """Trigger words in a sentence; overlapping hits keep the longest, then the most specific."""
        hits = []
        # spaCy's Matcher gives offsets within the span, its PhraseMatcher within the Doc
        for matcher, offset in ((self.triggers, sent.start), (self.trigger_phrases, 0)):
            for match_id, start, end in matcher(sent):
                trigger = self._by_key[sent.doc.vocab.strings[match_id]]
                hits.append(TriggerHit(trigger, offset + start, offset + end))
        hits.sort(key=lambda h: (-(h.end - h.start), -h.trigger.priority, h.start))
        kept: list[TriggerHit] = []
        for hit in hits:
            if all(hit.end <= k.start or hit.start >= k.end for k in kept):
                kept.append(hit)
        return sorted(kept, key=lambda h: h.start)

    def cue_kinds(self, sent: Span) -> dict[str, list[tuple[int, int]]]:
        found: dict[str, list[tuple[int, int]]] = {}
        for match_id, start, end in self.modality(sent):
            found.setdefault(sent.doc.vocab.strings[match_id].lower(), []).append((start, end))
        return found

    def is_habitual(self, sent: Span) -> bool:
        return bool(self.habitual(sent))

    def responsibility_spans(self, sent: Span) -> list[tuple[int, int]]:
        return [(s, e) for _, s, e in self.responsibility(sent)]

    def toll_cue_spans(self, sent: Span) -> list[tuple[int, int]]:
        return [(s, e) for _, s, e in self.toll_cues(sent)]
