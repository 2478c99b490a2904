"""A batch on Dask: reading, NLP, extraction and geocoding in parallel, then one writer.

``marsad batch PATH...`` splits the files into parts (a file larger than :data:`PART_BYTES` in
several), and Dask workers read and extract the parts in parallel (:func:`extract_part`; each
worker loads spaCy and the gazetteer once, through :class:`ExtractionPlugin`). The client
writes the results file by file, in the order a serial ``marsad ingest`` would, one transaction
per file, and resolves at the end — so its events, and every export, are byte for byte those of
a serial ingest of the same files. The scheduler is a :class:`distributed.LocalCluster` by
default (one single-threaded worker process per core), or any running one by address, so a
Kubernetes or HPC cluster (dask-kubernetes, dask-jobqueue) works unchanged, given workers that
can reach the files and the database.

After a crash a new batch resumes: the files written are stored, workers skip reports the store
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
from .ingest import Defaults, FileBatch, expand_paths, read_file
from .pipeline import (Extracted, IngestSummary, Pipeline, accepted,
                       extractor_from_settings, open_geocoder)
from .settings import Settings
from .store import Store

log = logging.getLogger(__name__)
PART_BYTES = 256 * 1024  # a file larger than this is extracted in several parts
MAX_PARTS = 64  # parts of one file at most
AHEAD = 4  # parts submitted per worker ahead of the one being written
PLUGIN = "marsad-extraction"


class BatchError(MarsadError):
    """The batch could not run (the scheduler cannot be reached, a worker failed)."""

    code = "M700"


@dataclass(frozen=True)
class Part:
    """Reports ``index`` of ``parts`` of one file (contiguous, in the file's order)."""

    path: str
    index: int = 0
    parts: int = 1


@dataclass
class PartResult:
    part: Part
    extracted: list[Extracted] = field(default_factory=list)  # new reports, in file order
    seen: int = 0  # reports of the part the store held already
    errors: list[InputError] = field(default_factory=list)  # the file's (first part only)


@dataclass
class BatchSummary(IngestSummary):
    dashboard: str = ""
    workers: int = 0
    parts: int = 0


def parts_of(path: Path) -> list[Part]:
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    count = max(1, min(MAX_PARTS, -(-size // PART_BYTES)))
    return [Part(str(path), index, count) for index in range(count)]


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


def read_part(part: Part, defaults: Defaults) -> FileBatch:
    """The part's reports (and, for its first part, the file's errors)."""
    batch = read_file(Path(part.path), defaults)
    total = len(batch.reports)
    start, end = total * part.index // part.parts, total * (part.index + 1) // part.parts
    return FileBatch(batch.path, batch.reports[start:end],
                     batch.errors if part.index == 0 else [])


def extract_part(part: Part, defaults: Defaults, pipeline: Pipeline | None = None) -> PartResult:
    """Read and extract one part (on a Dask worker, with that worker's pipeline)."""
    if pipeline is None:
        from distributed import get_worker

        pipeline = get_worker().plugins[PLUGIN].pipeline
    batch = read_part(part, defaults)
    extracted = pipeline.extract_new(batch.reports)
    return PartResult(part, extracted, len(batch.reports) - len(extracted), batch.errors)


@contextmanager
def dask_client(scheduler: str | None, workers: int | None) -> Iterator[object]:
    """A client of the scheduler at ``scheduler``, or of a new local cluster."""
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
    with LocalCluster(n_workers=count, threads_per_worker=1, processes=True,
                      dashboard_address=":0", silence_logs=logging.ERROR) as cluster, \
            Client(cluster) as client:
        yield client


class Batch:
    """Runs parts on a Dask client and writes their results in order through ``pipeline``
    (the client's: its store is the one written)."""

    def __init__(self, pipeline: Pipeline, settings: Settings, client, *,
                 defaults: Defaults = Defaults(), skip_bad: bool = False,
                 progress: Callable[[int, int, str], None] | None = None):
        self.pipeline, self.settings, self.client = pipeline, settings, client
        self.defaults, self.skip_bad, self.progress = defaults, skip_bad, progress

    def run(self, paths: Iterable[Path]) -> BatchSummary:
        summary = BatchSummary(dashboard=getattr(self.client, "dashboard_link", "") or "")
        files = expand_paths(list(paths))
        parts = [part for path in files for part in parts_of(path)]
        summary.parts = len(parts)
        summary.workers = len(self.client.scheduler_info().get("workers", {})) or 1
        self.client.register_plugin(ExtractionPlugin(self.settings.as_dict(),
                                                     str(self.settings.db)))
        try:
            self._write_in_order(parts, summary)
        except InputError:
            self.pipeline.resolver(self.pipeline.store)  # what was stored still needs events
            raise
        summary.events = self.pipeline.resolver(self.pipeline.store)
        return summary

    def _write_in_order(self, parts: list[Part], summary: BatchSummary) -> None:
        pending: deque = deque()
        queue = deque(parts)
        ahead = AHEAD * max(1, summary.workers)
        done = 0
        file_results: list[PartResult] = []
        while queue or pending:
            while queue and len(pending) < ahead:
                part = queue.popleft()
                pending.append(self.client.submit(extract_part, part, self.defaults,
                                                  pure=False, key=_key(part)))
            future = pending.popleft()
            try:
                result = future.result()
            except MarsadError:
                raise
            except Exception as exc:  # noqa: BLE001 - a worker's failure, said in words
                for other in pending:
                    other.cancel()
                raise BatchError(f"a Dask worker failed on {future.key}: "
                                 f"{type(exc).__name__}: {exc}") from None
            file_results.append(result)
            done += 1
            if self.progress:
                self.progress(done, len(parts), result.part.path)
            if result.part.index == result.part.parts - 1:
                try:
                    self._write_file(file_results, summary)
                except InputError:
                    for other in pending:
                        other.cancel()
                    raise
                file_results = []

    def _write_file(self, results: list[PartResult], summary: BatchSummary) -> None:
        """One file's parts, in one transaction, as a serial ingest stores them."""
        first = results[0]
        accepted(FileBatch(Path(first.part.path), errors=first.errors), self.skip_bad, summary)
        summary.reports_seen += sum(result.seen for result in results)
        extracted = [e for result in results for e in result.extracted]
        if extracted:
            self._store(extracted, summary)

    def _store(self, extracted: list[Extracted], summary: BatchSummary) -> None:
        """Store rows made on the workers, as a serial ingest stores its own."""
        self.pipeline.store_rows(extracted, summary)


def _key(part: Part) -> str:
    from .records import content_id

    return f"marsad-extract-{content_id(part.path, part.index, part.parts, os.getpid())}"


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
