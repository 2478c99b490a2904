"""A batch on Dask: reading, NLP, extraction and geocoding in parallel, then one writer.

``marsad batch PATH...`` cuts the work into parts: a file (read on the worker), or, for a JSON
Lines file of any size, runs of :data:`PART_REPORTS` reports that this process reads line by
line and hands out, so no process ever holds the file. Dask workers extract the parts in
parallel (:func:`extract_part`; each worker loads spaCy and the gazetteer once, through
:class:`ExtractionPlugin`). The client writes the results in the order a serial ``marsad
ingest`` would — a file in one transaction, a JSON Lines file a part at a time, a bad record
refusing its whole file before any of it is written — and resolves at the end: so its events,
and every export, are byte for byte those of a serial ingest of the same files. At most
:data:`AHEAD` parts per worker are out at once, so memory stays flat however long the input.
The scheduler is a :class:`distributed.LocalCluster` by default (one single-threaded worker
process per core), or any running one by address, so a Kubernetes or HPC cluster
(dask-kubernetes, dask-jobqueue) works unchanged, given workers that can reach the files and
the database.

After a crash a new batch resumes: the parts written are stored, workers skip reports the store
holds, and nothing is stored twice (report ids are content hashes).
"""

from __future__ import annotations

import logging
import os
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from distributed import WorkerPlugin

from .errors import InputError, MarsadError
from .ingest import Defaults, FileBatch, expand_paths, read_file, streamed
from .pipeline import (Extracted, IngestSummary, Pipeline, accepted, batched, check_lines,
                       extractor_from_settings, open_geocoder, reports_of)
from .records import Report
from .settings import Settings
from .store import Store

log = logging.getLogger(__name__)
PART_REPORTS = 100  # reports of a JSON Lines file per part
AHEAD = 4  # parts submitted per worker ahead of the one being written
PLUGIN = "marsad-extraction"


class BatchError(MarsadError):
    """The batch could not run (the scheduler cannot be reached, a worker failed)."""

    code = "M700"


@dataclass(frozen=True)
class Part:
    """A whole file, read by the worker (``reports`` empty); or ``reports``, part ``index`` of a
    JSON Lines file, read by the client."""

    path: str
    reports: tuple[Report, ...] = ()
    index: int = -1  # -1: the whole file

    @property
    def whole(self) -> bool:
        return self.index < 0


@dataclass(frozen=True)
class Checked:
    """A JSON Lines file's first pass: its bad records (one refuses the file, unless
    ``--skip-bad``), told to the writer in turn, before any of the file's parts."""

    path: str
    errors: tuple[InputError, ...]


@dataclass
class PartResult:
    part: Part
    extracted: list[Extracted] = field(default_factory=list)  # new reports, in file order
    seen: int = 0  # reports of the part the store held already
    errors: list[InputError] = field(default_factory=list)  # a whole file's


@dataclass
class BatchSummary(IngestSummary):
    dashboard: str = ""
    workers: int = 0
    parts: int = 0


class ExtractionPlugin(WorkerPlugin):
    """Gives each Dask worker one extraction pipeline (spaCy, gazetteer, a store to look up
    which reports are stored), made when the worker starts."""

    name = PLUGIN

    def __init__(self, settings: dict, db: str):
        self.settings, self.db = settings, db
        self.pipeline: Pipeline | None = None

    def setup(self, worker=None) -> None:
        settings = Settings(self.settings)
        store = Store.open(self.db, migrate=False)
        self.pipeline = Pipeline(store, extractor_from_settings(settings), open_geocoder(settings))

    def teardown(self, worker=None) -> None:
        if self.pipeline is not None:
            self.pipeline.store.close()


def extract_part(part: Part, defaults: Defaults, pipeline: Pipeline | None = None) -> PartResult:
    """Read (a whole file) and extract one part (on a Dask worker, with its pipeline)."""
    if pipeline is None:
        from distributed import get_worker

        pipeline = get_worker().plugins[PLUGIN].pipeline
    errors: list[InputError] = []
    reports = list(part.reports)
    if part.whole:
        batch = read_file(Path(part.path), defaults)
        reports, errors = batch.reports, batch.errors
    extracted = pipeline.extract_new(reports)
    return PartResult(part, extracted, len(reports) - len(extracted), errors)


@contextmanager
def dask_client(scheduler: str | None, workers: int | None) -> Iterator[object]:
    """A client of the scheduler at ``scheduler``, or of a new local cluster."""
    import dask
    from distributed import Client, LocalCluster

    # Dask says what it does at INFO; marsad shows only its warnings and errors
    logging.getLogger("distributed").setLevel(
        max(logging.WARNING, logging.getLogger().getEffectiveLevel()))
    if scheduler:
        try:
            client = Client(scheduler, timeout="20s")
        except OSError as exc:
            raise BatchError(f"cannot reach the Dask scheduler at {scheduler}: {exc}; start it "
                             "(dask scheduler) or leave out --scheduler for a local cluster") \
                from None
        with client:
            yield client
        return
    count = workers or os.cpu_count() or 1
    # (Dask's statistical profiler walks every worker's stack a hundred times a second: over
    # spaCy's deep stacks that cost a tenth of the extraction, measured with one worker;
    # DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED set by the user still wins)
    profile = "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED" in os.environ and \
        dask.config.get("distributed.worker.profile.enabled")
    with dask.config.set({"distributed.worker.profile.enabled": profile}), \
            LocalCluster(n_workers=count, threads_per_worker=1, processes=True,
                         dashboard_address=":0", silence_logs=logging.ERROR) as cluster, \
            Client(cluster) as client:
        yield client


