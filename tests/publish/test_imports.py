"""`marsad import` and `marsad compare`: round trips, hand-coded datasets, agreement."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from marsad.knowledge import load_knowledge
from marsad.publish import to_csv, to_geojson, to_jsonl
from marsad.publish.imports import import_into, read_import
from marsad.records import (Claim, Count, Event, EventDate, EventStatus, Geocode, Place, PlaceQuery,
                            Span, Victims)
from marsad.store import Store


UCDP_HEADER = ("id,year,date_start,date_end,date_prec,type_of_violence,side_a,side_b,dyad_name,"
               "where_coordinates,where_prec,adm_1,adm_2,latitude,longitude,event_clarity,deaths_a,"
               "deaths_b,deaths_civilians,deaths_unknown,low,best,high,source_office,source_date,"
               "source_headline,source_article")
UCDP_ROWS = [
    '9001,2019,2019-03-03,2019-03-03,1,2,SDF,IS,SDF - IS,Hajin town,1,Deir ez-Zor Governorate,'
    ',34.70,40.83,1,0,0,0,0,0,0,0,SOHR,2019-03-04,Clashes in Hajin,"""SOHR,2019-03-04,Clashes in Hajin"""',
    '9002,2019,2019-03-04,2019-03-04,1,3,Government of Syria,Civilians,Government of Syria - '
    'Civilians,Kafr Nabl town,1,Idlib Governorate,,35.61,36.56,1,0,0,7,0,5,7,9,SOHR,2019-03-05,'
    'Strike kills seven in Kafr Nabl,"""SOHR,2019-03-05,Strike kills seven in Kafr Nabl"""',
]


def write_ucdp(path: Path, rows=UCDP_ROWS) -> Path:
    path.write_text("\n".join([UCDP_HEADER, *rows]) + "\n", encoding="utf-8")
    return path


# Decimals of the coordinates each format writes: what it promises to give back
DECIMALS = {"csv": 4, "geojson": 6}


def comparable(event: Event, decimals: int = 4) -> tuple:
    """What every marsad export carries (the JSONL carries the whole record), coordinates
    rounded once to the decimals the format writes (rounding a written value again could move
    its last digit)."""
    place = event.geocode.place if event.geocode and event.geocode.place else None
    return (event.id, event.date.date, min(event.date.precision, 3), event.event_type,
            event.sub_event_type, event.actor1, event.actor2, event.assoc_actor_1,
            event.assoc_actor_2, place and (place.name, round(place.latitude, decimals),
                                             round(place.longitude, decimals), place.country,
                                             place.admin1, place.admin2),
            event.geocode.geo_precision if place else None, event.fatalities_low,
            event.fatalities_best, event.fatalities_high, event.victims.civilians,
            event.victims.women, event.victims.children, event.civilian_targeting,
            event.status, event.claim_ids, event.sources, event.notes)


def test_jsonl_round_trip_gives_the_same_events_and_claims(cli, filled, workdir):
    cli("export", "--format", "jsonl", "-o", "e.jsonl")
    result = cli("import", "e.jsonl", "--format", "jsonl", db=workdir / "fresh.db")
    assert result.exit_code == 0, result.output
    fresh = Store.open(str(workdir / "fresh.db"))
    assert fresh.events() == filled.events()
    assert fresh.claims() == filled.claims()
    for claim in fresh.claims():  # spans still point at their sentence
        report = fresh.report(claim.report_id)
        assert report.kind == "imported"
        assert report.text[claim.evidence.start:claim.evidence.end] == claim.evidence.text


def test_csv_and_geojson_round_trip(cli, filled, workdir):
    for fmt in ("csv", "geojson"):
        cli("export", "--format", fmt, "-o", f"e.{fmt}")
        cli("import", f"e.{fmt}", "--format", fmt, db=workdir / f"{fmt}.db")
        fresh = Store.open(str(workdir / f"{fmt}.db"))
        assert [comparable(e, DECIMALS[fmt]) for e in fresh.events()] == [
            comparable(e, DECIMALS[fmt]) for e in filled.events()]


def test_import_twice_changes_nothing(cli, filled, workdir):
    cli("export", "--format", "jsonl", "-o", "e.jsonl")
    cli("import", "e.jsonl", "--format", "jsonl", db=workdir / "twice.db")
    once = Store.open(str(workdir / "twice.db")).events()
    cli("import", "e.jsonl", "--format", "jsonl", db=workdir / "twice.db")
    assert Store.open(str(workdir / "twice.db")).events() == once


names = st.text(alphabet=st.characters(whitelist_categories=("L", "N"), whitelist_characters=" -'"),
                min_size=1, max_size=12).map(str.strip).filter(bool)
figures = st.one_of(st.none(), st.integers(min_value=0, max_value=5000))


@st.composite
def events(draw) -> Event:
    low, best, high = sorted(draw(st.lists(st.integers(0, 999), min_size=3, max_size=3)))
    has_figures = draw(st.booleans())
    place = None
    if draw(st.booleans()):
        place = Place(id="p", name=draw(names), latitude=draw(st.floats(-89, 89)),
                      longitude=draw(st.floats(-179, 179)), country="SY", admin1=draw(names))
    event_id = draw(st.from_regex(r"[0-9a-f]{16}", fullmatch=True))
    claim_ids = tuple(sorted({f"{event_id}-{c}" for c in draw(st.lists(
        st.sampled_from(["c1", "c2", "c3"]), min_size=1, max_size=3))}))
    return Event(
        id=event_id,
        date=EventDate(date=draw(st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))),
                       precision=draw(st.integers(1, 3))),
        event_type="Battles", sub_event_type=draw(st.sampled_from(["Armed clash", "Attack"])),
        actor1=draw(names), actor2=draw(st.one_of(st.just(""), names)),
        assoc_actor_1=tuple(draw(st.lists(names, max_size=2))),
        geocode=Geocode(mention=place.name, place=place, geo_precision=draw(st.integers(1, 3)))
        if place else None,
        fatalities_low=low if has_figures else None, fatalities_best=best if has_figures else None,
        fatalities_high=high if has_figures else None,
        victims=Victims(civilians=draw(figures), women=draw(figures)),
        civilian_targeting=draw(st.booleans()), status=draw(st.sampled_from(list(EventStatus))),
        claim_ids=claim_ids, sources=tuple(draw(st.lists(names, max_size=2))),
        notes=draw(st.text(max_size=30)))


def claims_for(batch: list[Event]) -> dict[str, list[Claim]]:
    text = "Something happened somewhere."
    found = {}
    for event in batch:
        found[event.id] = [Claim(id=c, report_id="r" * 16,
                                 evidence=Span(report_id="r" * 16, start=0, end=len(text), text=text),
                                 event_type=event.event_type, sub_event_type=event.sub_event_type,
                                 date=event.date, place=PlaceQuery(mention="x"),
                                 fatalities=Count(value=event.fatalities_best))
                           for c in event.claim_ids]
    return found


# A latitude whose 6-decimal value (35.00005) rounds up at 4 decimals where the latitude itself
# does not: the GeoJSON gives back the 6 decimals it wrote, never the 4 of the CSV.
ROUNDS_TWICE = Event(
    id="0" * 16, date=EventDate(date=dt.date(2024, 3, 12)), event_type="Battles",
    sub_event_type="Armed clash", actor1="Fighters",
    geocode=Geocode(mention="Tell", geo_precision=1, place=Place(
        id="p", name="Tell", latitude=35.00004999, longitude=40.00004999, country="SY")),
    claim_ids=("0" * 16 + "-c1",))


# deadline=None: each example writes SQLite files, and disk time is no property of the code
@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch=st.lists(events(), max_size=4, unique_by=lambda e: e.id))
@example(batch=[ROUNDS_TWICE])
def test_property_exports_read_back_as_the_same_events(tmp_path_factory, batch):
    knowledge = load_knowledge()
    folder = tmp_path_factory.mktemp("roundtrip")
    claims = claims_for(batch)
    outputs = {"jsonl": to_jsonl(batch, lambda e: claims[e.id]),
               "csv": to_csv(batch, knowledge), "geojson": to_geojson(batch, knowledge)}
    for fmt, text in outputs.items():
        path = folder / f"e.{fmt}"
        path.write_text(text, encoding="utf-8")
        store = Store.open(str(folder / f"{fmt}.db"))
        import_into(store, read_import(path, fmt, knowledge))
        back = sorted(store.events(), key=lambda e: e.id)
        expected = sorted(batch, key=lambda e: e.id)
        if fmt == "jsonl":
            assert back == expected
        else:
            assert [comparable(e, DECIMALS[fmt]) for e in back] == [
                comparable(e, DECIMALS[fmt]) for e in expected]
        store.close()


def test_ucdp_rows_load_as_reviewed_events(cli, workdir):
    write_ucdp(workdir / "ged.csv")
    result = cli("import", "ged.csv", "--format", "ucdp")
    assert result.exit_code == 0, result.output
    store = Store.open(str(workdir / "test.db"))
    clash, strike = store.events()
    assert {clash.status, strike.status} == {EventStatus.REVIEWED}
    assert (clash.actor1, clash.actor2) == ("Syrian Democratic Forces", "Islamic State")
    assert (strike.actor1, strike.fatalities_low, strike.fatalities_best, strike.victims.civilians) \
        == ("Military Forces of Syria", 5, 7, 7)
    report = store.report(store.claims([strike.claim_ids[0]])[0].report_id)
    assert (report.kind, report.external_id, report.published) == ("imported", "9002",
                                                                     dt.date(2019, 3, 5))


def test_acled_rows_load_as_reviewed_events(cli, workdir):
    rows = [{"event_id_cnty": "SYR1", "event_date": "04 March 2019", "year": "2019",
             "time_precision": "1", "event_type": "Explosions/Remote violence",
             "sub_event_type": "Air/drone strike", "actor1": "Military Forces of Syria",
             "actor2": "Civilians", "location": "Kafr Nabl", "latitude": "35.61",
             "longitude": "36.56", "geo_precision": "1", "source": "SOHR", "fatalities": "6",
             "notes": "On 4 March 2019, an air strike killed 6 civilians in Kafr Nabl.",
             "country": "Syria", "admin1": "Idlib", "admin2": ""}]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    (workdir / "acled.csv").write_text(buffer.getvalue(), encoding="utf-8")
    assert cli("import", "acled.csv", "--format", "acled").exit_code == 0
    [event] = Store.open(str(workdir / "test.db")).events()
    assert (event.status, event.date.date, event.fatalities_best) == (
        EventStatus.REVIEWED, dt.date(2019, 3, 4), 6)


def test_machine_and_hand_coded_side_by_side_and_compared(cli, filled, workdir):
    write_ucdp(workdir / "ged.csv")
    cli("import", "ged.csv", "--format", "ucdp")
    statuses = {e.status for e in filled.events()}
    assert EventStatus.REVIEWED in statuses and EventStatus.CONTESTED in statuses
    result = cli("compare", "--against", "imported")
    assert result.exit_code == 0, result.output
    assert "2 imported (hand-coded) event(s) against 2 marsad event(s)" in result.output
    assert "2/2 (100%)" in result.output  # both matched, both dates agree
    assert "deaths: within hand-coded low-high" in result.output


def test_compare_with_a_ucdp_file_matches_per_headline(cli, workdir, filled):
    rows = [r.replace("Strike kills seven in Kafr Nabl", "Header line.")
            for r in UCDP_ROWS]  # only report B's text is a "headline" here: 1 row in scope
    write_ucdp(workdir / "ged.csv", rows)
    # report B's text is the whole report, so make its text the headline
    from .records import REPORT_B
    rows = [rows[0], rows[1].replace("Header line.", f'"{REPORT_B.text}"', 1)]
    write_ucdp(workdir / "ged.csv", rows)
    result = cli("compare", "--ucdp", "ged.csv")
    assert result.exit_code == 0, result.output
    assert "1 of 2 UCDP rows have their headline in this database" in result.output


def test_compare_needs_one_source(cli, filled):
    assert cli("compare").exit_code != 0


def test_bad_import_file_says_what_to_do(cli, workdir):
    (workdir / "x.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    result = cli("import", "x.csv", "--format", "ucdp")
    assert result.exit_code == 1 and "error[M100]" in result.output and "no column" in result.output


@pytest.mark.model
def test_imported_events_survive_a_later_ingest_and_are_never_merged(cli, workdir):
    test_acled_rows_load_as_reviewed_events(cli, workdir)
    (workdir / "story.txt").write_text(
        " date 2019-03-05 Strike on Kafr Nabl\n\nAn air strike killed six civilians in Kafr Nabl "
        "on Monday, the Syrian Observatory for Human Rights said.\n", encoding="utf-8")
    assert cli("ingest", "story.txt").exit_code == 0
    events = Store.open(str(workdir / "test.db")).events()
    reviewed = [e for e in events if e.status == EventStatus.REVIEWED]
    assert len(reviewed) == 1 and reviewed[0].fatalities_best == 6
    assert len(events) == 2  # the machine-coded strike stands beside it, not merged into it
