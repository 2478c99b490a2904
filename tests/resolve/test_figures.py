"""Low / best / high, victims, status and notes, on the shapes of the example incidents."""

from __future__ import annotations

import datetime as dt

from marsad.records import EventStatus, Modality, SourceKind, Victims
from marsad.resolve import resolve

from .build import DAY, IS, SDF, SOHR, claim

LATER = DAY + dt.timedelta(days=2)
PUBLISHED = {"r1": DAY, "r2": LATER}


def one(claims, published=PUBLISHED):
    events = resolve(claims, published=published)
    assert len(events) == 1, events
    return events[0]


def test_monitor_against_party_is_contested_with_the_monitor_as_best():
    # the seeds' 48-hour fighting: SOHR 21 IS + 5 SDF; the SDF says 50 IS
    claims = [claim("r1", 0, killed=21, victims=Victims(per_side={IS: 21})),
              claim("r1", 50, killed=5, victims=Victims(per_side={SDF: 5})),
              claim("r1", 100, killed=50, victims=Victims(per_side={IS: 50}), source=SDF,
                    kind=SourceKind.PARTY)]
    event = one(claims)
    assert (event.fatalities_low, event.fatalities_best, event.fatalities_high) == (26, 26, 50)
    assert event.status is EventStatus.CONTESTED
    assert event.victims.per_side == {IS: 21, SDF: 5}
    assert "Syrian Democratic Forces (party) says 50" in event.notes


def test_a_later_update_of_the_same_source_replaces_its_earlier_figure():
    # Hajin: SOHR at least 12 SDF, then 15 SDF + 6 IS two days later; the SDF says about 20 IS
    claims = [claim("r1", 0, killed=12, victims=Victims(per_side={SDF: 12})),
              claim("r1", 100, killed=20, victims=Victims(per_side={IS: 20}), source=SDF,
                    kind=SourceKind.PARTY),
              claim("r2", 0, killed=21, victims=Victims(per_side={SDF: 15, IS: 6}),
                    outlet="Conflict Desk")]
    event = one(claims)
    assert (event.fatalities_low, event.fatalities_best, event.fatalities_high) == (21, 21, 21)
    assert event.victims.per_side == {SDF: 15, IS: 6}
    assert "earlier figures" in event.notes and "said 12" in event.notes


def test_partial_early_counts_give_way_to_a_later_higher_count():
    # El Fasher: field contact 12 (Monday), army 20 (Monday), the network 19 (Tuesday)
    claims = [claim("r1", 0, killed=12, source="field contact", kind=SourceKind.WITNESS),
              claim("r1", 100, killed=20, source="Sudanese army", kind=SourceKind.PARTY),
              claim("r2", 0, killed=19, source="Sudan Doctors Network",
                    victims=Victims(civilians=19, women=4, children=5))]
    event = one(claims)
    assert (event.fatalities_low, event.fatalities_best, event.fatalities_high) == (19, 19, 20)
    assert event.victims.children == 5


def test_a_denial_makes_the_event_contested_and_gives_no_figure():
    claims = [claim("r1", 0, killed=14),
              claim("r1", 100, killed=40, source="Russian MoD", kind=SourceKind.PARTY,
                    modality=Modality.DENIED)]
    event = one(claims)
    assert (event.fatalities_low, event.fatalities_best, event.fatalities_high) == (14, 14, 14)
    assert event.status is EventStatus.CONTESTED and "denied by Russian MoD" in event.notes


def test_ranges_give_low_and_high():
    event = one([claim("r1", 0, killed=15, low=15, high=20)])
    assert (event.fatalities_low, event.fatalities_best, event.fatalities_high) == (15, 15, 20)


def test_two_outlets_quoting_one_monitor_are_one_source():
    claims = [claim("r1", 0, killed=5, outlet="AFP"), claim("r2", 0, killed=5, outlet="Xinhua")]
    event = one(claims)
    assert event.status is EventStatus.SINGLE_SOURCE
    assert event.sources == (SOHR,) and event.outlets == ("AFP", "Xinhua")


def test_two_sources_agreeing_corroborate():
    claims = [claim("r1", 0, killed=5), claim("r2", 0, killed=5, source="Airwars")]
    assert one(claims).status is EventStatus.CORROBORATED


def test_no_figures_leave_fatalities_empty():
    event = one([claim("r1", 0), claim("r2", 0)])
    assert event.fatalities_low is event.fatalities_best is event.fatalities_high is None


def test_a_breakdown_is_part_of_a_total_not_an_addition():
    # police: "at least eight killed", then "the dead were five civilians and three soldiers"
    claims = [claim("r1", 0, killed=8), claim("r1", 100, killed=5, victims=Victims(civilians=5))]
    event = one(claims)
    assert event.fatalities_best == 8 and event.victims.civilians == 5


def test_one_victim_the_text_names_is_one_of_the_report_s_dead_not_a_low_figure():
    from marsad.records import Count, CountQualifier
    from marsad.resolve.figures import reconcile

    from .build import claim

    toll = claim("r1", 0, killed=16)
    son = claim("r1", 100, source="Test Wire").model_copy(update={"fatalities": Count(
        value=1, words="their son", qualifier=CountQualifier.AT_LEAST)})
    assert (reconcile([toll, son]).low, reconcile([toll, son]).best) == (16, 16)
    # alone, the one victim is the event's figure
    assert reconcile([son]).best == 1


def test_words_for_a_number_give_way_to_a_number():
    from marsad.records import Count, CountQualifier
    from marsad.resolve.figures import reconcile

    from .build import claim

    counted = claim("r1", 0, killed=19)
    several = claim("r2", 0, source="A teacher").model_copy(update={"fatalities": Count(
        value=3, words="several", qualifier=CountQualifier.VAGUE)})
    assert reconcile([counted, several]).low == 19
