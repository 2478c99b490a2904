"""Toll timelines against coded events, and control timelines per place; and their CLI."""

from __future__ import annotations

import datetime as dt

from marsad.records import CountQualifier, Victims
from marsad.resolve import control, resolve, resolve_store, tolls

from .build import DAY, IS, RAQQA, SDF, SENAA, at, claim, extraction, report, store_with
from .build import control as control_claim
from .build import toll as toll_claim

STRIKE = dict(event_type="Explosions/Remote violence", sub="Air/drone strike",
              actor1="US-led coalition", actor2="Civilians")


def test_a_toll_line_is_a_timeline_compared_with_the_coded_events():
    early = toll_claim("r1", value=200, until=DAY)
    late = toll_claim("r2", value=224, words="224", qualifier=CountQualifier.EXACT,
                      until=DAY + dt.timedelta(days=3))
    events = resolve([claim("r1", 0, killed=11, victims=Victims(civilians=11), **STRIKE),
                      claim("r1", 100, killed=4, actor1=SDF, actor2=IS)])
    [line] = tolls.timelines([late, early], events)
    assert [t.count.value for t in line.entries] == [200, 224]
    assert tolls.entry_text(line.entries[0]).startswith("more than 200 by 2017-07-02")
    assert line.coded == 11 and len(line.coded_events) == 1
    assert "213 not coded as events" in line.comparison()


def test_tolls_for_other_groups_are_other_lines():
    lines = tolls.timelines([toll_claim("r1"), toll_claim("r1", victims=SDF, perpetrator="",
                                                          start=990)])
    assert [line.key.victims for line in lines] == [SDF, "civilians"]


def test_control_periods_follow_the_holders():
    claims = [control_claim("r1", holder=IS, day=dt.date(2017, 6, 30), start=1),
              control_claim("r2", holder=SDF, day=DAY, share=0.7, start=2),
              control_claim("r2", holder=SDF, day=DAY + dt.timedelta(days=1), start=3),
              control_claim("r2", holder=IS, where=at(RAQQA, "Raqqa"), start=4)]
    lines = control.timelines(claims)
    assert [line.place for line in lines] == ["Al-Senaa (Al-Sinaa)", "Raqqa (Ar Raqqah)"]
    senaa = lines[0].periods
    assert [(p.holder, p.since, p.until, p.share) for p in senaa] == [
        (IS, dt.date(2017, 6, 30), DAY, None), (SDF, DAY, None, 0.7)]
    assert len(senaa[1].claims) == 2 and lines[0].holder == SDF
    assert [line.place for line in control.timelines(claims, "senaa")] == ["Al-Senaa (Al-Sinaa)"]


def test_cli_tolls_and_control(cli, db_path):
    store = store_with(db_path, extraction(
        report("r1"), claim("r1", 0, killed=11, victims=Victims(civilians=11), **STRIKE),
        tolls=[toll_claim("r1")],
        controls=[control_claim("r1", holder=SDF, share=0.7, where=at(SENAA, "Al-Senaa"))]))
    resolve_store(store)
    result = cli("tolls")
    assert result.exit_code == 0, result.output
    assert "civilians killed by US-led coalition in Ar Raqqah" in result.output
    assert "more than 200 by 2017-07-02 (since 2017-06-06)" in result.output
    assert "coded events: 11 in 1 event(s)" in result.output
    result = cli("control", "Senaa")
    assert result.exit_code == 0, result.output
    assert "Syrian Democratic Forces (70%) from 2017-07-02, by Syrian Observatory" in result.output
    assert "no control claims for 'Aleppo'" in cli("control", "Aleppo").output
