"""Seconds per 100 KB of extraction for one report of 10 KB, 100 KB and 1 MB.

Extraction should grow linearly with a report's length. The report is the bundled examples
repeated (written for the project). Run on demand:

    .venv/bin/python benchmarks/long_reports.py [--sizes 10000 100000 1000000]

The last line reads `long reports: ... ratio R`, R = seconds per 100 KB at the largest size over
that at the smallest (1 is linear).
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    args = parser.parse_args()
    from marsad.extract import Extractor
    from marsad.ingest import Defaults
    from marsad.ingest.readers import build_report
    from marsad.knowledge import load_knowledge
    from marsad.nlp import load_pipeline

    extractor = Extractor(load_pipeline(), load_knowledge())
    texts = [p.read_text(encoding="utf-8").split("\n", 1)[1]
             for p in sorted((ROOT / "examples" / "reports").glob("*.txt"))]
    base = "\n\n".join(texts)
    per_100k = []
    for size in args.sizes:
        text = (base * (size // len(base) + 1))[:size]
        report = build_report(text, Defaults(), published=dt.date(2024, 1, 1))
        started = time.perf_counter()
        extraction = extractor.extract(report)
        seconds = time.perf_counter() - started
        per_100k.append(seconds / size * 100_000)
        print(f"{size:>9,} chars  {seconds:7.2f} s  {per_100k[-1]:6.2f} s per 100 KB  "
              f"{len(extraction.claims)} claims", flush=True)
    print(f"long reports: {' '.join(f'{s:.2f}' for s in per_100k)} s per 100 KB; "
          f"ratio {per_100k[-1] / per_100k[0]:.2f}")


if __name__ == "__main__":
    main()
