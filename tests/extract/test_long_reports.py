"""Long reports: parsed in pieces, read as one, every offset true; entities read once."""

from __future__ import annotations

import pytest

from marsad.extract import split_text

from .test_claims import extract


def test_pieces_join_back_into_the_text():
    text = "First line of a report.\n" * 50 + "x" * 300 + " tail words"
    pieces = split_text(text, size=100)
    assert "".join(pieces) == text
    assert all(len(p) <= 100 for p in pieces[:-1])


@pytest.mark.model
def test_a_report_parsed_in_pieces_keeps_its_offsets(extractor, monkeypatch):
    import marsad.extract as extract_module

    paragraph = ("Gunmen attacked the village of Kadiel near Douentza in central Mali on "
                 "Monday, killing five villagers, residents said.\n\n")
    text = paragraph * 6
    whole = extract(extractor, text)
    monkeypatch.setattr(extract_module, "PIECE", 200)
    pieces = extract(extractor, text)
    assert [c.evidence for c in pieces.claims] == [c.evidence for c in whole.claims]
    for claim in pieces.claims:
        assert text[claim.evidence.start:claim.evidence.end] == claim.evidence.text


@pytest.mark.model
def test_entities_of_a_sentence_are_those_spacy_gives(nlp):
    from marsad.extract.spans import ents_in

    doc = nlp("Troops entered Raqqa on Monday. The SDF said IS fighters fled to Deir ez-Zor.")
    for sent in doc.sents:
        assert [(e.start, e.end, e.label_) for e in ents_in(sent)] == \
            [(e.start, e.end, e.label_) for e in sent.ents]
