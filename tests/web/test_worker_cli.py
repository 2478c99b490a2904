"""`marsad worker` and the worker inside `marsad serve`, as processes a user starts."""

from __future__ import annotations

import datetime as dt
import signal
import socket
import time

import httpx
import pytest

from marsad.ingest import Defaults
from marsad.ingest.readers import build_report
from marsad.store import Store
from marsad.store.queue import Jobs, JobState
from marsad.web import Accounts
from marsad.worker import INGEST_REPORTS
from tests.helpers import skip_without_postgres
from tests.store.processes import database, run, start

from .conftest import FIELD_TEXT

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def _queue_a_report(db: str) -> str:
    report = build_report(FIELD_TEXT, Defaults(kind="field"), title="Field report",
                          published=dt.date(2024, 3, 11), kind="field")
    store = Store.open(db)
    Jobs(store).put(INGEST_REPORTS, {"reports": [report.model_dump(mode="json")]},
                    key=report.id, user="omar")
    store.close()
    return report.id


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_killed_worker_leaves_its_job_to_the_next(backend, tmp_path):
    if backend == "postgres":
        skip_without_postgres()
    with database(backend, tmp_path, "queue") as db:
        report_id = _queue_a_report(db)
        killed = run(db, "worker", "--once", cwd=tmp_path, MARSAD_CRASH_AT="working")
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        store = Store.open(db)
        assert Jobs(store).get(report_id).state is JobState.PROCESSING
        assert not store.has_report(report_id)
        again = run(db, "worker", "--once", cwd=tmp_path)
        assert again.returncode == 0, again.stderr
        assert "1 job(s) run" in again.stdout and "1 done" in again.stdout
        job = Jobs(store).get(report_id)
        assert job.state is JobState.DONE and job.attempts == 2 and job.result["event_ids"]
        assert store.has_report(report_id)
        store.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_runs_a_worker_that_processes_field_reports(tmp_path):
    db = str(tmp_path / "served.db")
    store = Store.open(db)
    accounts = Accounts(store)
    accounts.add_user("omar", "contact", "a long passphrase")
    token = accounts.create_token("omar", "tests")
    store.close()
    port = _free_port()
    server = start(db, "serve", "--port", str(port), cwd=tmp_path,
                   MARSAD_UPLOAD_DIR=str(tmp_path / "uploads"))
    try:
        base = f"http://127.0.0.1:{port}"
        client = httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"})
        for _ in range(200):
            try:
                client.get("/api/events")
                break
            except httpx.TransportError:
                time.sleep(0.2)
        sent = client.post("/api/reports", data={"text": FIELD_TEXT, "date": "2024-03-11"})
        assert sent.status_code == 202, sent.text
        deadline = time.monotonic() + 240
        state = sent.json()["state"]
        while state in ("queued", "processing") and time.monotonic() < deadline:
            time.sleep(0.5)
            state = client.get(sent.headers["location"]).json()["state"]
        status = client.get(sent.headers["location"]).json()
        assert status["state"] == "done", status
        assert status["event_ids"]
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
