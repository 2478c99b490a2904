"""Reports per second: a serial `marsad ingest` against `marsad batch` on Dask, same files.

    .venv/bin/python benchmarks/batch.py                        # 2000 reports, 2 workers
    .venv/bin/python benchmarks/batch.py --reports 2000 --workers 4

Writes ``--reports`` generated news reports (a few sentences each: strikes, clashes, shelling in
Syrian towns, with figures and sources) into JSON Lines files of 25, then ingests them twice
into new SQLite files: serially (``Pipeline.ingest``, one process) and with
``marsad.batch.run_batch`` on a local Dask cluster of ``--workers`` processes. Both times are
wall-clock and include loading spaCy (and, for the batch, starting the cluster), as a user
waits for them. Checks that both exports are byte-identical. Last line:
``batch: N reports, serial S1 reports/s, W workers S2 reports/s, speedup X``. Run on demand.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import random
import sys
import tempfile
import time
from pathlib import Path

from marsad.batch import run_batch
from marsad.pipeline import Pipeline
from marsad.publish import to_jsonl
from marsad.settings import load_settings
from marsad.store import Store

log = logging.getLogger("benchmarks.batch")
TOWNS = ["Idlib", "Aleppo", "Raqqa", "Hajin", "Homs", "Hama", "Deir ez-Zor", "Manbij",
         "Tabqa", "Kobani", "Afrin", "Jisr al-Shughur", "Maarat al-Numan", "Saraqib", "Ariha"]
ATTACKERS = ["Government forces", "Islamic State fighters", "Russian jets",
             "Turkish drones", "Syrian Democratic Forces", "Rebel fighters"]
SOURCES = ["the Syrian Observatory for Human Rights said", "rescuers said",
           "a local official told reporters", "the White Helmets said", "residents said"]
VERBS = ["shelled", "struck", "attacked", "bombed"]
TARGETS = ["a market", "a checkpoint", "a hospital", "a school", "a bakery", "a village"]
NUMBERS = ["two", "three", "four", "five", "seven", "nine", "12", "15", "at least 20"]


def report_text(rng: random.Random) -> str:
    town, other = rng.sample(TOWNS, 2)
    sentences = [
        f"{rng.choice(ATTACKERS)} {rng.choice(VERBS)} {rng.choice(TARGETS)} in {town} on "
        f"{rng.choice(['Monday', 'Tuesday', 'Wednesday', 'Sunday'])}, killing "
        f"{rng.choice(NUMBERS)} civilians, {rng.choice(SOURCES)}.",
        f"{rng.choice(NUMBERS).capitalize()} people were wounded, {rng.choice(SOURCES)}.",
        f"Clashes between {rng.choice(ATTACKERS).lower()} and {rng.choice(ATTACKERS).lower()} "
        f"near {other} killed {rng.choice(NUMBERS)} fighters, {rng.choice(SOURCES)}.",
        f"The area has seen heavy fighting since the start of the year, and aid groups say "
        f"thousands of families have fled towards {rng.choice(TOWNS)}.",
    ]
    return " ".join(sentences[: rng.randint(2, 4)])


def write_reports(folder: Path, count: int, per_file: int = 25) -> list[Path]:
    rng = random.Random(11)
    start = dt.date(2024, 3, 1)
    files = []
    for first in range(0, count, per_file):
        path = folder / f"reports-{first // per_file:05d}.jsonl"
        lines = [json.dumps({"text": report_text(rng), "title": f"Report {n}",
                             "published": str(start + dt.timedelta(days=n % 60)),
                             "outlet": "Wire", "language": "en"})
                 for n in range(first, min(count, first + per_file))]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        files.append(path)
    return files


def export(store: Store) -> str:
    return to_jsonl(store.events(), lambda e: store.claims(e.claim_ids))


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    # (fewer do not pay for what a cluster costs to start: some 4 s on two idle cores, 7 s
    # loaded, then spaCy loaded on every worker)
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    log.setLevel(logging.INFO)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "in").mkdir()
        files = write_reports(folder / "in", args.reports)
        settings = load_settings({"db": str(folder / "serial.db"), "progress": "no"})
        started = time.perf_counter()
        serial_store = Store.open(settings.db)
        Pipeline.from_settings(settings, serial_store).ingest(files)
        serial = time.perf_counter() - started
        log.info("serial: %d reports in %.1f s (%.1f reports/s)", args.reports, serial,
                 args.reports / serial)
        settings = load_settings({"db": str(folder / "batch.db"), "progress": "no"})
        started = time.perf_counter()
        batch_store = Store.open(settings.db)
        run_batch(files, settings, batch_store, workers=args.workers)
        parallel = time.perf_counter() - started
        log.info("batch, %d workers: %d reports in %.1f s (%.1f reports/s)", args.workers,
                 args.reports, parallel, args.reports / parallel)
        same = export(serial_store) == export(batch_store)
        log.info("exports byte-identical: %s (%d events)", same, batch_store.count("events"))
    print(f"batch: {args.reports} reports, serial {args.reports / serial:.1f} reports/s, "
          f"{args.workers} workers {args.reports / parallel:.1f} reports/s, "
          f"speedup {serial / parallel:.2f}{'' if same else ' (EXPORTS DIFFER)'}")


if __name__ == "__main__":
    main(sys.argv[1:])
