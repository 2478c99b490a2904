"""Issue 17.8: a large JSON Lines file is read line by line and stored in transactions of a few
reports, so a run stopped half-way keeps what it committed and the next run finishes it without
storing anything twice. (Memory and speed: benchmarks/big_ingest.py, never a timed test.)"""

from __future__ import annotations

import pytest

from marsad.errors import InputError
from marsad.ingest import Defaults, read_file
from marsad.pipeline import Pipeline
from marsad.store import Store
from tests.helpers import FIXED_NOW, dump_tables, jsonl, write

STRIKE = ("Gunmen attacked a checkpoint near Hajin on 3 March 2024, killing {n} people, "
          "residents said.")


def lines(count: int = 10) -> list[dict]:
    """``count`` reports; the fifth repeats the second (another title: the first one wins)."""
    found = [{"text": STRIKE.format(n=n + 2), "title": f"Strike {n}", "published": "2024-03-04"}
             for n in range(count)]
    found.insert(4, {**found[1], "title": "The same strike, told again"})
    return found


def pipeline(folder, blank_extractor, name: str, every: int = 3) -> Pipeline:
    return Pipeline(Store.open(str(folder / name)), blank_extractor, clock=lambda: FIXED_NOW,
                    commit_every=every)


class Stop(Exception):
    """Stands in for a kill."""


def test_a_stopped_ingest_keeps_its_batches_and_a_rerun_finishes_it(tmp_path, blank_extractor):
    path = write(tmp_path / "big.jsonl", jsonl(*lines()))
    whole = pipeline(tmp_path, blank_extractor, "whole.db", every=1000)
    assert whole.ingest([path]).reports_new == 10

    stopped = pipeline(tmp_path, blank_extractor, "stopped.db")
    progress = []

    def stop_after_two(done: int, total: int, _path) -> None:
        progress.append((done, total))
        if len(progress) == 2:
            raise Stop

    with pytest.raises(Stop):
        stopped.ingest([path], stored=stop_after_two)
    assert progress == [(3, 11), (6, 11)]
    assert stopped.store.count("reports") == 5  # two batches of three lines, one a repeat

    progress.clear()
    again = pipeline(tmp_path, blank_extractor, "stopped.db").ingest(
        [path], stored=lambda done, total, _: progress.append((done, total)))
    assert progress == [(3, 11), (6, 11), (9, 11), (11, 11)]
    assert (again.reports_new, again.reports_seen) == (5, 6)
    assert dump_tables(stopped.store) == dump_tables(whole.store)


def test_a_bad_line_after_many_batches_still_refuses_the_whole_file(tmp_path, blank_extractor):
    path = write(tmp_path / "big.jsonl", jsonl(*lines()) + "not json\n")
    refused = pipeline(tmp_path, blank_extractor, "refused.db")
    with pytest.raises(InputError, match=r"big.jsonl:12: .*The whole file was refused"):
        refused.ingest([path])
    assert refused.store.count("reports") == 0

    skipping = pipeline(tmp_path, blank_extractor, "skipping.db")
    summary = skipping.ingest([path], skip_bad=True)
    assert summary.reports_new == 10 and len(summary.skipped) == 1


def test_a_jsonl_file_may_be_larger_than_the_cap_but_no_line_may(tmp_path):
    path = write(tmp_path / "big.jsonl", jsonl(*lines()))
    sizes = [len(line) for line in path.read_text().split("\n")]  # without the line end
    cap = max(sizes)
    assert path.stat().st_size > cap
    assert len(read_file(path, Defaults(max_bytes=cap)).reports) == 11

    (error,) = read_file(path, Defaults(max_bytes=cap - 1)).errors
    assert "longer than" in error.message
    assert error.where.endswith(f":{sizes.index(cap) + 1}")
