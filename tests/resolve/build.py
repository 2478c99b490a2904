"""Claims, tolls and control claims built by hand for the resolve tests (no spaCy needed)."""

from __future__ import annotations

import datetime as dt

from marsad.records import (Claim, Control, Count, CountQualifier, EventDate, Extraction,
                            Geocode, Modality, Place, PlaceQuery, Report, SourceKind, Span, Toll,
                            Victims, content_id)
from marsad.store import Store

RAQQA = Place(id="gn:172955", name="Ar Raqqah", latitude=35.95, longitude=39.01, country="SY",
              admin1="Ar Raqqah", kind="city")
RAQQA_PROVINCE = Place(id="gn:172957", name="Ar Raqqah", latitude=35.95, longitude=39.01,
                       country="SY", admin1="Ar Raqqah", kind="admin1")
SENAA = Place(id="pk:senaa", name="Al-Sinaa", latitude=35.949, longitude=39.033, country="SY",
              admin1="Ar Raqqah", kind="neighbourhood", parent=RAQQA.id)
DARAIYA = Place(id="pk:daraiya", name="Al-Daraiya", latitude=35.95, longitude=38.99,
                country="SY", admin1="Ar Raqqah", kind="neighbourhood", parent=RAQQA.id)
TABQA = Place(id="gn:163345", name="Ath Thawrah", latitude=35.84, longitude=38.55, country="SY",
              admin1="Ar Raqqah", kind="town")
HAJIN = Place(id="gn:174506", name="Hajin", latitude=34.69, longitude=40.83, country="SY",
              admin1="Deir ez-Zor", kind="town")

SDF, IS = "Syrian Democratic Forces", "Islamic State"
SOHR = "Syrian Observatory for Human Rights"
DAY = dt.date(2017, 7, 2)


def at(place: Place | None, mention: str = "", parents: tuple[str, ...] = (),
       precision: int | None = None) -> tuple[PlaceQuery | None, Geocode | None]:
    """A place query and its geocode: a gazetteer place, or a part of a town it lacks
    (``mention`` + the town: the geocoder falls back to the town at precision 2)."""
    if place is None:
        return (PlaceQuery(mention=mention, parents=parents) if mention else None), None
    mention = mention or place.name
    if precision is None:
        precision = 3 if place.kind == "admin1" else (2 if mention != place.name else 1)
    return (PlaceQuery(mention=mention, parents=parents),
            Geocode(mention=mention, place=place, geo_precision=precision,
                    matched_name=place.name))


def claim(report: str = "r1", start: int = 0, *, sub: str = "Armed clash",
          event_type: str = "Battles", day: dt.date | None = DAY, precision: int = 1,
          span: tuple[dt.date, dt.date] | None = None, where=None, actor1: str = SDF,
          actor2: str = IS, killed: int | None = None, low: int | None = None,
          high: int | None = None, victims: Victims | None = None, source: str = SOHR,
          kind: SourceKind = SourceKind.MONITOR, outlet: str = "AFP",
          modality: Modality = Modality.CLAIMED, background: bool = False) -> Claim:
    query, geocode = where if where is not None else at(RAQQA)
    date = EventDate(date=day, precision=precision, background=background,
                     start=span[0] if span else None, end=span[1] if span else None)
    count = None
    if killed is not None:
        count = Count(value=killed, low=low, high=high, words=str(killed),
                      qualifier=CountQualifier.EXACT)
    return Claim(
        id=content_id(report, start, sub, actor1, actor2), report_id=report,
        evidence=Span(report_id=report, start=start, end=start + 10, text=f"sentence {start}"),
        event_type=event_type, sub_event_type=sub, date=date, place=query, geocode=geocode,
        actor1=actor1, actor2=actor2, fatalities=count, victims=victims or Victims(),
        attributed_to=source, source_kind=kind, outlet=outlet, modality=modality)


def report(report_id: str, published: dt.date | None = DAY, outlet: str = "AFP") -> Report:
    return Report(id=report_id, text=f"text of {report_id}", published=published, outlet=outlet)


def toll(report_id: str = "r1", *, victims: str = "civilians", value: int = 200,
         words: str = "more than 200", qualifier=CountQualifier.MORE_THAN,
         perpetrator: str = "US-led coalition", since: dt.date | None = dt.date(2017, 6, 6),
         until: dt.date | None = DAY, source: str = SOHR, start: int = 900) -> Toll:
    query, geocode = at(RAQQA, "Raqqa")
    return Toll(id=content_id(report_id, start, "toll"), report_id=report_id,
                evidence=Span(report_id=report_id, start=start, end=start + 5, text="toll"),
                victims=victims, count=Count(value=value, low=value, words=words,
                                             qualifier=qualifier),
                perpetrator=perpetrator, place=query, geocode=geocode, period_start=since,
                period_end=until, claimed_by=source)


def control(report_id: str = "r1", *, where=None, holder: str = SDF, day: dt.date = DAY,
            share: float | None = None, source: str = SOHR, start: int = 950) -> Control:
    query, geocode = where if where is not None else at(SENAA, "Al-Senaa")
    return Control(id=content_id(report_id, start, holder), report_id=report_id,
                   evidence=Span(report_id=report_id, start=start, end=start + 5, text="ctl"),
                   place=query, holder=holder, date=EventDate(date=day), share=share,
                   geocode=geocode, claimed_by=source)


def store_with(path, *extractions: tuple[Report, Extraction]) -> Store:
    """A real SQLite store holding these reports and what was extracted from them."""
    store = Store.open(str(path))
    add(store, *extractions)
    return store


def add(store: Store, *extractions: tuple[Report, Extraction]) -> None:
    with store.transaction() as connection:
        for rep, extraction in extractions:
            store.add_report(connection, rep, extraction)


def extraction(rep: Report, *claims: Claim, tolls=(), controls=()) -> tuple[Report, Extraction]:
    return rep, Extraction(report_id=rep.id, claims=tuple(claims), tolls=tuple(tolls),
                           controls=tuple(controls))
