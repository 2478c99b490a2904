"""The store: SQLite by default, PostgreSQL for teams, one schema behind one interface.

:class:`Store` speaks only in records (``Report``, ``Claim``, ``Event``, ``Toll``, ``Control``);
no row leaves this package. Schema changes are Alembic migrations that run in order, once, when
a store is opened.

Writers take turns: every :meth:`Store.transaction` holds the database's write lock from its
first statement (SQLite ``BEGIN IMMEDIATE``; a PostgreSQL advisory lock), so two processes
writing one store wait for each other (up to :data:`BUSY_TIMEOUT` seconds) instead of failing,
and what one reads inside its transaction is what it writes over. Migrations take the same lock.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

from ..errors import NotFound, StoreError
from ..records import Claim, Control, Event, Extraction, Report, Toll
from . import schema

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).parent / "migrations"
BUSY_TIMEOUT = 300  # seconds a writer waits for another to finish before giving up
# The PostgreSQL advisory lock every marsad writer takes (any fixed 64-bit number: "marsad").
WRITE_LOCK = 0x6D61727361640001
CHUNK = 500  # ids per IN (...) list, well below every driver's limit
PLAIN_NEEDLE = re.compile(r"[A-Za-z0-9 .,:;'()/&+-]+")  # text JSON writes as it is


def database_url(db: str) -> str:
    """A SQLAlchemy URL from a setting: a URL as it is, anything else a SQLite file path."""
    if "://" in db:
        if db.startswith("postgresql://"):  # psycopg 3 is the driver marsad installs
            return "postgresql+psycopg://" + db[len("postgresql://"):]
        return db
    return f"sqlite:///{Path(db).expanduser()}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # The driver's own transaction handling starts transactions late (not before DDL, not
    # before a SELECT): marsad says BEGIN itself (:func:`_sqlite_begin`), so DDL is
    # transactional and a writer takes the lock before it reads.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT * 1000}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    writing = connection.get_execution_options().get("marsad_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def chunks(ids: Iterable[str], size: int = CHUNK) -> Iterator[list[str]]:
    """Ids in lists short enough for one ``IN (...)``, in a stable order."""
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), size):
        yield ordered[start:start + size]


def alembic_config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@dataclass(frozen=True)
class EventFilter:
    """Filters shared by `marsad events`, every export, the report and the API."""

    since: dt.date | None = None
    until: dt.date | None = None
    event_type: str | None = None  # an ACLED event type or sub-event type
    actor: str | None = None
    place: str | None = None
    status: str | None = None
    source: str | None = None

    def matches(self, event: Event) -> bool:
        """Checks that need the whole record (text search in actors, places, sources)."""
        if self.actor and not _contains(self.actor, event.actor1, event.actor2,
                                        *event.assoc_actor_1, *event.assoc_actor_2):
            return False
        if self.place:
            geo = event.geocode.place if event.geocode and event.geocode.place else None
            names = [event.place.mention if event.place else ""]
            names += list(event.place.parents) if event.place else []
            if geo:
                names += [geo.name, geo.admin1, geo.admin2]
            if not _contains(self.place, *names):
                return False
        if self.source and not _contains(self.source, *event.sources, *event.outlets):
            return False
        return True


def _may_hold(record: sa.Column, needle: str) -> sa.ColumnElement:
    """A test in SQL that every record holding ``needle`` (in any case, in any field) passes,
    and most others fail, so that a million events need not be read to find an actor's:
    :meth:`EventFilter.matches` then decides. Records are stored as JSON with every non-ASCII
    character escaped (``\\u...``), so a plain ASCII needle is in the record's text, lowered,
    or the record holds an escape (a character Python may fold to ASCII: "ß", "K"). Other
    needles are left to :meth:`EventFilter.matches` alone."""
    if not PLAIN_NEEDLE.fullmatch(needle):
        return sa.true()
    text = sa.cast(record, sa.Text)
    return sa.or_(sa.func.lower(text).contains(needle.lower(), autoescape=True),
                  text.contains("\\u", autoescape=True))


def _as_text(record: sa.Column) -> sa.ColumnElement:
    """A record column read as its JSON text, for pydantic to parse in one step (about twice
    as fast as the driver's JSON decoding followed by validation of the objects)."""
    return sa.cast(record, sa.Text).label(record.name)


def _contains(needle: str, *haystack: str) -> bool:
    needle = needle.casefold()
    return any(needle in (h or "").casefold() for h in haystack)


class Store:
    """A marsad database. Open with :meth:`open`; writes happen inside :meth:`transaction`."""

    def __init__(self, engine: Engine):
        self.engine = engine

    @classmethod
    def open(cls, db: str, *, migrate: bool = True) -> "Store":
        url = database_url(db)
        try:
            engine = sa.create_engine(url, future=True)
        except (sa.exc.ArgumentError, ImportError) as exc:
            raise StoreError(f"cannot open database {db!r}: {exc}; give a SQLite path or a "
                             "URL such as postgresql://127.0.0.1/test") from None
        if engine.dialect.name == "sqlite":
            sa.event.listen(engine, "connect", _sqlite_pragmas)
            sa.event.listen(engine, "begin", _sqlite_begin)
        store = cls(engine)
        if migrate:
            store.migrate()
        return store

    def close(self) -> None:
        self.engine.dispose()

    # -- schema -------------------------------------------------------------------------------

    def migrate(self) -> None:
        """Bring the schema up to the newest migration (each runs once, in order), holding
        the write lock: two processes opening a new database at once migrate it once."""
        try:
            if self.schema_versions() == self.head_versions():
                return
            with self.transaction() as connection:
                command.upgrade(alembic_config(connection), "heads")
        except sa.exc.OperationalError as exc:
            raise StoreError(f"cannot open or migrate the database at {self.engine.url!r}: "
                             f"{exc.orig}; check the path or that the server is running") from None

    def schema_versions(self) -> set[str]:
        """The migrations applied; each feature area may add its own branch of migrations."""
        with self.engine.connect() as connection:
            return set(MigrationContext.configure(connection).get_current_heads())

    @staticmethod
    def head_versions() -> set[str]:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        return set(ScriptDirectory.from_config(config).get_heads())

    # -- transactions -------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One transaction: everything inside is written, or nothing is. It holds the write
        lock from the start, so other writers wait until it commits."""
        with self.engine.connect() as connection:
            connection.execution_options(marsad_write=True)
            with connection.begin():
                if connection.dialect.name == "postgresql":
                    connection.execute(sa.select(sa.func.pg_advisory_xact_lock(WRITE_LOCK)))
                yield connection

    def empty(self) -> None:
        """Every row of every table but Alembic's deleted, in one transaction (a benchmark or
        a test filling one store again and again; the schema stays migrated)."""
        tables = sa.MetaData()
        tables.reflect(self.engine)
        with self.transaction() as connection:
            for table in reversed(tables.sorted_tables):
                if table.name != "alembic_version":
                    connection.execute(table.delete())

    # -- reports and their extraction ---------------------------------------------------------

    def has_report(self, report_id: str, connection: Connection | None = None) -> bool:
        query = sa.select(schema.reports.c.id).where(schema.reports.c.id == report_id)
        if connection is not None:
            return connection.execute(query).first() is not None
        with self.engine.connect() as conn:
            return conn.execute(query).first() is not None

    def add_report(self, connection: Connection, report: Report, extraction: Extraction,
                   status: str = "") -> None:
        """Store a report with its claims, tolls and controls (in the caller's transaction)."""
        self.add_rows(connection, rows_of(report, extraction, status))

    def add_rows(self, connection: Connection, rows: "ReportRows") -> None:
        """Store a report's rows, made by :func:`rows_of` (perhaps in another process)."""
        connection.execute(schema.reports.insert().values(**rows.report))
        self._insert_rows(connection, rows)

    def add_many(self, connection: Connection, many: Sequence["ReportRows"]) -> None:
        """Store the rows of several reports, a statement per table (as :meth:`add_rows`
        for each, in fewer round trips)."""
        if not many:
            return
        connection.execute(schema.reports.insert(), [rows.report for rows in many])
        self._insert_rows(connection, ReportRows(
            "", {}, [c for rows in many for c in rows.claims],
            [t for rows in many for t in rows.tolls],
            [c for rows in many for c in rows.controls]))

    def stored_ids(self, connection: Connection, report_ids: Iterable[str]) -> set[str]:
        """Those of these reports that are stored."""
        table = schema.reports
        found: set[str] = set()
        for chunk in chunks(report_ids):
            found.update(row.id for row in connection.execute(
                sa.select(table.c.id).where(table.c.id.in_(chunk))))
        return found

    def update_report(self, connection: Connection, report: Report) -> None:
        """A stored report's details changed (its date, title, outlet); its text, and so its
        id, cannot change. Its claims' events are resolved again (the date ranks updates)."""
        connection.execute(schema.reports.update().where(schema.reports.c.id == report.id).values(
            title=report.title, published=report.published, outlet=report.outlet,
            record=report.model_dump(mode="json", exclude={"text"})))
        claims = schema.claims
        ids = connection.execute(sa.select(claims.c.id).where(claims.c.report_id == report.id))
        self.mark_unresolved(connection, [row.id for row in ids])

    def replace_extraction(self, connection: Connection, extraction: Extraction,
                           status: str = "") -> None:
        """Re-extraction of a stored report: its old claims, tolls and controls go, and so do
        the events they were in (their other claims wait to be resolved again)."""
        rid = extraction.report_id
        old = [row.id for row in connection.execute(
            sa.select(schema.claims.c.id).where(schema.claims.c.report_id == rid))]
        events = self.event_ids_holding(connection, old)
        self.mark_unresolved(connection, old + self.claim_ids_of_events(connection, events))
        self.delete_events(connection, events)
        for table in (schema.claims, schema.tolls, schema.controls):
            connection.execute(table.delete().where(table.c.report_id == rid))
        connection.execute(schema.reports.update().where(schema.reports.c.id == rid)
                           .values(status=status))
        self._insert_extraction(connection, extraction)

    def _insert_extraction(self, connection: Connection, extraction: Extraction) -> None:
        self._insert_rows(connection, rows_of(None, extraction))

    def _insert_rows(self, connection: Connection, rows: "ReportRows") -> None:
        if rows.claims:
            connection.execute(schema.claims.insert(), rows.claims)
            self.mark_unresolved(connection, [row["id"] for row in rows.claims])
        if rows.tolls:
            connection.execute(schema.tolls.insert(), rows.tolls)
        if rows.controls:
            connection.execute(schema.controls.insert(), rows.controls)

    def reports(self, ids: Iterable[str] | None = None) -> list[Report]:
        query = sa.select(schema.reports.c.text, schema.reports.c.record)
        if ids is not None:
            query = query.where(schema.reports.c.id.in_(list(ids)))
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(schema.reports.c.id)).all()
        return [Report.model_validate({**row.record, "text": row.text}) for row in rows]

    def report(self, report_id: str) -> Report:
        found = self.reports([report_id])
        if not found:
            raise NotFound(f"no report {report_id!r} in this database; list them with "
                           "`marsad reports`")
        return found[0]

    def report_kinds(self, connection: Connection | None = None,
                     ids: Iterable[str] | None = None) -> dict[str, str]:
        """Report id -> kind (news, field, imported), without loading the texts."""
        query = sa.select(schema.reports.c.id, schema.reports.c.kind)
        if ids is None:
            return {row.id: row.kind for row in self._rows(query, connection)}
        found = {}
        for chunk in chunks(ids):
            rows = self._rows(query.where(schema.reports.c.id.in_(chunk)), connection)
            found.update({row.id: row.kind for row in rows})
        return found

    def report_statuses(self) -> dict[str, str]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(schema.reports.c.id, schema.reports.c.status)).all()
        return {row.id: row.status for row in rows}

    def extraction_counts(self) -> dict[str, tuple[int, int, int]]:
        """Report id -> how many claims, tolls and control claims were extracted from it."""
        counts: dict[str, list[int]] = {}
        for index, table in enumerate((schema.claims, schema.tolls, schema.controls)):
            query = sa.select(table.c.report_id, sa.func.count()).group_by(table.c.report_id)
            for report_id, number in self._rows(query):
                counts.setdefault(report_id, [0, 0, 0])[index] = number
        return {report_id: (c[0], c[1], c[2]) for report_id, c in counts.items()}

    def report_dates(self, connection: Connection | None = None,
                     ids: Iterable[str] | None = None) -> dict[str, dt.date]:
        """Report id -> publication date, for reports that have one (resolve ranks updates)."""
        table = schema.reports
        query = sa.select(table.c.id, table.c.published).where(table.c.published.is_not(None))
        if ids is None:
            return {row.id: row.published for row in self._rows(query, connection)}
        found = {}
        for chunk in chunks(ids):
            rows = self._rows(query.where(table.c.id.in_(chunk)), connection)
            found.update({row.id: row.published for row in rows})
        return found

    def count(self, table: str, connection: Connection | None = None) -> int:
        query = sa.select(sa.func.count()).select_from(schema.metadata.tables[table])
        return self._rows(query, connection)[0][0]

    def claims(self, ids: Iterable[str] | None = None, *,
               connection: Connection | None = None) -> list[Claim]:
        query = sa.select(_as_text(schema.claims.c.record)).order_by(schema.claims.c.id)
        if ids is None:
            return [Claim.model_validate_json(r.record) for r in self._rows(query, connection)]
        found = []
        for chunk in chunks(ids):
            rows = self._rows(query.where(schema.claims.c.id.in_(chunk)), connection)
            found += [Claim.model_validate_json(r.record) for r in rows]
        return sorted(found, key=lambda c: c.id)

    def claims_streamed(self, connection: Connection, *, except_kind: str = "",
                        size: int = 2000) -> Iterator[Claim]:
        """Every claim (but those of reports of ``except_kind``), read a few thousand at a
        time through one cursor: a million claims without holding them."""
        claims, reports = schema.claims, schema.reports
        query = sa.select(_as_text(claims.c.record))
        if except_kind:
            query = query.join(reports, reports.c.id == claims.c.report_id).where(
                reports.c.kind != except_kind)
        result = connection.execute(query.execution_options(stream_results=True,
                                                            yield_per=size))
        for rows in result.partitions(size):
            yield from (Claim.model_validate_json(row.record) for row in rows)

    def tolls(self) -> list[Toll]:
        query = sa.select(schema.tolls.c.record).order_by(schema.tolls.c.id)
        return [Toll.model_validate(r.record) for r in self._rows(query)]

    def controls(self) -> list[Control]:
        query = sa.select(schema.controls.c.record).order_by(schema.controls.c.id)
        return [Control.model_validate(r.record) for r in self._rows(query)]

    def _rows(self, query, connection: Connection | None = None) -> Sequence[sa.Row]:
        if connection is not None:
            return connection.execute(query).all()
        with self.engine.connect() as conn:
            return conn.execute(query).all()

    # -- what is not resolved yet ------------------------------------------------------------

    def mark_unresolved(self, connection: Connection, claim_ids: Iterable[str]) -> None:
        """These claims' events must be built again (the caller's transaction)."""
        table = schema.unresolved_claims
        for chunk in chunks(claim_ids):
            known = {row.claim_id for row in connection.execute(
                sa.select(table.c.claim_id).where(table.c.claim_id.in_(chunk)))}
            fresh = [{"claim_id": c} for c in chunk if c not in known]
            if fresh:
                connection.execute(table.insert(), fresh)

    def unresolved(self, connection: Connection | None = None) -> list[str]:
        """Claim ids whose events are not built yet (stored, changed or removed since)."""
        table = schema.unresolved_claims
        query = sa.select(table.c.claim_id).order_by(table.c.claim_id)
        return [row.claim_id for row in self._rows(query, connection)]

    def mark_resolved(self, connection: Connection, claim_ids: Iterable[str] | None = None) -> None:
        """These claims' events are written (every claim's, when None)."""
        table = schema.unresolved_claims
        if claim_ids is None:
            connection.execute(table.delete())
            return
        for chunk in chunks(claim_ids):
            connection.execute(table.delete().where(table.c.claim_id.in_(chunk)))

    # -- events -------------------------------------------------------------------------------

    def event_ids_holding(self, connection: Connection, claim_ids: Iterable[str]) -> list[str]:
        """The events that hold any of these claims."""
        links = schema.event_claims
        found: set[str] = set()
        for chunk in chunks(claim_ids):
            found.update(row.event_id for row in connection.execute(
                sa.select(links.c.event_id).where(links.c.claim_id.in_(chunk))))
        return sorted(found)

    def claim_ids_of_events(self, connection: Connection, event_ids: Iterable[str]) -> list[str]:
        links = schema.event_claims
        found: set[str] = set()
        for chunk in chunks(event_ids):
            found.update(row.claim_id for row in connection.execute(
                sa.select(links.c.claim_id).where(links.c.event_id.in_(chunk))))
        return sorted(found)

    def delete_events(self, connection: Connection, event_ids: Iterable[str]) -> None:
        for chunk in chunks(event_ids):
            connection.execute(schema.event_claims.delete().where(
                schema.event_claims.c.event_id.in_(chunk)))
            connection.execute(schema.events.delete().where(schema.events.c.id.in_(chunk)))

    def rewrite_events(self, connection: Connection, old_ids: Iterable[str],
                       events: Sequence[Event]) -> None:
        """Replace some events: ``old_ids`` go, ``events`` come (an event may keep its id)."""
        self.delete_events(connection, old_ids)
        self._insert_events(connection, events)

    def delete_events_but_of(self, connection: Connection, kind: str) -> None:
        """Every event but those whose claims are all of reports of ``kind`` (hand-coded
        events imported: they survive a resolution from scratch), in SQL, reading none."""
        links, claims, reports = schema.event_claims, schema.claims, schema.reports
        others = sa.select(links.c.event_id).join(claims, claims.c.id == links.c.claim_id) \
            .join(reports, reports.c.id == claims.c.report_id).where(reports.c.kind != kind)
        connection.execute(links.delete().where(links.c.event_id.in_(others)))
        connection.execute(schema.events.delete().where(
            schema.events.c.id.not_in(sa.select(links.c.event_id))))

    def insert_events(self, connection: Connection, events: Sequence[Event]) -> None:
        """Add events (none of whose ids is stored)."""
        self._insert_events(connection, events)

    def replace_events(self, connection: Connection, events: Sequence[Event]) -> None:
        """Write the resolved events, replacing the previous resolution wholesale."""
        connection.execute(schema.event_claims.delete())
        connection.execute(schema.events.delete())
        self._insert_events(connection, events)

    def _insert_events(self, connection: Connection, events: Sequence[Event]) -> None:
        if not events:
            return
        connection.execute(schema.events.insert(), [_event_row(e) for e in events])
        links = [{"event_id": e.id, "claim_id": c} for e in events for c in e.claim_ids]
        if links:
            connection.execute(schema.event_claims.insert(), links)

    def events(self, where: EventFilter | None = None) -> list[Event]:
        where = where or EventFilter()
        table = schema.events
        query = sa.select(table.c.record).order_by(table.c.event_date, table.c.id)
        if where.since:
            query = query.where(table.c.event_date >= where.since)
        if where.until:
            query = query.where(table.c.event_date <= where.until)
        if where.event_type:  # an event type, or a sub-event type
            wanted = where.event_type.lower()
            query = query.where(sa.or_(sa.func.lower(table.c.event_type) == wanted,
                                       sa.func.lower(table.c.sub_event_type) == wanted))
        if where.status:
            query = query.where(table.c.status == where.status)
        for needle in (where.actor, where.place, where.source):
            if needle:
                query = query.where(_may_hold(table.c.record, needle))
        query = query.with_only_columns(_as_text(table.c.record))
        found = [Event.model_validate_json(r.record) for r in self._rows(query)]
        return [e for e in found if where.matches(e)]

    def event(self, event_id: str) -> Event:
        query = sa.select(schema.events.c.record).where(schema.events.c.id == event_id)
        rows = self._rows(query)
        if not rows:
            # a prefix is enough when it is unique, as with git
            like = sa.select(schema.events.c.record).where(
                schema.events.c.id.like(f"{event_id}%"))
            rows = self._rows(like)
            if len(rows) != 1:
                raise NotFound(f"no event {event_id!r} in this database"
                               + (" (the prefix is ambiguous)" if rows else "")
                               + "; list them with `marsad events`")
        return Event.model_validate(rows[0].record)


