"""Extraction: source-attributed claims, tolls and control statements from reports.

:class:`Extractor` runs the spaCy pipeline over reports (the ``Doc`` never leaves this
package) and reads each sentence for event triggers and their arguments; see
:mod:`marsad.extract.claims` for how the pieces become records.
"""

from __future__ import annotations

import logging
from typing import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from ..knowledge import Knowledge
from ..records import Extraction, Report
from .claims import ReportReader
from .lexicon import Lexicon
from .numbers import NumberReader

log = logging.getLogger(__name__)
SUPPORTED_LANGUAGES = {"en", ""}
# the country a report's place names lie in, or "" (the geocoder's, passed in by the pipeline)
Ground = Callable[[Iterable[str]], str]


class Extractor:
    """Reads reports into :class:`~marsad.records.Extraction` records."""

    def __init__(self, nlp: Language, knowledge: Knowledge, batch_size: int = 64):
        self.nlp = nlp
        self.knowledge = knowledge
        self.lexicon = Lexicon(nlp, knowledge)
        self.numbers = NumberReader(knowledge.numbers)
        self.batch_size = batch_size

    def extract(self, report: Report, ground: Ground | None = None) -> Extraction:
        return next(iter(self.extract_many([report], ground)))

    def extract_many(self, reports: Iterable[Report],
                     ground: Ground | None = None) -> Iterator[Extraction]:
        """Each report's claims, tolls and controls; ``ground`` tells the country of a
        report's places where its text names none (whose are "the police" in a story
        datelined from a provincial town)."""
        reports = list(reports)
        english = [r for r in reports if r.language in SUPPORTED_LANGUAGES]
        docs = self._parse([r.text for r in english])
        # (the titles in the same batched pass: one gives the day and the region the text
        # leaves out)
        titles = self.nlp.pipe((r.title.strip() for r in english), batch_size=self.batch_size)
        for report in reports:
            if report.language not in SUPPORTED_LANGUAGES:
                yield Extraction(report_id=report.id, notes=(
                    f"language {report.language!r}: extraction reads English only for now; "
                    "the report is stored, no claims were extracted",))
                continue
            reader = ReportReader(self, report, next(docs), ground, title=next(titles))
            yield reader.read()

    def _parse(self, texts: list[str]) -> Iterator[Doc]:
        """The texts parsed in batches; a text longer than spaCy takes at once is parsed in
        pieces cut at line breaks, joined back into one Doc with the same text and offsets."""
        pieces = [(i, piece) for i, text in enumerate(texts) for piece in split_text(text)]
        parsed = self.nlp.pipe((piece for _, piece in pieces), batch_size=self.batch_size)
        current, parts = 0, []
        for (owner, _), doc in zip(pieces, parsed):
            if owner != current and parts:
                yield _joined(parts)
                parts = []
            current = owner
            parts.append(doc)
        if parts:
            yield _joined(parts)


PIECE = 100_000  # characters parsed at once: well under spaCy's max_length, and fast


def split_text(text: str, size: int | None = None) -> list[str]:
    """Consecutive slices of `text` (joined they give it back), each at most about `size`
    characters, cut after a line break where there is one, else after a space."""
    size = size or PIECE
    pieces, start = [], 0
    while len(text) - start > size:
        end = text.rfind("\n", start, start + size)
        if end <= start:
            end = text.rfind(" ", start, start + size)
        end = end + 1 if end > start else start + size
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def _joined(docs: list[Doc]) -> Doc:
    return docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)


__all__ = ["Extractor", "SUPPORTED_LANGUAGES"]
