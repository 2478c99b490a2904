"""`marsad batch` on Dask gives the events of a serial `marsad ingest` of the same files, byte
for byte, on SQLite and PostgreSQL; a batch that stopped half-way resumes without duplicates."""

from __future__ import annotations

import json

import pytest

from marsad.batch import Batch
from marsad.errors import InputError
from marsad.pipeline import Pipeline, open_geocoder
from marsad.publish import to_jsonl
from marsad.resolve import resolve_store
from marsad.settings import load_settings
from marsad.store import Store
from tests.helpers import skip_without_postgres, write
from tests.store.processes import database, reports, run

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
STRIKE = ("Government forces shelled the town of Maarat al-Numan in Idlib on Monday, killing "
          "{n} civilians, rescuers said.")


@pytest.fixture(scope="module")
def geocoder():
    return open_geocoder(load_settings({}))


@pytest.fixture(scope="module")
def client():
    """A local Dask cluster of two threads in this process (quick to start)."""
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster, Client(cluster) as dask:
        yield dask


def files(folder) -> list:
    """Two text reports and a JSON Lines file (several parts) that repeats one report with
    another title: the first one read wins, as in a serial ingest."""
    lines = [{"id": f"j{n}", "text": STRIKE.format(n=n + 2), "title": f"Strike {n}",
              "published": f"2024-03-{10 + n % 9:02d}", "outlet": "Wire"} for n in range(9)]
    lines.insert(5, {**lines[1], "title": "The same strike, told again"})
    return [*reports(folder), write(folder / "more.jsonl",
                                    "".join(json.dumps(line) + "\n" for line in lines))]


def export(store: Store) -> str:
    return to_jsonl(store.events(), lambda e: store.claims(e.claim_ids))


def serial(db: str, paths, extractor, geocoder) -> str:
    store = Store.open(db)
    Pipeline(store, extractor, geocoder).ingest(paths)
    found = export(store)
    store.close()
    return found


def batched(db: str, paths, client, batch_class=Batch, **options) -> tuple[str, int, int]:
    settings = load_settings({"db": db, "progress": "no"})
    store = Store.open(db)
    pipeline = Pipeline(store, None, None, resolver=lambda s: resolve_store(s, 1))
    summary = batch_class(pipeline, settings, client, **options).run(paths)
    found, count = export(store), store.count("reports")
    store.close()
    return found, count, summary.parts


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_batch_gives_the_events_of_a_serial_ingest(backend, tmp_path, client, extractor,
                                                     geocoder):
    if backend == "postgres":
        skip_without_postgres()
    paths = files(tmp_path)
    with database(backend, tmp_path, "serial") as db:
        expected = serial(db, paths, extractor, geocoder)
    assert expected.count("\n") >= 3
    with database(backend, tmp_path, "batch") as db:  # the JSON Lines file in four parts
        found, count, parts = batched(db, paths, client, part_reports=3)
    assert found == expected
    assert count == 11  # 2 texts + 9 strikes; the repeat stored once
    assert parts == 2 + 4


def test_a_bad_record_refuses_its_json_lines_file_whole_after_the_files_before_it(tmp_path,
                                                                                 client):
    """As in a serial ingest: the text file before it is stored and resolved, no report of
    the JSON Lines file is (its parts are never handed out), and the error names the line."""
    good = json.dumps({"text": STRIKE.format(n=3), "published": "2024-03-10"})
    paths = [reports(tmp_path)[0],
             write(tmp_path / "bad.jsonl", f"{good}\n{good.replace('3', '4')}\n{{oops\n")]
    with pytest.raises(InputError) as refused:
        batched(str(tmp_path / "batch.db"), paths, client, part_reports=1)
    assert refused.value.line == 3 and "bad.jsonl" in str(refused.value)
    store = Store.open(str(tmp_path / "batch.db"))
    assert store.count("reports") == 1 and store.count("events") >= 1


class Crash(Exception):
    pass


class CrashingBatch(Batch):
    """Stops (as a kill would) after its first file is written."""

    def _store(self, *args, **kwargs):
        super()._store(*args, **kwargs)
        raise Crash


def test_a_stopped_batch_resumes_without_duplicates(tmp_path, client, extractor, geocoder):
    paths = files(tmp_path)
    expected = serial(str(tmp_path / "serial.db"), paths, extractor, geocoder)
    db = str(tmp_path / "batch.db")
    with pytest.raises(Crash):
        batched(db, paths, client, CrashingBatch)
    assert Store.open(db).count("reports") == 1
    found, count, _ = batched(db, paths, client)
    assert found == expected and count == 11


@pytest.mark.model
def test_the_batch_command_on_a_local_cluster(tmp_path):
    paths = [str(p) for p in files(tmp_path)]
    ingested, batched_db = str(tmp_path / "ingest.db"), str(tmp_path / "batch.db")
    assert run(ingested, "ingest", *paths, cwd=tmp_path).returncode == 0
    result = run(batched_db, "batch", *paths, "--workers", "2", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Dask dashboard: http" in result.stderr and "on 2 Dask worker(s)" in result.stderr
    assert "11 new report(s)" in result.stdout
    exports = [run(db, "export", "--format", "csv", cwd=tmp_path).stdout
               for db in (ingested, batched_db)]
    assert exports[0] == exports[1] and exports[0].count("\n") > 3
