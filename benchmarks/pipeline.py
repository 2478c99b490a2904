"""Speed of the whole pipeline (ingest to stored events) against spaCy's parse alone.

Generates a news-like corpus from sentence templates (seeded, so every run reads the same
text; at least 50,000 words), ingests it into a fresh SQLite database through marsad's pipeline,
parses the same texts with the bare spaCy pipeline, and ends with one line:

    marsad W words/s, spaCy alone S words/s, ratio R, peak memory M MB

Run: .venv/bin/python benchmarks/pipeline.py [--words 50000] [--seed 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import tempfile
import time
from pathlib import Path

PLACES = {
    "SY": ["Aleppo", "Idlib", "Raqqa", "Deir ez-Zor", "Hama", "Homs", "Daraa", "Manbij", "Hajin"],
    "UA": ["Kharkiv", "Kherson", "Bakhmut", "Zaporizhzhia", "Sumy", "Chasiv Yar", "Pokrovsk"],
    "SD": ["El Fasher", "Omdurman", "Khartoum", "Nyala", "Wad Madani", "El Obeid", "Bara"],
    "SO": ["Mogadishu", "Kismayo", "Baidoa", "Beledweyne", "Jilib", "Afgooye"],
}
ACTORS = {
    "SY": [("the Syrian army", "Islamic State militants"), ("the SDF", "IS fighters"),
           ("Turkish-backed rebels", "the SDF")],
    "UA": [("Russian forces", "Ukrainian troops"), ("Ukrainian forces", "Russian troops")],
    "SD": [("the Rapid Support Forces", "the Sudanese army"), ("the army", "RSF fighters")],
    "SO": [("al-Shabaab", "Somali forces"), ("Somali National Army troops", "al-Shabaab")],
}
MONITORS = ["a local monitor said", "officials said", "medics said", "residents said",
            "the group said in a statement", "according to a rights group"]
DAYS = ["on Monday", "on Tuesday", "late Wednesday", "on Thursday", "early Friday", "on Saturday",
        "yesterday"]
NUMBERS = ["three", "five", "seven", "11", "at least 14", "more than 20", "dozens of", "two"]
TEMPLATES = [
    "{a1} shelled {place} {day}, killing {n} civilians, {src}.",
    "Heavy clashes broke out between {a1} and {a2} near {place} {day}, {src}.",
    "An air strike on a market in {place} {day} killed {n} people, including children, {src}.",
    "{a1} said it had captured several villages around {place} after fighting with {a2}.",
    "The fighting has displaced thousands of families from {place} since the start of the year.",
    "A roadside bomb struck a vehicle near {place} {day}, wounding {n} people, {src}.",
    "Aid agencies warned that food and medicine were running short in {place}.",
    "{a2} denied the claims and said its positions near {place} were intact.",
    "More than {big} people have been killed in the region since the war began, {src}.",
    "Witnesses described hearing explosions through the night as drones flew over {place}.",
]


def generate(words: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    reports, total, start = [], 0, dt.date(2024, 1, 1)
    while total < words:
        country = rng.choice(sorted(PLACES))
        sentences = []
        for _ in range(rng.randint(5, 9)):
            a1, a2 = rng.choice(ACTORS[country])
            sentence = rng.choice(TEMPLATES).format(
                a1=a1, a2=a2, place=rng.choice(PLACES[country]), day=rng.choice(DAYS),
                n=rng.choice(NUMBERS), src=rng.choice(MONITORS), big=rng.choice([300, 1200, 15000]))
            sentences.append(sentence[0].upper() + sentence[1:])
        text = "\n\n".join(sentences)
        total += len(text.split())
        published = start + dt.timedelta(days=len(reports) % 300)
        reports.append({"id": f"bench-{len(reports)}", "text": text, "title": "",
                        "published": published.isoformat(), "outlet": "Bench Wire"})
    return reports


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    import spacy

    from marsad.ingest import Defaults
    from marsad.pipeline import Pipeline
    from marsad.settings import load_settings
    from marsad.store import Store

    reports = generate(args.words, args.seed)
    words = sum(len(r["text"].split()) for r in reports)
    with tempfile.TemporaryDirectory(prefix="marsad-bench-") as folder:
        source = Path(folder) / "reports.jsonl"
        source.write_text("\n".join(json.dumps(r) for r in reports) + "\n", encoding="utf-8")
        db = str(Path(folder) / "bench.db")
        settings = load_settings({"db": db})
        pipeline = Pipeline.from_settings(settings, Store.open(db))
        pipeline.extractor.nlp("warm up the pipeline once")
        began = time.perf_counter()
        summary = pipeline.ingest([source], Defaults())
        marsad_seconds = time.perf_counter() - began
        pipeline.store.close()

    bare = spacy.load(settings.spacy_model)
    texts = [r["text"] for r in reports]
    began = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=settings.batch_size):
        pass
    spacy_seconds = time.perf_counter() - began

    marsad_rate, spacy_rate = words / marsad_seconds, words / spacy_seconds
    print(f"{len(reports)} reports, {words} words; {summary.claims} claims, {summary.tolls} tolls, "
          f"{summary.events} events; marsad {marsad_seconds:.1f} s, spaCy alone {spacy_seconds:.1f} s")
    print(f"marsad {marsad_rate:,.0f} words/s, spaCy alone {spacy_rate:,.0f} words/s, "
          f"ratio {marsad_rate / spacy_rate:.2f}, peak memory {peak_mb():,.0f} MB")


if __name__ == "__main__":
    main()