@dataclass(frozen=True)
class ReportRows:
    """A report and what was extracted from it, as the rows the store writes: plain values,
    cheap to send between processes (``marsad batch`` makes them on its workers)."""

    report_id: str
    report: dict
    claims: list[dict]
    tolls: list[dict]
    controls: list[dict]


def rows_of(report: Report | None, extraction: Extraction, status: str = "") -> ReportRows:
    """The rows of a report (None: only its extraction's) and its extraction."""
    row: dict = {}
    if report is not None:
        _refuse_nul(report)
        row = dict(id=report.id, text=report.text, title=report.title,
                   published=report.published, outlet=report.outlet, url=report.url,
                   language=report.language, kind=report.kind, source_path=report.source_path,
                   ingested_at=report.ingested_at, status=status,
                   record=report.model_dump(mode="json", exclude={"text"}))
    return ReportRows(extraction.report_id, row, [_claim_row(c) for c in extraction.claims],
                      [_toll_row(t) for t in extraction.tolls],
                      [_control_row(c) for c in extraction.controls])


def _refuse_nul(report: Report) -> None:
    """PostgreSQL cannot store NUL in text, and no database a lone surrogate (it is not
    UTF-8): so no store takes either, and SQLite and PostgreSQL agree."""
    for name, value in report.model_dump(exclude={"warnings"}).items():
        if not isinstance(value, str):
            continue
        if "\x00" in value or any("\ud800" <= c <= "\udfff" for c in value):
            raise StoreError(f"report {report.id}: {name!r} holds a NUL character or a lone "
                             "surrogate, which the database cannot store; remove it from the "
                             "input", path=report.source_path or None)


