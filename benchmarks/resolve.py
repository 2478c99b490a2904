"""How long resolving takes on generated claims: 10k, 100k and 1M by default.

    .venv/bin/python benchmarks/resolve.py            # 10k, 100k, 1M
    .venv/bin/python benchmarks/resolve.py 50000      # any sizes

Claims are generated day by day (incidents in 400 towns of 40 provinces, each told by one to
four reports, some at district level, some with two-day ranges) and streamed through the
grouper in its canonical order, so memory stays flat: only the open groups of the last weeks
are held. Prints claims, events, time to group and build events (generation excluded),
claims per second and peak memory. Run on demand; never a timed test.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import resource
import sys
import time
from typing import Iterator

from marsad.records import (Claim, Count, EventDate, Geocode, Place, PlaceQuery, SourceKind,
                            Span, Victims)
from marsad.resolve import build_event, claim_order, facts_of, group_sorted

log = logging.getLogger("benchmarks.resolve")
START = dt.date(2020, 1, 1)
TYPES = [("Battles", "Armed clash"), ("Battles", "Non-state actor overtakes territory"),
         ("Explosions/Remote violence", "Air/drone strike"),
         ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         ("Violence against civilians", "Attack")]
ACTORS = [("Army", "Rebels"), ("Rebels", "Army"), ("Army", "Civilians"), ("Militia", "Rebels")]
SOURCES = [("Monitor A", SourceKind.MONITOR), ("Army", SourceKind.PARTY),
           ("Rebels", SourceKind.PARTY), ("", SourceKind.MEDIA), ("Medics", SourceKind.WITNESS)]


def towns(count: int = 400) -> list[tuple[Place, list[Place]]]:
    made = []
    for index in range(count):
        town = Place(id=f"gn:{index}", name=f"Town {index}", latitude=index % 90,
                     longitude=index % 180, country="XX", admin1=f"Province {index % 40}",
                     kind="town")
        parts = [Place(id=f"pk:{index}.{d}", name=f"District {index}.{d}",
                       latitude=town.latitude, longitude=town.longitude, country="XX",
                       admin1=town.admin1, kind="district", parent=town.id) for d in range(3)]
        made.append((town, parts))
    return made


def generate(total: int, seed: int = 1, per_day: int | None = None) -> Iterator[Claim]:
    """``total`` claims, yielded day by day, each day in the grouper's canonical order: over
    two years, or ``per_day`` a day for as many days as that takes."""
    rng = random.Random(seed)
    places = towns()
    per_day = per_day or max(1, total // 730)
    made, day = 0, 0
    while made < total:
        today = START + dt.timedelta(days=day)
        batch = []
        while len(batch) < per_day and made + len(batch) < total:
            batch.extend(_incident(rng, today, places, f"{day}.{len(batch)}"))
        batch = batch[: total - made]
        batch.sort(key=lambda c: claim_order(facts_of(c)))
        made += len(batch)
        day += 1
        yield from batch


def _incident(rng: random.Random, day: dt.date, places, tag: str) -> list[Claim]:
    event_type, sub = rng.choice(TYPES)
    actor1, actor2 = rng.choice(ACTORS)
    town, parts = rng.choice(places)
    claims = []
    for n in range(rng.randint(1, 4)):
        place = rng.choice(parts) if rng.random() < 0.3 else town
        ranged = rng.random() < 0.1
        source, kind = rng.choice(SOURCES)
        report = f"{tag}.{n}"
        killed = rng.choice([None, rng.randint(0, 40)])
        claims.append(Claim(
            id=f"{report}.c", report_id=report,
            evidence=Span(report_id=report, start=0, end=10, text="generated"),
            event_type=event_type, sub_event_type=sub,
            date=EventDate(date=day, start=day - dt.timedelta(days=1) if ranged else None,
                           end=day if ranged else None),
            place=PlaceQuery(mention=place.name),
            geocode=Geocode(mention=place.name, place=place, geo_precision=1,
                            matched_name=place.name),
            actor1=actor1, actor2=actor2,
            fatalities=Count(value=killed, words=str(killed)) if killed is not None else None,
            victims=Victims(), attributed_to=source, source_kind=kind, outlet="Wire"))
    return claims


def run(total: int) -> dict[str, float]:
    generating = 0.0
    started = time.perf_counter()

    def facts() -> Iterator:
        nonlocal generating
        stream = generate(total)
        while True:
            before = time.perf_counter()
            claim = next(stream, None)
            generating += time.perf_counter() - before
            if claim is None:
                return
            yield facts_of(claim)

    events = claims_in_events = 0
    for group in group_sorted(facts(), window=1):
        event = build_event(group)
        events += 1
        claims_in_events += len(event.claim_ids)
    resolving = time.perf_counter() - started - generating
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"claims": claims_in_events, "events": events, "seconds": resolving,
            "generate_seconds": generating, "peak_mb": peak_mb}


def main(argv: list[str]) -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    sizes = [int(a) for a in argv] or [10_000, 100_000, 1_000_000]
    log.info("%10s %10s %12s %14s %12s %12s", "claims", "events", "resolve s", "claims/s",
             "generate s", "peak MB")
    for size in sizes:
        found = run(size)
        log.info("%10d %10d %12.1f %14.0f %12.1f %12.0f", found["claims"], found["events"],
                 found["seconds"], found["claims"] / max(found["seconds"], 1e-9),
                 found["generate_seconds"], found["peak_mb"])


if __name__ == "__main__":
    main(sys.argv[1:])
