"""Actors coded as ACLED codes them when the text leaves a side unnamed, on sentences written
for these tests."""

from __future__ import annotations

import pytest

from .test_claims import extract

pytestmark = pytest.mark.model


@pytest.mark.parametrize("text, sub_type", [
    ("A roadside bomb killed four civilians near the town of Kolbay on Tuesday, officials said.",
     "Remote explosive/landmine/IED"),
    ("A hand grenade thrown at a bus stop in the town of Kolbay wounded six people on Tuesday.",
     "Grenade"),
    ("Unknown gunmen abducted eleven farmers near the village of Kolbay on Tuesday.",
     "Abduction/forced disappearance"),
])
def test_an_unnamed_perpetrator_is_an_unidentified_armed_group(extractor, text, sub_type):
    (claim,) = extract(extractor, text).claims
    assert claim.sub_event_type == sub_type
    assert claim.actor1 == "Unidentified Armed Group"


def test_a_named_perpetrator_is_kept_and_an_air_strike_is_not_given_a_group(extractor):
    got = extract(extractor, "Al Shabaab claimed a roadside bomb that killed four soldiers near "
                             "the town of Kolbay in Somalia on Tuesday.")
    assert [c.actor1 for c in got.claims] == ["Al Shabaab"]
    got = extract(extractor, "An air strike killed four people in the town of Kolbay on Tuesday.")
    assert [c.actor1 for c in got.claims] == [""]


def test_a_capture_of_several_places_is_a_change_of_ground_at_each(extractor):
    got = extract(extractor, "Government troops seized the villages of Kolbay, Ridnyi and "
                             "Stavky, as well as the village of Morava, on Tuesday, state "
                             "television said.")
    assert sorted(c.place.mention for c in got.claims) == ["Kolbay", "Morava", "Ridnyi",
                                                           "Stavky"]
    assert len({c.id for c in got.claims}) == 4
    assert len({(c.sub_event_type, c.actor1, c.date.date) for c in got.claims}) == 1
    # an attack on two places is one incident told with both, as before
    got = extract(extractor, "Gunmen attacked Kolbay and Ridnyi on Tuesday, killing four.")
    assert len(got.claims) == 1


@pytest.mark.parametrize("text", [
    "An angry mob beat a suspected thief to death in the town of Kolbay on Friday, police said.",
    "Vigilantes lynched a man accused of theft in the town of Kolbay on Friday.",
])
def test_a_mob_is_rioters_as_acled_codes_mob_violence(extractor, text):
    (claim,) = extract(extractor, text).claims
    assert (claim.sub_event_type, claim.actor1) == ("Mob violence", "Rioters")
