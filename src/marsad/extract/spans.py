"""Entities of a span, read once per document.

spaCy's ``Span.ents`` (and ``Doc.ents``) rebuild every entity of the document on each call, so
asking each sentence for its entities costs time that grows with the square of the report. The
extractor reads the document's entities once and finds a span's by bisection.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span

KEY = "marsad.ents"


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    cached = doc.user_data.get(KEY)
    if cached is None:
        ents = tuple(doc.ents)
        cached = (ents, [e.start for e in ents])
        doc.user_data[KEY] = cached
    return cached[0]


def ents_in(span: Span | Doc) -> list[Span]:
    """The entities wholly inside a span, in order (as ``span.ents``)."""
    if isinstance(span, Doc):
        return list(doc_ents(span))
    doc_ents(span.doc)
    ents, starts = span.doc.user_data[KEY]
    out = []
    for ent in ents[bisect_left(starts, span.start):]:
        if ent.start >= span.end:
            break
        if ent.end <= span.end:
            out.append(ent)
    return out


SURNAMES = "marsad.surnames"


def person_names(doc: Doc) -> frozenset[str]:
    """The last names of the people a report names in full ("Serhiy Lysak"), so that the
    "Lysak" the NER later calls a place is still the person."""
    cached = doc.user_data.get(SURNAMES)
    if cached is None:
        cached = frozenset(ent[-1].text for ent in doc_ents(doc)
                           if ent.label_ == "PERSON" and len(ent) >= 2 and ent[-1].is_title)
        doc.user_data[SURNAMES] = cached
    return cached
