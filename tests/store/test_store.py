"""The store on a real SQLite file and on PostgreSQL: schema, round trips, transactions, tracing."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from marsad.errors import NotFound, StoreError
from marsad.ingest import Defaults
from marsad.ingest.readers import build_report
from marsad.pipeline import Pipeline
from marsad.records import (Claim, Count, Event, EventDate, EventStatus, Extraction, Modality,
                            PlaceQuery, Span, Toll)
from marsad.store import MIGRATIONS, EventFilter, Store, database_url, schema
from tests.helpers import FIXED_NOW, HAJIN_TEXT, IDLIB_TEXT, dump_tables

TEXT = ("Gunmen attacked a checkpoint in Bama on Sunday, killing five soldiers, police said. "
        "Residents said the attackers fled into the forest.")


def make_report(text: str = TEXT, published=dt.date(2024, 8, 19)):
    report = build_report(text, Defaults(), published=published, outlet="Test Wire")
    return report.model_copy(update={"language": "en", "ingested_at": FIXED_NOW})


def make_claim(report, sentence: str, *, sub="Armed clash", etype="Battles",
               date=dt.date(2024, 8, 18), deaths=5, actor1="Boko Haram", actor2="Military Forces"):
    start = report.text.index(sentence)
    span = Span(report_id=report.id, start=start, end=start + len(sentence), text=sentence)
    return Claim(id=f"c-{report.id}-{start}", report_id=report.id, evidence=span, event_type=etype,
                 sub_event_type=sub, date=EventDate(date=date, text="on Sunday"),
                 place=PlaceQuery(mention="Bama"), actor1=actor1, actor2=actor2,
                 fatalities=Count(value=deaths, words=str(deaths)), attributed_to="police",
                 outlet="Test Wire", modality=Modality.CLAIMED)


def event_of(claim: Claim) -> Event:
    """An event built by hand (the resolver has its own tests)."""
    return Event(id=f"e-{claim.id}", date=claim.date, event_type=claim.event_type,
                 sub_event_type=claim.sub_event_type, actor1=claim.actor1, actor2=claim.actor2,
                 place=claim.place, fatalities_low=5, fatalities_best=5, fatalities_high=5,
                 claim_ids=(claim.id,), sources=(claim.attributed_to,), outlets=(claim.outlet,))


def first_sentence(report) -> str:
    return report.text.split(". ")[0] + "."


def stored_report(store: Store, report=None):
    report = report or make_report()
    claim = make_claim(report, first_sentence(report))
    toll = Toll(id=f"t-{report.id}", report_id=report.id, evidence=claim.evidence,
                victims="civilians", count=Count(value=200, words="more than 200"))
    with store.transaction() as connection:
        store.add_report(connection, report, Extraction(report_id=report.id, claims=(claim,),
                                                        tolls=(toll,)))
    return report, claim


# -- schema -------------------------------------------------------------------------------------

def branch_labels() -> set[str]:
    """Feature areas that add their own branch of migrations (``web``, ...)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return {label for script in ScriptDirectory.from_config(config).walk_revisions()
            for label in script.branch_labels or ()}


def declared_schema() -> sa.MetaData:
    """The store's tables plus those of each feature area's ``marsad.<label>.schema``."""
    combined = sa.MetaData()
    for table in schema.metadata.tables.values():
        table.to_metadata(combined)
    for label in sorted(branch_labels()):
        module = importlib.import_module(f"marsad.{label}.schema")
        for table in module.metadata.tables.values():
            assert table.name.startswith(f"{label}_"), (
                f"{table.name}: a feature area's tables are named after its branch ({label}_...)")
            table.to_metadata(combined)
    return combined


def test_migrations_create_exactly_the_schema(store):
    declared = declared_schema()
    inspector = sa.inspect(store.engine)
    tables = set(inspector.get_table_names()) - {"alembic_version"}
    assert tables == set(declared.tables)
    for name, table in declared.tables.items():
        columns = {c["name"] for c in inspector.get_columns(name)}
        assert columns == {c.name for c in table.columns}, name
        indexed = {tuple(i["column_names"]) for i in inspector.get_indexes(name)}
        for column in table.columns:
            if column.index:
                assert (column.name,) in indexed, f"{name}.{column.name} has no index"
        keys = {(fk["referred_table"], tuple(fk["constrained_columns"]))
                for fk in inspector.get_foreign_keys(name)}
        assert keys == {(fk.column.table.name, (fk.parent.name,)) for fk in table.foreign_keys}
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), declared)
    assert differences == []


