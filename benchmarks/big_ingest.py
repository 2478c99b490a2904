"""Peak memory and time of `marsad ingest` on one large JSON Lines file (issue 17.8).

    .venv/bin/python benchmarks/big_ingest.py                  # 100 MB, blank spaCy pipeline
    .venv/bin/python benchmarks/big_ingest.py --mb 10 --nlp model
    .venv/bin/python benchmarks/big_ingest.py --db postgresql://127.0.0.1/bench   # emptied!

Writes a JSON Lines file of ``--mb`` MB of short generated reports (one to three sentences written
for the project: strikes, clashes and shelling in Syrian towns, with figures and sources; about
310 bytes a line, so 100 MB is some 320,000 reports; 100 a day, in date order, as an archive
is kept: some nine years), then ingests it with ``Pipeline.ingest``
into a new SQLite file (or the given database) and resolves. The file is read line by line and
stored in transactions of ``--commit-every`` reports, so memory should not grow with the file.

``--nlp blank`` (the default) extracts with spaCy's blank English pipeline and marsad's patterns
(sentences by punctuation, no statistical model): it finds fewer claims, but what is measured is
reading, storing and resolving, in a time one can wait for; ``--nlp model`` uses the real
model (count some 30 minutes for 100 MB on one core). ``--no-resolve`` stores the claims
without building events: on this generator (the same few towns every day) the claims of a
town chain into one component, so each resolution during the ingest (every 20k claims) finds
more than its limit of linked claims and resolves the whole store again, streamed: memory
stays flat, but time grows with the square of the file. Peak memory is this process's maximum
resident set (``resource.getrusage``), which includes spaCy and the gazetteer. Last line:
``big ingest: M MB, N reports, T s, R reports/s, peak RSS P MB``. Run on demand; never a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from marsad.extract import Extractor
from marsad.knowledge import load_knowledge
from marsad.pipeline import Pipeline, open_geocoder
from marsad.resolve import resolve_store
from marsad.settings import load_settings
from marsad.store import Store

log = logging.getLogger("benchmarks.big_ingest")
MB = 1_000_000
TOWNS = ["Idlib", "Aleppo", "Raqqa", "Hajin", "Homs", "Hama", "Deir ez-Zor", "Manbij",
         "Tabqa", "Kobani", "Afrin", "Saraqib", "Ariha", "Maarat al-Numan", "Jisr al-Shughur"]
ATTACKERS = ["Government forces", "Islamic State fighters", "Russian jets", "Turkish drones",
             "Syrian Democratic Forces", "Rebel fighters"]
SOURCES = ["the Syrian Observatory for Human Rights said", "rescuers said", "residents said",
           "a local official told reporters", "the White Helmets said"]
VERBS = ["shelled", "struck", "attacked", "bombed"]
TARGETS = ["a market", "a checkpoint", "a hospital", "a school", "a bakery", "a village"]
NUMBERS = ["two", "three", "four", "five", "seven", "nine", "12", "15", "at least 20"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Sunday"]
PER_DAY = 100  # reports a day, in the order of their dates, as an archive is kept


def report_text(rng: random.Random, number: int) -> str:
    """One to three sentences; the number makes every report a different text (a new id)."""
    town, other = rng.sample(TOWNS, 2)
    text = (f"{rng.choice(ATTACKERS)} {rng.choice(VERBS)} {rng.choice(TARGETS)} in {town} on "
            f"{rng.choice(DAYS)}, killing {rng.choice(NUMBERS)} civilians, "
            f"{rng.choice(SOURCES)} in bulletin {number}.")
    if rng.random() < 0.8:
        text += (f" Clashes near {other} killed {rng.choice(NUMBERS)} fighters, "
                 f"{rng.choice(SOURCES)}.")
    if rng.random() < 0.3:
        text += f" Hundreds of families have fled towards {rng.choice(TOWNS)} since then."
    return text


def write_jsonl(path: Path, size: int, seed: int = 5) -> int:
    """A JSON Lines file of about ``size`` bytes (written line by line); its number of lines."""
    rng = random.Random(seed)
    start = dt.date(2024, 1, 1)
    written = count = 0
    with path.open("w", encoding="utf-8") as out:
        while written < size:
            line = json.dumps({"text": report_text(rng, count), "title": f"Bulletin {count}",
                               "published": str(start + dt.timedelta(days=count // PER_DAY)),
                               "outlet": "Bench Wire", "language": "en"}) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
            count += 1
    return count


def extractor_of(kind: str, settings) -> Extractor:
    from marsad.nlp import blank_pipeline, load_pipeline

    nlp = blank_pipeline() if kind == "blank" else load_pipeline(settings.spacy_model)
    return Extractor(nlp, load_knowledge(), batch_size=settings.batch_size)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=100, help="size of the file (MB)")
    parser.add_argument("--nlp", choices=["blank", "model"], default="blank")
    parser.add_argument("--commit-every", type=int, default=1000)
    parser.add_argument("--db", default=None, help="a database URL (emptied first!)")
    parser.add_argument("--no-resolve", action="store_true",
                        help="store the claims without building their events")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    log.setLevel(logging.INFO)
    with tempfile.TemporaryDirectory(prefix="marsad-big-") as folder:
        source = Path(folder) / "big.jsonl"
        lines = write_jsonl(source, int(args.mb * MB))
        log.info("wrote %s: %.1f MB, %d reports", source.name, source.stat().st_size / MB, lines)
        settings = load_settings({"db": args.db or str(Path(folder) / "big.db"),
                                  "progress": "no"})
        store = Store.open(settings.db)
        if args.db:
            store.empty()
        pipeline = Pipeline(store, extractor_of(args.nlp, settings), open_geocoder(settings),
                            resolver=lambda s: resolve_store(s, settings.merge_window_days),
                            commit_every=args.commit_every)
        before = peak_mb()
        log.info("loaded spaCy (%s) and the gazetteer: peak RSS %.0f MB", args.nlp, before)
        started = time.perf_counter()
        last = [started]

        def stored(done: int, total: int, _path) -> None:
            if time.perf_counter() - last[0] >= 30:
                last[0] = time.perf_counter()
                log.info("%8d of %d reports stored, %.0f s, peak RSS %.0f MB", done, total,
                         last[0] - started, peak_mb())

        summary = pipeline.ingest([source], stored=stored, resolve=not args.no_resolve)
        seconds = time.perf_counter() - started
        store.close()
    log.info("%d new reports, %d claims, %d events; peak RSS %.0f MB before ingest",
             summary.reports_new, summary.claims, summary.events, before)
    print(f"big ingest: {args.mb:g} MB, {summary.reports_new} reports, {seconds:.1f} s, "
          f"{summary.reports_new / seconds:.0f} reports/s, peak RSS {peak_mb():.0f} MB")


if __name__ == "__main__":
    main(sys.argv[1:])
