"""The job queue: work handed from the web app to workers, kept in the store's ``jobs`` table.

A job is queued, taken by one worker (``processing``), then ``done`` with a result or ``failed``
with the error in words. The queue survives restarts (it is a table), and processing is at
least once: a job whose worker stopped — killed, or its machine gone — is taken again, at once
when the worker ran on this machine and its process is gone, else when its lease runs out.
Work must therefore be idempotent (ingesting a report twice stores it once). A job that stopped
its worker :data:`MAX_ATTEMPTS` times fails, saying so, instead of stopping every worker.

    jobs = Jobs(store)
    job, new = jobs.put("ingest_reports", {"reports": [...]}, key=report.id, user="omar")
    job = jobs.take("worker-1")           # None when nothing waits
    jobs.finish(job.id, {"claims": 3})    # or jobs.fail(job.id, "why, in words")
    jobs.get(job.id).state                # JobState.DONE
"""

from __future__ import annotations

import datetime as dt
import os
import socket
from enum import Enum
from typing import Callable

import sqlalchemy as sa
from pydantic import JsonValue

from ..errors import NotFound
from ..records import Record
from . import schema

LEASE = dt.timedelta(minutes=15)  # a job taken longer ago than this, by a worker elsewhere, is free
MAX_ATTEMPTS = 3


class JobState(str, Enum):
    QUEUED = "queued"
    PROCESSING = "processing"
    DONE = "done"
    FAILED = "failed"


class Job(Record):
    id: str
    kind: str
    state: JobState
    user: str = ""
    payload: dict[str, JsonValue]
    result: dict[str, JsonValue] | None = None
    error: str = ""
    attempts: int = 0
    worker: str = ""
    created_at: dt.datetime
    started_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None

    @property
    def finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


def worker_name() -> str:
    """This process, as the queue names it: host and process id."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _gone(worker: str, host: str) -> bool:
    """The worker ran on this host and its process no longer exists."""
    name, _, pid = worker.rpartition(":")
    if name != host or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


class Jobs:
    """The queue on a store; ``clock`` and ``lease`` are passed in so tests control time."""

    def __init__(self, store, clock: Callable[[], dt.datetime] | None = None,
                 lease: dt.timedelta = LEASE):
        self.store = store
        self.clock = clock or _now
        self.lease = lease

    def put(self, kind: str, payload: dict, *, key: str, user: str = "") -> tuple[Job, bool]:
        """Queue a job named ``key``; the same key twice is one job (a failed one is queued
        again). Returns the job and whether it was queued now."""
        table = schema.jobs
        with self.store.transaction() as connection:
            row = connection.execute(sa.select(table).where(table.c.id == key)).first()
            if row is not None and row.state != JobState.FAILED.value:
                return _job(row), False
            values = dict(kind=kind, state=JobState.QUEUED.value, user_name=user,
                          payload=payload, result=None, error="", attempts=0, worker="",
                          created_at=self.clock(), started_at=None, finished_at=None)
            if row is None:
                connection.execute(table.insert().values(id=key, **values))
            else:
                connection.execute(table.update().where(table.c.id == key).values(**values))
        return self.get(key), True

    def take(self, worker: str) -> Job | None:
        """The oldest job waiting (or abandoned), now this worker's; None when there is none."""
        table = schema.jobs
        now = self.clock()
        with self.store.transaction() as connection:
            for row in connection.execute(sa.select(table).where(
                    table.c.state == JobState.PROCESSING.value)).all():
                if self._abandoned(row, now):
                    self._release(connection, row)
            row = connection.execute(
                sa.select(table).where(table.c.state == JobState.QUEUED.value)
                .order_by(table.c.created_at, table.c.id).limit(1)).first()
            if row is None:
                return None
            connection.execute(table.update().where(table.c.id == row.id).values(
                state=JobState.PROCESSING.value, worker=worker, started_at=now,
                attempts=row.attempts + 1))
        return self.get(row.id)

    def _abandoned(self, row, now: dt.datetime) -> bool:
        host = socket.gethostname()
        if row.started_at is None or _gone(row.worker, host):
            return True
        return now - row.started_at > self.lease

    def _release(self, connection, row) -> None:
        table = schema.jobs
        if row.attempts >= MAX_ATTEMPTS:
            connection.execute(table.update().where(table.c.id == row.id).values(
                state=JobState.FAILED.value, finished_at=self.clock(),
                error=f"the worker stopped {row.attempts} times while processing this job; "
                      "see the worker's log, then send it again"))
        else:
            connection.execute(table.update().where(table.c.id == row.id).values(
                state=JobState.QUEUED.value, worker=""))

    def finish(self, job_id: str, result: dict) -> None:
        self._end(job_id, JobState.DONE, result=result, error="")

    def fail(self, job_id: str, error: str) -> None:
        self._end(job_id, JobState.FAILED, result=None, error=error)

    def _end(self, job_id: str, state: JobState, **values) -> None:
        table = schema.jobs
        with self.store.transaction() as connection:
            connection.execute(table.update().where(table.c.id == job_id).values(
                state=state.value, finished_at=self.clock(), **values))

    def get(self, job_id: str) -> Job:
        table = schema.jobs
        with self.store.engine.connect() as connection:
            row = connection.execute(sa.select(table).where(table.c.id == job_id)).first()
        if row is None:
            raise NotFound(f"no job {job_id!r} in this database")
        return _job(row)

    def counts(self) -> dict[JobState, int]:
        table = schema.jobs
        query = sa.select(table.c.state, sa.func.count()).group_by(table.c.state)
        with self.store.engine.connect() as connection:
            found = dict(connection.execute(query).all())
        return {state: found.get(state.value, 0) for state in JobState}


def _job(row) -> Job:
    return Job(id=row.id, kind=row.kind, state=JobState(row.state), user=row.user_name,
               payload=row.payload, result=row.result, error=row.error, attempts=row.attempts,
               worker=row.worker, created_at=row.created_at, started_at=row.started_at,
               finished_at=row.finished_at)
