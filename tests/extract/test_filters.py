"""The sentence filter, on lines written for these tests."""

from __future__ import annotations

import pytest

from marsad.extract.filters import no_incident


@pytest.mark.parametrize("line, kind", [
    ("Read more: Gunmen kill five in attack on a village market", "pointers"),
    ("RELATED: Militia seizes town after heavy fighting", "pointers"),
    ("FILE - Soldiers patrol a street in the capital, March 3, 2020.", "captions"),
    ("Police fire tear gas at protesters in the capital (Jane Doe/AP)", "captions"),
    ("KADUNA, 15 March 2021:", "datelines"),
])
def test_lines_that_report_no_incident(line, kind):
    assert no_incident(line) == kind


@pytest.mark.parametrize("line", [
    "Gunmen killed five people in an attack on a village market on Sunday, police said.",
    "Related fighting spread to three villages overnight, residents said.",
    "File clerks were among the 12 people wounded in the blast.",
])
def test_incidents_pass(line):
    assert no_incident(line) == ""
