"""What one small ingest costs as the store grows: incremental resolution against from scratch.

    .venv/bin/python benchmarks/incremental.py                      # 10k and 100k claims
    .venv/bin/python benchmarks/incremental.py --sizes 10000 100000 1000000
    .venv/bin/python benchmarks/incremental.py --db postgresql://127.0.0.1/bench --sizes 10000

For each size N: a store (a SQLite file in a temporary folder, or the given database, emptied
first) of N claims made by the generator of ``benchmarks/resolve.py`` (one report each, stored
a statement per table for every :data:`CHUNK` reports, then resolved from scratch, which
streams: memory stays flat at a million); then, ``--rounds`` times, 10 new reports of
generated claims on days all over the store's two years are stored and resolved
(``resolve_store``: only the blocks they touch), and the median time is kept. By default
every store spans two years, so a larger store is also a denser conflict (more claims in
each block); ``--per-day D`` keeps D claims a day and lets the history grow instead. With ``--full``,
the same 10 reports are also resolved from scratch, as every ingest did before. Prints one line
per size and, last, ``incremental: N1 claims T1 s, N2 claims T2 s ... ratio R`` where R is the
time at the largest size over the time at the smallest. Run on demand; never a timed test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from resolve import START, _incident, generate, towns  # noqa: E402  (benchmarks/resolve.py)

from marsad.pipeline import batched  # noqa: E402
from marsad.records import Extraction, Report  # noqa: E402
from marsad.resolve import resolve_store  # noqa: E402
from marsad.store import Store, rows_of  # noqa: E402

log = logging.getLogger("benchmarks.incremental")
NEW_REPORTS = 10
CHUNK = 20_000  # reports per transaction (and resolution) while building the store


def report_of(report_id: str, day: dt.date) -> Report:
    return Report(id=report_id, text=f"generated report {report_id}", published=day,
                  outlet="Wire")


def store_claims(store: Store, claims) -> int:
    """Store claims, one report each (as the generator names them), a statement per table
    for each :data:`CHUNK` reports (``Store.add_many``), without resolving them."""
    stored = 0
    for chunk in batched(claims, CHUNK):
        rows = [rows_of(report_of(c.report_id, c.date.date),
                        Extraction(report_id=c.report_id, claims=(c,))) for c in chunk]
        with store.transaction() as connection:
            store.add_many(connection, rows)
        stored += len(chunk)
    return stored


def new_reports(rng: random.Random, round_no: str, days: int) -> list:
    """Claims of NEW_REPORTS new reports, on days anywhere in the store's range."""
    places = towns()
    made = []
    for index in range(NEW_REPORTS):
        day = START + dt.timedelta(days=rng.randrange(days))
        claims = _incident(rng, day, places, f"new{round_no}.{index}")[:1]
        made += claims
    return made


def measure(size: int, db: str | None, rounds: int, full: bool,
            per_day: int | None = None, keep: Path | None = None) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        path = (keep or Path(folder)) / f"incremental-{size}-{per_day or 'dense'}.db"
        reused = keep is not None and not db and path.exists()
        store = Store.open(db or str(path))
        started = time.perf_counter()
        if reused:  # built by an earlier run (which added its rounds' few claims)
            stored = store.count("claims")
        else:
            if db:
                store.empty()
            stored = store_claims(store, generate(size, per_day=per_day))
            resolve_store(store, 1, full=True)  # streamed: memory stays flat at a million
        building = time.perf_counter() - started
        rng = random.Random(7)
        incremental, scratch = [], []
        for round_no in range(rounds):
            # (named after the store's size too: a kept store holds earlier runs' rounds)
            claims = new_reports(rng, f"{stored}.{round_no}",
                                 size // per_day if per_day else 730)
            started = time.perf_counter()
            store_claims(store, claims)
            resolve_store(store, 1)
            incremental.append(time.perf_counter() - started)
            if full:
                started = time.perf_counter()
                resolve_store(store, 1, full=True)
                scratch.append(time.perf_counter() - started)
        events = store.count("events")
        store.close()
    return {"claims": stored, "events": events, "build": building,
            "incremental": statistics.median(incremental),
            "scratch": statistics.median(scratch) if scratch else float("nan")}


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--db", default=None, help="a database URL (emptied first!)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--per-day", type=int, default=None,
                        help="claims a day: the store grows in time, not in density (default: "
                             "every store spans two years, so larger ones are denser)")
    parser.add_argument("--full", action="store_true",
                        help="also resolve from scratch after each round, for comparison")
    parser.add_argument("--keep", type=Path, default=None,
                        help="a folder to keep the SQLite stores in, and to take them from "
                             "when an earlier run built them (building a million claims takes "
                             "some ten minutes)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    log.setLevel(logging.INFO)
    log.info("%10s %10s %16s %16s %16s", "claims", "events", "build+resolve s",
             "10 reports s", "from scratch s")
    found = []
    for size in args.sizes:
        result = measure(size, args.db, args.rounds, args.full, args.per_day, args.keep)
        found.append(result)
        log.info("%10d %10d %16.1f %16.3f %16.1f", result["claims"], result["events"],
                 result["build"], result["incremental"], result["scratch"])
    ratio = found[-1]["incremental"] / max(found[0]["incremental"], 1e-9)
    figures = ", ".join(f"{r['claims']} claims {r['incremental']:.3f} s" for r in found)
    print(f"incremental: {figures} ratio {ratio:.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
