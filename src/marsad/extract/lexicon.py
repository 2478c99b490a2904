"""Matchers built once from the knowledge files: triggers, kill/injure words, cue phrases."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from spacy.language import Language
from spacy.matcher import PhraseMatcher
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
        # one-word triggers are a dictionary lookup per token (a Matcher costs far more)
        self.by_lemma: dict[str, Trigger] = {}
        self.by_verb: dict[str, Trigger] = {}
        self.trigger_phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._by_key: dict[str, Trigger] = {}
        for number, trigger in enumerate(knowledge.triggers):
            key = f"T{number}"
            self._by_key[key] = trigger
            for lemma in trigger.lemmas:
                self._keep_best(self.by_lemma, lemma.lower(), trigger)
            for verb in trigger.verbs:
                self._keep_best(self.by_verb, verb.lower(), trigger)
            if trigger.phrases:
                self.trigger_phrases.add(key, [nlp.make_doc(p) for p in trigger.phrases])
        cues = knowledge.cue_words
        self._cue_sets: dict[str, frozenset[str]] = {}
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
        self.accident_words = frozenset(cues.get("accident_words", ()))
        self.military_nouns = frozenset(cues.get("military_nouns", ()))
        self.weapon_nouns = frozenset(cues.get("weapon_nouns", ()))
        self.victim_nouns = set(cues.get("victim_nouns", ()))
        self.child_nouns = set(cues.get("child_nouns", ()))
        self.women_nouns = set(cues.get("women_nouns", ()))
        self.civilian_nouns = set(cues.get("civilian_nouns", ()))
        self.combatant_nouns = set(cues.get("combatant_nouns", ()))

    def cues(self, name: str) -> frozenset[str]:
        """A word list of data/triggers.yaml, lower case (read once)."""
        found = self._cue_sets.get(name)
        if found is None:
            words = self.knowledge.cue_words.get(name, ())
            found = self._cue_sets[name] = frozenset(str(w).lower() for w in words)
        return found

    @cached_property
    def construals(self):
        """The triggers a verb and its object tell (``verb_objects``), compiled once."""
        from .grammar import construals

        return construals(self.knowledge.cue_words)

    @cached_property
    def construal_lemmas(self) -> frozenset[str]:
        return frozenset(lemma for kind in self.construals for lemma, _ in kind.verbs)

    @staticmethod
    def _keep_best(table: dict[str, Trigger], word: str, trigger: Trigger) -> None:
        if word not in table or table[word].priority < trigger.priority:
            table[word] = trigger

    def _word_trigger(self, token) -> Trigger | None:
        lemma, lower = token.lemma_.lower(), token.lower_
        found = self.by_lemma.get(lemma) or self.by_lemma.get(lower)
        if found is None and token.pos_ == "VERB":
            found = self.by_verb.get(lemma)
        return found

    def trigger_hits(self, sent: Span) -> list[TriggerHit]:
        """Trigger words in a sentence; overlapping hits keep the longest, then the most specific."""
        hits = [TriggerHit(t, token.i, token.i + 1) for token in sent
                if (t := self._word_trigger(token)) is not None]
        for match_id, start, end in self.trigger_phrases(sent):  # offsets within the Doc
            trigger = self._by_key[sent.doc.vocab.strings[match_id]]
            hits.append(TriggerHit(trigger, start, end))
        # a month is no march, a date no event ("in March 2023", "the May 9 parade")
        hits = [h for h in hits if sent.doc[h.start].ent_type_ not in ("DATE", "TIME")]
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
