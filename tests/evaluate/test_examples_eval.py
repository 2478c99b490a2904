"""`marsad eval` on the bundled examples (written for the project, eight conflicts): the scores
must not fall below where they stand, so a change that helps one conflict and hurts another
shows here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

GOLD = Path(__file__).resolve().parents[2] / "examples" / "gold.json"


@pytest.mark.model
def test_the_examples_keep_their_scores(cli):
    result = cli("eval", str(GOLD), "--json", db=None)
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["f1"] >= 0.85, scores
    assert scores["sub_event_type_right"] >= 0.9, scores
    assert scores["tolls_found"] == "4/4" and scores["tolls_as_events"] == 0, scores
