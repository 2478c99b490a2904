"""Two writers at once: `marsad ingest` runs started together on one new database (SQLite file
or PostgreSQL) all succeed, migrate it once, store each report once, and leave the events of
one serial ingest."""

from __future__ import annotations

import pytest

from marsad.store import Store
from tests.helpers import skip_without_postgres

from .processes import database, reports, run, start

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
WRITERS = 3


@pytest.mark.parametrize("backend", BACKENDS)
def test_ingests_at_once_wait_for_each_other_and_store_each_report_once(backend, tmp_path):
    if backend == "postgres":
        skip_without_postgres()
    files = [str(p) for p in reports(tmp_path)]
    with database(backend, tmp_path, "together") as db:
        # each writer ingests both files, in another order: they race on every report
        order = [files, files[::-1], files]
        writers = [start(db, "ingest", *order[n % len(order)], cwd=tmp_path)
                   for n in range(WRITERS)]
        outputs = [w.communicate(timeout=600) for w in writers]
        for writer, (out, err) in zip(writers, outputs):
            assert writer.returncode == 0, err
            assert "Traceback" not in err and "IntegrityError" not in err
        new = sum(int(out.split("new report(s)")[0].rsplit(" ", 2)[-2]) for out, _ in outputs)
        assert new == len(files)  # each report stored by exactly one of them
        together = run(db, "export", "--format", "jsonl", cwd=tmp_path).stdout
        store = Store.open(db)
        assert store.count("reports") == len(files) and store.unresolved() == []
        assert store.schema_versions() == Store.head_versions()
        store.close()
    with database(backend, tmp_path, "serial") as db:
        assert run(db, "ingest", *files, cwd=tmp_path).returncode == 0
        assert run(db, "export", "--format", "jsonl", cwd=tmp_path).stdout == together
