"""No crash loses work: `marsad ingest` killed (SIGKILL) at each phase, then run again, gives
the export of a run that was never interrupted, byte for byte, on SQLite and PostgreSQL."""

from __future__ import annotations

import signal

import pytest

from marsad.store.crash import POINTS, VARIABLE
from tests.helpers import skip_without_postgres

from .processes import database, reports, run

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def export(db: str, folder) -> str:
    result = run(db, "export", "--format", "jsonl", cwd=folder)
    assert result.returncode == 0, result.stderr
    return result.stdout


def uninterrupted(backend: str, folder, files: list[str]) -> str:
    """The export of an ingest nobody killed (made next to each comparison, so that both
    runs use the same code even while engineers edit the checkout)."""
    with database(backend, folder, "whole") as db:
        assert run(db, "ingest", *files, cwd=folder).returncode == 0
        expected = export(db, folder)
    assert expected.count("\n") >= 2  # two events at least: the test has something to lose
    return expected


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_kill_at_any_phase_then_a_rerun_loses_nothing(backend, tmp_path):
    if backend == "postgres":
        skip_without_postgres()
    files = [str(p) for p in reports(tmp_path)]
    for point in POINTS:
        with database(backend, tmp_path, point) as db:
            killed = run(db, "ingest", *files, cwd=tmp_path, **{VARIABLE: point})
            assert killed.returncode == -signal.SIGKILL, (point, killed.stderr)
            again = run(db, "ingest", *files, cwd=tmp_path)
            assert again.returncode == 0, again.stderr
            assert export(db, tmp_path) == uninterrupted(backend, tmp_path, files), point


@pytest.mark.parametrize("backend", BACKENDS)
def test_reprocess_finishes_what_a_killed_ingest_left(backend, tmp_path):
    if backend == "postgres":
        skip_without_postgres()
    files = [str(p) for p in reports(tmp_path)]
    with database(backend, tmp_path, "killed") as db:
        killed = run(db, "ingest", *files, cwd=tmp_path, **{VARIABLE: "resolving"})
        assert killed.returncode == -signal.SIGKILL
        assert export(db, tmp_path) == ""  # nothing resolved yet...
        assert run(db, "reprocess", cwd=tmp_path).returncode == 0
        assert export(db, tmp_path) == uninterrupted(backend, tmp_path, files)  # ...nor lost
