"""Geocoder speed and memory, run on demand (never as a timed test).

    .venv/bin/python benchmarks/geocode.py [--build] [--places FILE]

Prints the gazetteer's build time (with --build, into a temporary file), its load time, the
geocodes per second on the UCDP places benchmark (or a built-in list), and memory.
"""

from __future__ import annotations

import argparse
import csv
import resource
import tempfile
import time
import tracemalloc
from pathlib import Path

from marsad.geo import Gazetteer, Geocoder, build_gazetteer
from marsad.geo.paths import default_gazetteer_or_none
from marsad.records import PlaceQuery

DEFAULT_PLACES = Path(__file__).resolve().parents[2] / "shared/corpus/ucdp/places_syria.csv"
FALLBACK = ["Aleppo", "Deir Ezzor", "Al-Bab", "Kobani", "Raqqa", "Idlib countryside",
            "the western Raqqa district of Al-Daraiya", "Khan Sheikhoun", "Atlantis"]


def queries(path: Path | None) -> list[PlaceQuery]:
    if path is None or not path.is_file():
        return [PlaceQuery(mention=m, country="SY") for m in FALLBACK] * 100
    with path.open(encoding="utf-8") as handle:
        return [PlaceQuery(mention=r["where_coordinates"], country="SY",
                           parents=(r["adm_1"],) if r["adm_1"] else ())
                for r in csv.DictReader(handle)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="store_true", help="also time a full build")
    parser.add_argument("--places", type=Path, default=DEFAULT_PLACES)
    args = parser.parse_args()
    if args.build:
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            build_gazetteer(Path(tmp) / "g.sqlite", force=True)
            print(f"build:          {time.perf_counter() - started:8.1f} s")
    path = default_gazetteer_or_none()
    if path is None:
        raise SystemExit("no gazetteer built; run `marsad gazetteer build`")
    print(f"gazetteer:      {path} ({path.stat().st_size / 1e6:.0f} MB on disk)")
    tracemalloc.start()
    started = time.perf_counter()
    geocoder = Geocoder(Gazetteer(path))
    print(f"load:           {(time.perf_counter() - started) * 1000:8.1f} ms")
    todo = queries(args.places)
    started = time.perf_counter()
    for query in todo:
        geocoder.geocode(query)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    for query in todo:
        geocoder.geocode(query)
    warm = time.perf_counter() - started
    current, peak = tracemalloc.get_traced_memory()
    print(f"geocodes/s:     {len(todo) / cold:8.0f} cold, {len(todo) / warm:.0f} warm "
          f"({len(todo)} mentions)")
    print(f"python memory:  {current / 1e6:8.1f} MB held, {peak / 1e6:.1f} MB peak")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process max RSS:{rss:8.1f} MB")


if __name__ == "__main__":
    main()