def test_migrations_run_once_and_reach_every_head(store):
    assert store.schema_versions() == Store.head_versions()
    before = dump_tables(store)
    store.migrate()
    assert dump_tables(store) == before


def test_reopening_an_existing_sqlite_file_keeps_its_rows(tmp_path):
    path = str(tmp_path / "again.db")
    store = Store.open(path)
    report, _ = stored_report(store)
    store.close()
    again = Store.open(path)
    assert [r.id for r in again.reports()] == [report.id]


# -- round trips --------------------------------------------------------------------------------

def test_report_claim_toll_round_trip(store):
    report, claim = stored_report(store)
    assert store.reports() == [report]
    assert store.report(report.id) == report
    assert store.claims() == [claim]
    assert store.has_report(report.id) and not store.has_report("0" * 16)
    (toll,) = store.tolls()
    assert toll.count.words == "more than 200"
    assert store.count("reports") == 1 and store.count("claims") == 1


def test_events_round_trip_filters_and_prefix(store):
    report, claim = stored_report(store)
    event = event_of(claim)
    with store.transaction() as connection:
        store.replace_events(connection, [event])
    assert store.events() == [event]
    assert store.event(event.id) == event
    assert store.event(event.id[:6]) == event
    assert store.events(EventFilter(since=dt.date(2024, 8, 18), until=dt.date(2024, 8, 18))) == [event]
    assert store.events(EventFilter(since=dt.date(2024, 8, 19))) == []
    assert store.events(EventFilter(event_type="battles")) == [event]
    assert store.events(EventFilter(actor="boko")) == [event]
    assert store.events(EventFilter(place="bama")) == [event]
    assert store.events(EventFilter(place="Kharkiv")) == []
    with pytest.raises(NotFound, match="marsad events"):
        store.event("zzzz")


ACTORS = ["Boko Haram", "Straßburg Militia", "KURDISH \u212a-FORCES", 'The "Tigers"',
          "Ḥayat Tahrir al-Sham", "50% Brigade", "back\\slash group"]
NEEDLES = ["boko", "strass", "ß", "kurdish k", 'the "t', "ḥayat", "HAYAT", "50%", "%", "_",
           "slash", "\\", "u", "nobody", "tahrir al"]


def test_actor_and_place_filters_in_sql_find_what_matches_finds(store):
    """The SQL test that spares reading every event is only a first sieve: the events found
    are exactly those EventFilter.matches takes, whatever the case, accents or symbols."""
    _, claim = stored_report(store)
    base = event_of(claim)
    events = [base.model_copy(update={"id": f"e{n}", "actor1": actor, "actor2": ACTORS[n - 1]})
              for n, actor in enumerate(ACTORS)]
    with store.transaction() as connection:
        store.replace_events(connection, events)
    stored = store.events()
    for needle in NEEDLES:
        for where in (EventFilter(actor=needle), EventFilter(place=needle),
                      EventFilter(source=needle)):
            assert store.events(where) == [e for e in stored if where.matches(e)], where
    assert len(store.events(EventFilter(actor="strass"))) == 2  # "ß" folds to "ss"


def test_replace_events_replaces_wholesale(store):
    report, claim = stored_report(store)
    event = event_of(claim)
    with store.transaction() as connection:
        store.replace_events(connection, [event])
        store.replace_events(connection, [event])
    assert store.count("events") == 1 and store.count("event_claims") == 1
    with store.transaction() as connection:
        store.replace_events(connection, [])
    assert store.count("events") == 0 and store.count("event_claims") == 0


def test_a_failed_transaction_leaves_nothing(store):
    before = dump_tables(store)
    with pytest.raises(RuntimeError):
        with store.transaction() as connection:
            report = make_report()
            store.add_report(connection, report, Extraction(report_id=report.id))
            raise RuntimeError("boom")
    assert dump_tables(store) == before


def test_the_same_report_cannot_be_stored_twice(store):
    report, _ = stored_report(store)
    with pytest.raises(sa.exc.IntegrityError):
        with store.transaction() as connection:
            store.add_report(connection, report, Extraction(report_id=report.id))
    assert store.count("reports") == 1


def test_a_claim_must_belong_to_a_stored_report(store):
    report = make_report()
    claim = make_claim(report, first_sentence(report))
    with pytest.raises(sa.exc.IntegrityError):
        with store.transaction() as connection:
            store._insert_extraction(connection, Extraction(report_id=report.id, claims=(claim,)))
    assert store.count("claims") == 0


