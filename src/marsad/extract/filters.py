"""The sentence filter: sentences that report no new incident, whatever trigger words they hold.

The first component of extraction. Its patterns live in ``data/sentence_filters.yaml`` (pointers
to other stories, photo captions, lone datelines); denials, plans and background are read later
from the sentence's grammar (modality, dates), since they need the parse.
"""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from ..knowledge import DATA

KINDS = ("pointers", "captions", "datelines")


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, re.Pattern], ...]:
    data = yaml.safe_load((DATA / "sentence_filters.yaml").read_text(encoding="utf-8"))
    return tuple((kind, re.compile(p, re.I)) for kind in KINDS for p in data.get(kind, ()))


def no_incident(text: str) -> str:
    """Why a sentence reports no incident ("captions", ...), or "" when it may."""
    line = text.strip()
    for kind, pattern in _patterns():
        if pattern.search(line):
            return kind
    return ""