def _claim_row(claim: Claim) -> dict:
    return dict(id=claim.id, report_id=claim.report_id, start=claim.evidence.start,
                end=claim.evidence.end, event_type=claim.event_type,
                sub_event_type=claim.sub_event_type, event_date=claim.date.date,
                background=claim.date.background, record=claim.model_dump(mode="json"))


def _toll_row(toll: Toll) -> dict:
    return dict(id=toll.id, report_id=toll.report_id, victims=toll.victims,
                period_end=toll.period_end, record=toll.model_dump(mode="json"))


def _control_row(control: Control) -> dict:
    return dict(id=control.id, report_id=control.report_id, place=control.place.mention,
                holder=control.holder, as_of=control.date.date,
                record=control.model_dump(mode="json"))


def _event_row(event: Event) -> dict:
    place = event.geocode.place if event.geocode and event.geocode.place else None
    location = place.name if place else (event.place.mention if event.place else "")
    return dict(id=event.id, event_date=event.date.date, event_type=event.event_type,
                sub_event_type=event.sub_event_type, actor1=event.actor1, actor2=event.actor2,
                location=location, country=place.country if place else "",
                latitude=place.latitude if place else None,
                longitude=place.longitude if place else None,
                fatalities_best=event.fatalities_best, status=event.status.value,
                record=event.model_dump(mode="json"))
