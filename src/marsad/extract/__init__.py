"""Extraction: source-attributed claims, tolls and control statements from reports.

:class:`Extractor` runs the spaCy pipeline over reports (the ``Doc`` never leaves this
package) and reads each sentence for event triggers and their arguments; see
:mod:`marsad.extract.claims` for how the pieces become records.
"""

from __future__ import annotations

import logging
from typing import Iterable, Iterator

from spacy.language import Language

from ..knowledge import Knowledge
from ..records import Extraction, Report
from .claims import ReportReader
from .lexicon import Lexicon
from .numbers import NumberReader

log = logging.getLogger(__name__)
SUPPORTED_LANGUAGES = {"en", ""}


class Extractor:
    """Reads reports into :class:`~marsad.records.Extraction` records."""

    def __init__(self, nlp: Language, knowledge: Knowledge, batch_size: int = 64):
        self.nlp = nlp
        self.knowledge = knowledge
        self.lexicon = Lexicon(nlp, knowledge)
        self.numbers = NumberReader(knowledge.numbers)
        self.batch_size = batch_size

    def extract(self, report: Report) -> Extraction:
        return next(iter(self.extract_many([report])))

    def extract_many(self, reports: Iterable[Report]) -> Iterator[Extraction]:
        reports = list(reports)
        english = [r for r in reports if r.language in SUPPORTED_LANGUAGES]
        docs = iter(self.nlp.pipe((r.text for r in english), batch_size=self.batch_size))
        for report in reports:
            if report.language not in SUPPORTED_LANGUAGES:
                yield Extraction(report_id=report.id, notes=(
                    f"language {report.language!r}: extraction reads English only for now; "
                    "the report is stored, no claims were extracted",))
                continue
            reader = ReportReader(self, report, next(docs))
            yield reader.read()


__all__ = ["Extractor", "SUPPORTED_LANGUAGES"]
