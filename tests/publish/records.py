"""Small records written for the publish tests: two reports, their claims, events, a toll and
control statements, stored in a temporary SQLite store."""

from __future__ import annotations

import datetime as dt

from marsad.records import (Claim, Control, Count, CountQualifier, Event, EventDate, EventStatus,
                            Extraction, Geocode, Modality, Place, PlaceQuery, Report, SourceKind,
                            Span, Toll, Victims)
from marsad.store import Store

STRIKE = ("Rescuers said 7 civilians, including two women and three children, were killed in an "
          "air strike on Kafr Nabl on Monday.")
STRIKE_PARTY = "The army said only 4 people died in Kafr Nabl."
CLASH = "Fighters of the Syrian Democratic Forces clashed with Islamic State fighters in Hajin."
TOLL = "The monitor said more than 300 civilians have been killed since March 1."
CONTROL = "The Syrian Democratic Forces now control 60 percent of Hajin, the monitor said."

REPORT_A = Report(id="a" * 16, text=f"{STRIKE} {CLASH} {TOLL}", title="Strikes in Idlib",
                  published=dt.date(2019, 3, 5), outlet="Test Wire")
REPORT_B = Report(id="b" * 16, text=f"Header line. {STRIKE_PARTY} {CONTROL}",
                  title="Army statement", published=dt.date(2019, 3, 6), outlet="Other Wire")

KAFR_NABL = Place(id="gn:170000", name="Kafr Nabl", latitude=35.61, longitude=36.56, country="SY",
                  admin1="Idlib")
HAJIN = Place(id="gn:170001", name="Hajin", latitude=34.69, longitude=40.83, country="SY",
              admin1="Deir ez-Zor")


def span(report: Report, sentence: str) -> Span:
    start = report.text.index(sentence)
    return Span(report_id=report.id, start=start, end=start + len(sentence), text=sentence)


def claim(claim_id: str, report: Report, sentence: str, **fields) -> Claim:
    base = dict(id=claim_id, report_id=report.id, evidence=span(report, sentence),
                event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                date=EventDate(date=dt.date(2019, 3, 4)), outlet=report.outlet)
    return Claim(**{**base, **fields})


def geocode(place: Place, precision: int = 1) -> Geocode:
    return Geocode(mention=place.name, place=place, geo_precision=precision, matched_name=place.name)


CLAIMS = [
    claim("c1", REPORT_A, STRIKE, place=PlaceQuery(mention="Kafr Nabl"), geocode=geocode(KAFR_NABL),
          actor1="Military Forces of Syria", actor2="Civilians",
          fatalities=Count(value=7, words="7"), attributed_to="rescuers",
          source_kind=SourceKind.WITNESS,
          victims=Victims(civilians=7, women=2, children=3), civilian_targeting=True),
    claim("c2", REPORT_B, STRIKE_PARTY, place=PlaceQuery(mention="Kafr Nabl"),
          geocode=geocode(KAFR_NABL), actor1="Military Forces of Syria", actor2="Civilians",
          fatalities=Count(value=4, words="4"), attributed_to="the army",
          source_kind=SourceKind.PARTY, modality=Modality.CLAIMED),
    claim("c3", REPORT_A, CLASH, event_type="Battles", sub_event_type="Armed clash",
          date=EventDate(date=dt.date(2019, 3, 3)), place=PlaceQuery(mention="Hajin"),
          geocode=geocode(HAJIN, 2), actor1="Syrian Democratic Forces", actor2="Islamic State"),
]

EVENTS = [
    Event(id="e-clash-0000001", date=EventDate(date=dt.date(2019, 3, 3)), event_type="Battles",
          sub_event_type="Armed clash", actor1="Syrian Democratic Forces", actor2="Islamic State",
          geocode=geocode(HAJIN, 2), place=PlaceQuery(mention="Hajin"), claim_ids=("c3",),
          sources=("Test Wire",), outlets=("Test Wire",)),
    Event(id="e-strike-000001", date=EventDate(date=dt.date(2019, 3, 4)),
          event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
          actor1="Military Forces of Syria", actor2="Civilians", geocode=geocode(KAFR_NABL),
          place=PlaceQuery(mention="Kafr Nabl"), fatalities_low=4, fatalities_best=7,
          fatalities_high=7, victims=Victims(civilians=7, women=2, children=3),
          civilian_targeting=True, status=EventStatus.CONTESTED, claim_ids=("c1", "c2"),
          sources=("rescuers", "the army"), outlets=("Other Wire", "Test Wire"),
          notes="fatalities disputed"),
]

TOLLS = [Toll(id="t1", report_id=REPORT_A.id, evidence=span(REPORT_A, TOLL), victims="civilians",
              count=Count(value=300, low=300, qualifier=CountQualifier.MORE_THAN,
                          words="more than 300"),
              period_start=dt.date(2019, 3, 1), period_end=dt.date(2019, 3, 5),
              claimed_by="the monitor", outlet="Test Wire")]
CONTROLS = [Control(id="k1", report_id=REPORT_B.id, evidence=span(REPORT_B, CONTROL),
                    place=PlaceQuery(mention="Hajin"), holder="Syrian Democratic Forces",
                    date=EventDate(date=dt.date(2019, 3, 4)), share=0.6, claimed_by="the monitor",
                    outlet="Other Wire")]


def fill(store: Store) -> Store:
    """Store the two reports with their claims, toll and control, and the events."""
    with store.transaction() as connection:
        store.add_report(connection, REPORT_A, Extraction(
            report_id=REPORT_A.id, claims=tuple(c for c in CLAIMS if c.report_id == REPORT_A.id),
            tolls=tuple(TOLLS)))
        store.add_report(connection, REPORT_B, Extraction(
            report_id=REPORT_B.id, claims=tuple(c for c in CLAIMS if c.report_id == REPORT_B.id),
            controls=tuple(CONTROLS)))
        store.replace_events(connection, EVENTS)
    return store
