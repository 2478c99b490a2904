"""What one sentence says: triggers, dates, places, actors, casualty figures, cues.

:func:`read_sentence` gathers the pieces; the extractor turns them into claims, tolls and
control records. Dates are found here; places by :mod:`.places_found`. Positions are token
indices in the report's Doc.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span

from .spans import ents_in
from ..records import EventDate
from .actors import ActorMention, ActorResolver
from .dates import LATER_BY, WEEKDAY_RE, DateResolver
from .figures import Figure, find_figures
from .lexicon import Lexicon, TriggerHit
from .numbers import NumberReader
# (place finding lives in .places_found; ADMIN_HINTS, _clean_place and _marked_as_place are
# re-exported for the modules and tests that import them from here)
from .places_found import (  # noqa: F401
    ADMIN_HINTS,
    PlaceMention,
    _clean_place,
    _marked_as_place,
    find_places,
)


DATE_WORDS = re.compile(r"\b(today|tonight|yesterday|last night|this morning|last week|past week|"
                        r"last month|past month|this week|earlier this week)\b|"
                        r"\b(?:past|last|previous)\s+(?:\d+|[a-z-]+)\s+hours\b|"
                        r"\b(?:comes?|came|coming)\s+(?:(?:\d|a|one|two|three)\s+)?days?\s+after\b|"
                        + LATER_BY.pattern, re.I)  # (weeks, months, years: as dates.py reads them)


@dataclass
class DateMention:
    start: int
    end: int
    date: EventDate
    speech: bool = False  # "said on Tuesday": when it was said, not when it happened


@dataclass
class SentenceFacts:
    sent: Span
    triggers: list[TriggerHit] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    toll_cues: list[tuple[int, int]] = field(default_factory=list)
    cues: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    habitual: bool = False


def read_sentence(sent: Span, lexicon: Lexicon, numbers: NumberReader, dates: DateResolver,
                  actors: ActorResolver) -> SentenceFacts:
    facts = SentenceFacts(sent)
    facts.triggers = lexicon.trigger_hits(sent)
    facts.dates = find_dates(sent, dates)
    facts.places = find_places(sent)
    facts.actors = actors.mentions(sent, lexicon.military_nouns)
    facts.habitual = lexicon.is_habitual(sent)
    facts.figures = find_figures(sent, lexicon, numbers, facts.actors)
    facts.toll_cues = lexicon.toll_cue_spans(sent)
    facts.cues = lexicon.cue_kinds(sent)
    return facts


# -- dates ------------------------------------------------------------------------------------

SPEECH = {"say", "report", "tell", "claim", "announce", "add", "state", "confirm", "deny",
          "accuse", "note", "declare", "warn", "publish", "document"}


def _is_speech_date(span: Span) -> bool:
    """A date hanging on a verb of saying ("the army said on Sunday")."""
    token = span.root
    for _ in range(3):
        if token.head == token:
            return False
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token.lemma_.lower() in SPEECH
    return False


def find_dates(sent: Span, resolver: DateResolver) -> list[DateMention]:
    found: list[DateMention] = []
    taken: set[int] = set()
    for ent in ents_in(sent):
        if ent.label_ in ("DATE", "TIME"):
            resolved = resolver.resolve(_with_preposition(ent))
            if resolved is not None:
                found.append(DateMention(ent.start, ent.end, resolved, _is_speech_date(ent)))
                taken.update(range(ent.start, ent.end))
    # weekdays and relative words the NER missed
    for pattern in (WEEKDAY_RE, DATE_WORDS):
        for match in pattern.finditer(sent.text):
            span = sent.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is None or any(i in taken for i in range(span.start, span.end)):
                continue
            resolved = resolver.resolve(match.group(0))
            if resolved is not None:
                found.append(DateMention(span.start, span.end, resolved, _is_speech_date(span)))
                taken.update(range(span.start, span.end))
    return sorted(found, key=lambda d: d.start)


def _with_preposition(ent: Span) -> str:
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.lower_ in ("in", "since", "on", "by"):
        return f"{before.lower_} {ent.text}"
    return ent.text
