"""The worker: runs queued jobs (field reports sent through the web app) through the pipeline.

``marsad serve`` starts one in a thread; ``marsad worker`` runs more, in processes of their own,
against the same SQLite file or PostgreSQL database. Each worker first finishes any resolution
an interrupted run left, then takes jobs one at a time (:class:`marsad.store.queue.Jobs`).
Jobs are idempotent — a report sent twice, or processed twice after a crash, is stored once — so
at-least-once processing never duplicates anything.

Job kinds (:data:`HANDLERS`): ``ingest_reports`` — payload ``{"reports": [Report, ...]}``;
result, per the first report: ``{"report_id", "claims", "event_ids"}``.
"""

from __future__ import annotations

import logging
import threading
from typing import Callable

import sqlalchemy as sa

from .errors import MarsadError
from .records import Report
from .store import Store, schema
from .store.crash import crash_point
from .store.queue import Job, Jobs, worker_name

log = logging.getLogger(__name__)
POLL_SECONDS = 1.0
INGEST_REPORTS = "ingest_reports"


def report_outcome(store: Store, report_id: str) -> dict:
    """What became of a stored report: its claims and the events they are in."""
    with store.engine.connect() as connection:
        claim_ids = [row.id for row in connection.execute(
            sa.select(schema.claims.c.id).where(schema.claims.c.report_id == report_id))]
        events = store.event_ids_holding(connection, claim_ids)
    return {"report_id": report_id, "stored": store.has_report(report_id),
            "claims": len(claim_ids), "event_ids": events}


def ingest_reports(pipeline, job: Job) -> dict:
    reports = [Report.model_validate(r) for r in job.payload["reports"]]
    pipeline.ingest_reports(reports)
    return report_outcome(pipeline.store, reports[0].id) if reports else {}


HANDLERS: dict[str, Callable] = {INGEST_REPORTS: ingest_reports}


class Worker:
    """Takes jobs from the store's queue and runs them; the pipeline is made on first need
    (spaCy takes seconds to load), by ``pipeline_factory``."""

    def __init__(self, store: Store, pipeline_factory: Callable[[], object], *,
                 jobs: Jobs | None = None, name: str | None = None,
                 resolver: Callable[[Store], int] | None = None):
        self.store = store
        self.pipeline_factory = pipeline_factory
        self.jobs = jobs or Jobs(store)
        self.name = name or worker_name()
        self.resolver = resolver
        self._pipeline = None
        self._wake = threading.Event()

    def notify(self) -> None:
        """A job was queued: look now rather than at the next poll."""
        self._wake.set()

    def pipeline(self):
        if self._pipeline is None:
            self._pipeline = self.pipeline_factory()
        return self._pipeline

    def catch_up(self) -> int:
        """Build the events an interrupted run left unresolved; returns the events."""
        from .resolve import resolve_store

        return (self.resolver or resolve_store)(self.store)

    def run_once(self) -> Job | None:
        """Take one job and run it; None when none waits."""
        job = self.jobs.take(self.name)
        if job is None:
            return None
        crash_point("working")
        handler = HANDLERS.get(job.kind)
        try:
            if handler is None:
                raise MarsadError(f"no worker knows jobs of kind {job.kind!r}; upgrade marsad")
            result = handler(self.pipeline(), job)
        except MarsadError as exc:
            log.warning("job %s failed: %s", job.id, exc)
            self.jobs.fail(job.id, str(exc))
        except Exception as exc:  # noqa: BLE001 - the job fails, saying why; the worker lives on
            log.exception("job %s failed", job.id)
            self.jobs.fail(job.id, f"{type(exc).__name__}: {exc}")
        else:
            self.jobs.finish(job.id, result)
        return self.jobs.get(job.id)

    def drain(self) -> int:
        """Run jobs until none waits; returns how many ran."""
        done = 0
        while self.run_once() is not None:
            done += 1
        return done

    def run(self, stop: threading.Event, poll: float = POLL_SECONDS) -> None:
        """Catch up, then run jobs as they come until ``stop`` is set."""
        self.catch_up()
        while not stop.is_set():
            try:
                if self.run_once() is None:
                    self._wake.wait(poll)
                    self._wake.clear()
            except (MarsadError, sa.exc.OperationalError) as exc:  # the database is away
                log.error("worker %s: %s", self.name, exc)
                stop.wait(poll * 10)

    def start(self, poll: float = POLL_SECONDS) -> tuple[threading.Thread, threading.Event]:
        """Run in a background thread (what `marsad serve` does); set the event, then
        :meth:`notify`, to stop it."""
        stop = threading.Event()
        thread = threading.Thread(target=self.run, args=(stop, poll), name="marsad-worker",
                                  daemon=True)
        thread.start()
        return thread, stop
