"""Who says it: the speaker of a sentence and what kind of source they are.

"Rami Abdel Rahman, head of the Syrian Observatory for Human Rights, said" -> the Observatory
(a monitor); "He said" -> the last speaker; "a monitor said" -> the one monitor the report
names, once it names one; "the SDF claimed" -> the SDF, a party to the fighting.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .spans import doc_ents, ents_in
from ..knowledge import Knowledge
from ..records import SourceKind
from .actors import ActorResolver

SPEECH_LEMMAS = {"say", "report", "tell", "claim", "announce", "add", "state", "confirm",
                 "deny", "accuse", "note", "declare", "insist", "allege", "warn", "estimate",
                 "document", "record", "publish", "inform", "affirm", "quote", "acknowledge"}
PRONOUNS = {"he", "she", "it", "they", "the group", "the watchdog", "the monitor", "we", "i"}
ROLE_NOUNS = {"head", "director", "spokesman", "spokeswoman", "spokesperson", "chief",
              "commander", "official", "founder", "chairman", "leader", "member", "minister",
              "representative", "envoy", "coordinator"}


@dataclass(frozen=True)
class Speaker:
    name: str
    kind: SourceKind
    token: int = -1  # the speech verb's index, -1 when inherited

    @property
    def is_party(self) -> bool:
        return self.kind == SourceKind.PARTY


class Attribution:
    """Tracks speakers through one report."""

    def __init__(self, knowledge: Knowledge, actors: ActorResolver, doc: Doc, outlet: str):
        self.knowledge = knowledge
        self.actors = actors
        self.sources = {s.name: s for s in knowledge.sources}
        self.outlet = outlet
        self.people = self._people(doc)
        self.last: Speaker | None = None
        self.named_monitors = sorted({e.ent_id_ for e in doc_ents(doc) if e.label_ == "SOURCE"
                                      and self.sources[e.ent_id_].kind == "monitor"})

    def _people(self, doc: Doc) -> dict[str, Speaker]:
        """Person -> organisation from appositions ("X, head of Y") and titles ("Y spokesman X")."""
        people: dict[str, Speaker] = {}
        for ent in doc_ents(doc):
            if ent.label_ != "PERSON":
                continue
            org = self._organisation_near(ent)
            if org is not None:
                people[ent.text] = org
                people[ent[-1].text] = org  # "Abdel Rahman" later, "Shaker" later
                if len(ent) > 1:
                    people[ent[-2:].text] = org
        return people

    def _organisation_near(self, person: Span) -> Speaker | None:
        doc = person.doc
        window = doc[max(person.sent.start, person.start - 8):min(person.sent.end, person.end + 14)]
        roles = [t for t in window if t.lemma_.lower() in ROLE_NOUNS]
        if not roles:
            return None
        # the organisation nearest the role word: "X, head of the Observatory", "SDF spokesman X"
        candidates = [e for e in ents_in(window) if e.label_ in ("SOURCE", "ACTOR", "GENERIC", "ORG")
                      and e != person]
        candidates.sort(key=lambda e: (e.label_ == "ORG", min(abs(e.start - r.i) for r in roles)))
        for ent in candidates:
            speaker = self._from_entity(ent)
            if speaker is not None:
                return speaker
        return None

    def _from_entity(self, ent: Span) -> Speaker | None:
        if ent.label_ == "SOURCE":
            kind = self.sources[ent.ent_id_].kind
            return Speaker(ent.ent_id_, SourceKind(kind) if kind in SourceKind._value2member_map_
                           else SourceKind.UNKNOWN)
        if ent.label_ in ("ACTOR", "GENERIC"):
            mention = self.actors.mention(ent)
            if mention is not None:
                kind = self.actors.kind(mention.name)
                return Speaker(mention.name, SourceKind.PARTY if kind not in ("civilians", "protesters")
                               else SourceKind.WITNESS)
        if ent.label_ == "PERSON":
            return self.people.get(ent.text) or self.people.get(ent[-1].text)
        if ent.label_ == "ORG":
            return Speaker(ent.text, SourceKind.UNKNOWN)
        return None

    def speaker(self, sent: Span) -> Speaker | None:
        """The sentence's speaker, or the last one when the sentence has none of its own."""
        according = self._according_to(sent)
        if according is not None:
            return according  # "according to X" speaks for its own sentence only
        found = self._speech_subject(sent)
        if found is not None:
            self.last = found
            return found
        return self.last

    def _according_to(self, sent: Span) -> Speaker | None:
        text = sent.text.lower()
        at = text.find("according to ")
        if at < 0:
            return None
        for ent in ents_in(sent):
            if ent.start_char - sent.start_char > at:
                speaker = self._from_entity(ent)
                if speaker is not None:
                    return speaker
        return self._unnamed(sent.text[at + len("according to "):])

    def _speech_subject(self, sent: Span) -> Speaker | None:
        for token in sent:
            if token.lemma_.lower() not in SPEECH_LEMMAS or token.pos_ not in ("VERB", "AUX"):
                continue
            subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
            for subject in subjects:
                speaker = self._subject_speaker(subject)
                if speaker is not None:
                    return Speaker(speaker.name, speaker.kind, token.i)
        return None

    def _subject_speaker(self, subject: Token) -> Speaker | None:
        phrase = subject.doc[subject.left_edge.i:subject.right_edge.i + 1]
        for ent in ents_in(phrase):
            speaker = self._from_entity(ent)
            if speaker is not None:
                return speaker
        low = phrase.text.lower()
        if low in PRONOUNS or subject.lower_ in PRONOUNS:
            return self.last
        if subject.text in self.people:
            return self.people[subject.text]
        return self._unnamed(phrase.text)

    def _unnamed(self, text: str) -> Speaker | None:
        low = text.lower().strip()
        for word, kind in sorted(self.knowledge.unnamed_sources.items(), key=lambda w: -len(w[0])):
            if low.startswith(word) or f" {word}" in f" {low[:60]}":
                if kind == "monitor" and len(self.named_monitors) == 1:
                    return Speaker(self.named_monitors[0], SourceKind.MONITOR)
                return Speaker(word, SourceKind(kind))
        return None

    def resolve_unnamed(self, speaker: Speaker | None) -> Speaker | None:
        """"a monitor" said it in the lead; the report names one monitor later: that one."""
        if speaker and speaker.kind == SourceKind.MONITOR and speaker.name not in self.sources \
                and len(self.named_monitors) == 1:
            return Speaker(self.named_monitors[0], SourceKind.MONITOR, speaker.token)
        return speaker