class Batch:
    """Runs parts on a Dask client and writes their results in order through ``pipeline``
    (the client's: its store is the one written)."""

    def __init__(self, pipeline: Pipeline, settings: Settings, client, *,
                 defaults: Defaults = Defaults(), skip_bad: bool = False,
                 progress: Callable[[int, int, str], None] | None = None,
                 part_reports: int = PART_REPORTS):
        self.pipeline, self.settings, self.client = pipeline, settings, client
        self.defaults, self.skip_bad, self.progress = defaults, skip_bad, progress
        self.part_reports = part_reports
        self.written = 0  # parts written

    def run(self, paths: Iterable[Path]) -> BatchSummary:
        summary = BatchSummary(dashboard=getattr(self.client, "dashboard_link", "") or "")
        files = expand_paths(list(paths))
        summary.workers = len(self.client.scheduler_info().get("workers", {})) or 1
        self.client.register_plugin(ExtractionPlugin(self.settings.as_dict(),
                                                     str(self.settings.db)))
        try:
            self._write_in_order(self._work(files), summary)
        except InputError:
            self.pipeline.resolver(self.pipeline.store)  # what was stored still needs events
            raise
        summary.events = self.pipeline.resolver(self.pipeline.store)
        return summary

    def _work(self, files: list[Path]) -> Iterator[Part | Checked]:
        """The parts, in the order they are written, made as they are asked for: a JSON
        Lines file is read (twice, line by line) only when its turn comes."""
        for path in files:
            if not streamed(path):
                yield Part(str(path))
                continue
            errors, _ = check_lines(path, self.defaults, self.skip_bad)
            yield Checked(str(path), tuple(errors))
            if errors and not self.skip_bad:
                return  # the writer refuses the file, and stops there
            chunks = batched(reports_of(path, self.defaults, self.skip_bad), self.part_reports)
            for index, chunk in enumerate(chunks):
                yield Part(str(path), tuple(chunk), index)

    def _write_in_order(self, work: Iterator[Part | Checked], summary: BatchSummary) -> None:
        pending: deque = deque()
        ahead = AHEAD * max(1, summary.workers)
        while True:
            while len(pending) < ahead and (item := next(work, None)) is not None:
                if isinstance(item, Part):
                    summary.parts += 1
                    item = self.client.submit(extract_part, item, self.defaults, pure=False,
                                              key=_key(item, summary.parts))
                pending.append(item)
            if not pending:
                return
            head = pending.popleft()
            try:
                self._write(head, summary)
            except BaseException:
                for other in pending:
                    if not isinstance(other, Checked):
                        other.cancel()
                raise

    def _write(self, item, summary: BatchSummary) -> None:
        if isinstance(item, Checked):
            accepted(FileBatch(Path(item.path), errors=list(item.errors)), self.skip_bad,
                     summary)
            return
        try:
            result = item.result()
        except MarsadError:
            raise
        except Exception as exc:  # noqa: BLE001 - a worker's failure, said in words
            raise BatchError(f"a Dask worker failed on {item.key}: "
                             f"{type(exc).__name__}: {exc}") from None
        if result.part.whole:  # a file stands or falls whole, as in a serial ingest
            accepted(FileBatch(Path(result.part.path), errors=result.errors), self.skip_bad,
                     summary)
        summary.reports_seen += result.seen
        if result.extracted:
            self._store(result.extracted, summary)
        self.written += 1
        if self.progress:
            self.progress(self.written, summary.parts, result.part.path)

    def _store(self, extracted: list[Extracted], summary: BatchSummary) -> None:
        """Store rows made on the workers, as a serial ingest stores its own."""
        self.pipeline.store_rows(extracted, summary)


def _key(part: Part, number: int) -> str:
    from .records import content_id

    return f"marsad-extract-{content_id(part.path, part.index, number, os.getpid())}"


def run_batch(paths: Iterable[Path], settings: Settings, store: Store, *,
              scheduler: str | None = None, workers: int | None = None,
              defaults: Defaults = Defaults(), skip_bad: bool = False,
              progress: Callable[[int, int, str], None] | None = None,
              started: Callable[[str], None] | None = None) -> BatchSummary:
    """Ingest files on Dask; the store is migrated and written by this process only."""
    from .resolve import resolve_store

    window = int(settings.merge_window_days)
    pipeline = Pipeline(store, extractor=None, geocoder=None,
                        resolver=lambda s: resolve_store(s, window))
    with dask_client(scheduler, workers) as client:
        if started:
            started(getattr(client, "dashboard_link", "") or "")
        return Batch(pipeline, settings, client, defaults=defaults, skip_bad=skip_bad,
                     progress=progress).run(paths)
