"""The event queries behind `/api/events` and `marsad events` on a store of a million events.

    .venv/bin/python benchmarks/queries.py                               # SQLite, 1M events
    .venv/bin/python benchmarks/queries.py --events 100000
    .venv/bin/python benchmarks/queries.py --db postgresql://127.0.0.1/bench   # emptied first!

Builds a store of ``--events`` events (a SQLite file in a temporary folder, or the given
database, emptied first): the events that the generator of ``benchmarks/resolve.py`` resolves
into (400 towns in 40 provinces, five event types, four pairs of actors), copied with new ids
and dates over ten years until there are enough, written straight into the events table with
the store's indexes (the schema's: ``event_date``, ``event_type``, ``status``). Then times
``Store.events`` with each filter the API and the CLI take (date range of a month, an event
type, an actor, a place, and a month and a type together): the median of ``--rounds`` runs,
and how many events each returns. Last line: ``queries: N events, date T1 s, type T2 s, actor
T3 s, place T4 s, date+type T5 s (backend)``. Run on demand; never a timed test.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from resolve import generate  # noqa: E402  (benchmarks/resolve.py)

from marsad.records import content_id  # noqa: E402
from marsad.resolve import build_event, facts_of, group_sorted  # noqa: E402
from marsad.store import EventFilter, Store, _event_row, schema  # noqa: E402

log = logging.getLogger("benchmarks.queries")
START = dt.date(2016, 1, 1)
DAYS = 3650  # the events are spread over ten years
CHUNK = 10_000  # rows per insert


def templates(claims: int = 20_000) -> list[dict]:
    """Event rows resolved from generated claims."""
    groups = group_sorted((facts_of(c) for c in generate(claims)), window=1)
    return [_event_row(build_event(group)) for group in groups]


def rows(count: int) -> "list[dict]":
    """``count`` event rows: the templates again and again, each copy with its own id and day."""
    made = templates()
    for index in range(count):
        row = copy.deepcopy(made[index % len(made)])
        day = START + dt.timedelta(days=index * DAYS // count)
        row["id"] = row["record"]["id"] = content_id("bench-event", index)
        row["event_date"] = day
        row["record"]["date"].update(date=day.isoformat(), start=None, end=None)
        yield row


def fill(store: Store, count: int) -> None:
    store.empty()
    batch: list[dict] = []
    for row in rows(count):
        batch.append(row)
        if len(batch) >= CHUNK:
            with store.transaction() as connection:
                connection.execute(schema.events.insert(), batch)
            batch = []
    if batch:
        with store.transaction() as connection:
            connection.execute(schema.events.insert(), batch)
    with store.engine.connect() as connection:  # the planner's statistics, as after real use
        connection.exec_driver_sql("ANALYZE")
        connection.commit()


QUERIES = {
    "date": EventFilter(since=dt.date(2020, 3, 1), until=dt.date(2020, 3, 31)),
    "type": EventFilter(event_type="Air/drone strike"),
    "actor": EventFilter(actor="militia"),
    "place": EventFilter(place="Town 17"),
    "date+type": EventFilter(since=dt.date(2020, 3, 1), until=dt.date(2020, 3, 31),
                             event_type="Battles"),
}


def measure(store: Store, rounds: int) -> dict[str, tuple[float, int]]:
    found = {}
    for name, where in QUERIES.items():
        times, count = [], 0
        for _ in range(rounds):
            started = time.perf_counter()
            count = len(store.events(where))
            times.append(time.perf_counter() - started)
        found[name] = (statistics.median(times), count)
        log.info("%-10s %8.3f s %9d events", name, found[name][0], count)
    return found


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", default=None, help="a database URL (emptied first!)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    log.setLevel(logging.INFO)
    with tempfile.TemporaryDirectory(prefix="marsad-queries-") as folder:
        store = Store.open(args.db or str(Path(folder) / "events.db"))
        started = time.perf_counter()
        fill(store, args.events)
        log.info("%d events stored in %.0f s (%s)", store.count("events"),
                 time.perf_counter() - started, store.engine.dialect.name)
        found = measure(store, args.rounds)
        backend = store.engine.dialect.name
        store.close()
    figures = ", ".join(f"{name} {seconds:.3f} s" for name, (seconds, _) in found.items())
    print(f"queries: {args.events} events, {figures} ({backend})")


if __name__ == "__main__":
    main(sys.argv[1:])
