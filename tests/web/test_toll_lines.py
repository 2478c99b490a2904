"""The tolls page's timelines: each beside what the coded events the visitor may see add up to."""

from __future__ import annotations

import datetime as dt

from marsad.records import CountQualifier, Victims
from marsad.resolve import resolve_store
from marsad.web.catalogue import Catalogue

from ..resolve.build import DAY, claim, extraction, report, store_with, toll

STRIKE = dict(event_type="Explosions/Remote violence", sub="Air/drone strike",
              actor1="US-led coalition", actor2="Civilians")


def test_a_toll_timeline_is_set_beside_the_coded_events_of_its_period(tmp_path):
    store = store_with(
        tmp_path / "t.db",
        extraction(report("r1"), claim("r1", 0, killed=11, victims=Victims(civilians=11),
                                       **STRIKE), tolls=[toll("r1", value=200, until=DAY)]),
        extraction(report("r2", published=DAY + dt.timedelta(days=3)),
                   tolls=[toll("r2", value=224, words="224", qualifier=CountQualifier.EXACT,
                               until=DAY + dt.timedelta(days=3))]))
    resolve_store(store)
    catalogue = Catalogue(store)
    (line,) = catalogue.toll_lines(None, catalogue.tolls(None))
    assert [t.count.value for t in line.entries] == [200, 224]
    assert line.coded == 11 and "213 not coded as events" in line.comparison()
    store.close()