def test_replace_extraction_swaps_a_reports_claims(store):
    report, claim = stored_report(store)
    newer = make_claim(report, first_sentence(report), deaths=7)
    newer = newer.model_copy(update={"id": "c-newer"})
    with store.transaction() as connection:
        store.replace_extraction(connection, Extraction(report_id=report.id, claims=(newer,)),
                                 status="re-read")
    assert store.claims() == [newer]
    assert store.tolls() == []
    assert store.report_statuses() == {report.id: "re-read"}


def test_bad_database_gives_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="check the path"):
        Store.open(str(tmp_path / "no-such-folder" / "x.db"))
    with pytest.raises(StoreError):
        Store.open("nosuchdialect://host/db")


def test_database_url():
    assert database_url("marsad.db") == "sqlite:///marsad.db"
    assert database_url("postgresql://u@h:5432/d") == "postgresql+psycopg://u@h:5432/d"
    assert database_url("sqlite:////tmp/x.db") == "sqlite:////tmp/x.db"


# -- every row traces back to its sentence ------------------------------------------------------

def assert_traceable(store: Store) -> None:
    reports = {r.id: r for r in store.reports()}
    claims = {c.id: c for c in store.claims()}
    events = store.events()
    assert events, "nothing to trace"
    with store.engine.connect() as connection:
        links = connection.execute(sa.select(schema.event_claims)).all()
    linked = {(row.event_id, row.claim_id) for row in links}
    for event in events:
        assert event.claim_ids, f"event {event.id} has no claims"
        for claim_id in event.claim_ids:
            assert claim_id in claims, f"event {event.id} names a missing claim {claim_id}"
            assert (event.id, claim_id) in linked
    for claim in [*claims.values(), *store.tolls(), *store.controls()]:
        report = reports[claim.report_id]
        span = claim.evidence
        assert span.report_id == report.id
        assert report.text[span.start:span.end] == span.text, claim.id


def test_every_event_traces_to_claims_reports_and_spans(store):
    report, claim = stored_report(store)
    with store.transaction() as connection:
        store.replace_events(connection, [event_of(claim)])
    assert_traceable(store)


@pytest.mark.model
def test_pipeline_output_traces_to_its_sentences(store, extractor, tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(f" date 2024-08-19 Hajin\n{HAJIN_TEXT}\n{IDLIB_TEXT}\n{TEXT}", encoding="utf-8")
    pipeline = Pipeline(store, extractor, clock=lambda: FIXED_NOW)
    summary = pipeline.ingest([path])
    assert summary.reports_new == 1 and summary.claims >= 2
    assert_traceable(store)
    before = dump_tables(store)
    pipeline.ingest([path])
    assert dump_tables(store) == before
    statuses = {e.status for e in store.events()}
    assert statuses <= set(EventStatus)


def test_event_record_survives_json_exactly(store):
    report, claim = stored_report(store)
    event = Event(id="e1", date=EventDate(date=dt.date(2024, 8, 18), precision=2,
                                          start=dt.date(2024, 8, 12), end=dt.date(2024, 8, 18)),
                  event_type="Battles", sub_event_type="Armed clash", actor1="Boko Haram",
                  fatalities_low=3, fatalities_best=5, fatalities_high=9,
                  status=EventStatus.CONTESTED, claim_ids=(claim.id,), sources=("police",),
                  notes="figures differ: 3 (army) to 9 (residents)")
    with store.transaction() as connection:
        store.replace_events(connection, [event])
    assert store.event("e1") == event


@pytest.mark.model
@pytest.mark.postgres
def test_the_cli_on_postgresql_gives_the_same_export_as_on_sqlite(postgres_store, postgres_url,
                                                                   cli, workdir):
    """`--db postgresql://...` works end to end, and the back end makes no difference."""
    path = workdir / "r.txt"
    path.write_text(f" date 2024-08-19 Hajin\n{HAJIN_TEXT}\n{IDLIB_TEXT}\n{TEXT}", encoding="utf-8")
    exports = []
    for db in (postgres_url, str(workdir / "same.db")):
        assert cli("ingest", path, db=db).exit_code == 0
        result = cli("export", "--format", "jsonl", db=db)
        assert result.exit_code == 0, result.output
        exports.append(result.stdout)
    assert exports[0] and exports[0] == exports[1]
