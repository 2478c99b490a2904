"""Wires the stages together: ingest -> nlp/extract -> geocode -> store -> resolve.

The only module that knows every stage. Outside things (the store, the NLP pipeline, the
geocoder, the clock) are passed in, so tests give small real ones.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path
from itertools import islice
from typing import Callable, Iterable, Iterator, Protocol, Sequence

from .errors import InputError
from .extract import Extractor
from .ingest import Defaults, FileBatch, expand_paths, items, read_file, streamed
from .knowledge import load_knowledge
from .records import Claim, Control, Extraction, Geocode, PlaceQuery, Report, Toll
from .settings import Settings
from .store import ReportRows, Store, rows_of
from .store.crash import crash_point

log = logging.getLogger(__name__)
COMMIT_EVERY = 1000  # reports of a JSON Lines file stored per transaction
RESOLVE_EVERY = 20_000  # claims stored, in one JSON Lines file, between two resolutions


class Geocoder(Protocol):
    def geocode_report(self, queries: Sequence[PlaceQuery]) -> list[Geocode]: ...


@dataclass
class IngestSummary:
    files: int = 0
    reports_new: int = 0
    reports_seen: int = 0
    claims: int = 0
    tolls: int = 0
    controls: int = 0
    events: int = 0
    skipped: list[InputError] = field(default_factory=list)
    refused: list[InputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def detect_language(text: str) -> str:
    import py3langid

    language, _ = py3langid.classify(text[:2000])
    return language


class Pipeline:
    """Runs reports through every stage into a store."""

    def __init__(self, store: Store, extractor: Extractor, geocoder: Geocoder | None = None,
                 clock: Callable[[], dt.datetime] | None = None,
                 resolver: Callable[[Store], int] | None = None, *,
                 commit_every: int = COMMIT_EVERY, resolve_every: int = RESOLVE_EVERY):
        self.store = store
        self.extractor = extractor
        self.geocoder = geocoder
        self.clock = clock or (lambda: dt.datetime.now(dt.timezone.utc).replace(tzinfo=None))
        self.resolver = resolver or resolve_store
        self.commit_every, self.resolve_every = commit_every, resolve_every

    @classmethod
    def from_settings(cls, settings: Settings, store: Store | None = None) -> "Pipeline":
        return cls(store or Store.open(settings.db), extractor_from_settings(settings),
                   open_geocoder(settings),
                   resolver=lambda s: resolve_store(s, settings.merge_window_days))

    # -- ingest -------------------------------------------------------------------------------

    def ingest(self, paths: Iterable[Path], defaults: Defaults = Defaults(), *,
               skip_bad: bool = False, progress: Callable[[int, int, Path], None] | None = None,
               resolve: bool = True,
               stored: Callable[[int, int, Path], None] | None = None) -> IngestSummary:
        """Read files, extract and store new reports, then build the events of every claim
        not resolved yet (this run's, and any an interrupted run left).

        A file is stored in one transaction, or, for JSON Lines, in transactions of
        ``commit_every`` reports, read line by line (a file of any size in bounded memory):
        a run stopped half-way keeps what it committed, and the next one goes on from there
        (stored reports are skipped). ``progress(index, files, path)`` is called as each file
        begins, ``stored(done, reports, path)`` as each transaction of a JSON Lines file ends."""
        summary = IngestSummary()
        files = expand_paths(list(paths))
        try:
            for index, path in enumerate(files, start=1):
                if progress:
                    progress(index, len(files), path)
                if streamed(path):
                    self._ingest_lines(path, defaults, skip_bad, summary, stored,
                                       resolve=resolve)
                else:
                    self._ingest_file(path, defaults, skip_bad, summary)
        except InputError:
            # files before the refused one are stored: their claims still need their events
            if resolve:
                self.resolver(self.store)
            raise
        if resolve:
            summary.events = self.resolver(self.store)
        return summary

    def ingest_reports(self, reports: Sequence[Report], *, resolve: bool = True) -> IngestSummary:
        """Store reports made in code (a field report from the app, a gold headline) in one
        transaction, then resolve."""
        summary = IngestSummary()
        self._store_new(list(reports), summary)
        if resolve:
            summary.events = self.resolver(self.store)
        return summary

    def _store_new(self, reports: list[Report], summary: IngestSummary) -> None:
        """Extract the reports not stored yet, then store them in one short transaction.
        Extraction holds no lock; inside the transaction each report is looked up again, so
        a report another writer stored meanwhile is skipped, never stored twice."""
        new = self.extract_new(reports)
        summary.reports_seen += len(reports) - len(new)
        if new:
            self.store_rows(new, summary)

    def extract_new(self, reports: Sequence[Report]) -> list["Extracted"]:
        """The reports not stored yet (each once), extracted, on the map and turned into the
        rows the store writes: what a serial ingest and a ``marsad batch`` worker both do."""
        new = self._new_reports(list(reports))
        return [Extracted.of(report, extraction)
                for report, extraction in zip(new, self.extract(new))]

    def extract(self, reports: Sequence[Report]) -> list[Extraction]:
        """Claims, tolls and controls of each report, on the map (no store needed)."""
        return [self.geocode(e) for e in self.extractor.extract_many(list(reports), self.ground)]

    def store_rows(self, extracted: Sequence["Extracted"], summary: IngestSummary) -> None:
        """Store extracted reports in one transaction, skipping any stored meanwhile (by
        another writer, or earlier in the same run) and any repeat in ``extracted``."""
        with self.store.transaction() as connection:
            stored = self.store.stored_ids(connection, [i.rows.report_id for i in extracted])
            fresh = []
            for item in extracted:  # two parts of one file may both hold a report: first wins
                if item.rows.report_id not in stored:
                    stored.add(item.rows.report_id)
                    fresh.append(item)
            self.store.add_many(connection, [item.rows for item in fresh])
        summary.reports_seen += len(extracted) - len(fresh)
        for item in fresh:
            summary.reports_new += 1
            summary.claims += item.claims
            summary.tolls += item.tolls
            summary.controls += item.controls
            summary.warnings += list(item.warnings)
        crash_point("stored")

    def _ingest_file(self, path: Path, defaults: Defaults, skip_bad: bool,
                     summary: IngestSummary) -> None:
        self._store_new(accepted(read_file(path, defaults), skip_bad, summary), summary)

    def _ingest_lines(self, path: Path, defaults: Defaults, skip_bad: bool,
                      summary: IngestSummary, stored: Callable[[int, int, Path], None] | None,
                      *, resolve: bool) -> None:
        """A JSON Lines file in two passes, neither holding the file: the first finds its bad
        records (one refuses the whole file, as for any file, unless ``skip_bad``) and counts
        its reports; the second stores them ``commit_every`` at a time, resolving every
        ``resolve_every`` claims (so the claims waiting for their events stay few)."""
        errors, total = check_lines(path, defaults, skip_bad)
        accepted(FileBatch(path, errors=errors), skip_bad, summary)
        done, waiting = 0, summary.claims
        for chunk in batched(reports_of(path, defaults, skip_bad), self.commit_every):
            self._store_new(chunk, summary)
            done += len(chunk)
            if stored:
                stored(done, total, path)
            if resolve and summary.claims - waiting >= self.resolve_every:
                self.resolver(self.store)
                waiting = summary.claims

    def _new_reports(self, reports: list[Report]) -> list[Report]:
        """Reports not yet stored (and each only once, if a file repeats one)."""
        with self.store.engine.connect() as connection:
            stored = self.store.stored_ids(connection, [r.id for r in reports])
        fresh = new_reports(reports, stored.__contains__)
        return [self.prepared(r) for r in fresh]

    def prepared(self, report: Report) -> Report:
        """A report as it is stored: its language found, the time it was ingested."""
        return report.model_copy(update={
            "language": report.language or detect_language(report.text),
            "ingested_at": self.clock()})

    # -- geocode ------------------------------------------------------------------------------

    @property
    def ground(self) -> Callable[[Iterable[str]], str] | None:
        """The country a report's place names lie in (the geocoder's reading), for extraction."""
        return self.geocoder.ground_country if self.geocoder is not None else None

    def geocode(self, extraction: Extraction) -> Extraction:
        """Put every claim, toll and control of a report on the map, resolving them together."""
        if self.geocoder is None:
            return extraction
        items: list[Claim | Toll | Control] = [*extraction.claims, *extraction.tolls,
                                               *extraction.controls]
        located = [i for i in items if i.place is not None]
        if not located:
            return extraction
        queries = [i.place for i in located]
        geocodes = self._with_fallbacks(queries, self.geocoder.geocode_report(queries))
        by_id = {i.id: g for i, g in zip(located, geocodes)}

        def place(records):
            return tuple(r.model_copy(update={"geocode": by_id.get(r.id)}) for r in records)

        return extraction.model_copy(update={"claims": place(extraction.claims),
                                             "tolls": place(extraction.tolls),
                                             "controls": place(extraction.controls)})

    def _with_fallbacks(self, queries: list[PlaceQuery], geocodes: list[Geocode]) -> list[Geocode]:
        """A mention that cannot be placed is coded at the place the report is about, at
        precision 2 and saying so: never a wrong point, never silently. So is one that names
        only a country when the report is about a place inside it: never a country's centroid
        when the text names a finer place."""
        result = list(geocodes)
        for index, (query, found) in enumerate(zip(queries, geocodes)):
            if found.place is not None and found.place.kind != "country":
                continue
            better = self._fallback(query, found, queries)
            if better is not None:
                result[index] = better
        return result

    def _fallback(self, query: PlaceQuery, coarse: Geocode,
                  context: list[PlaceQuery]) -> Geocode | None:
        """The first of the query's fallbacks that has a point finer than a country (and in
        the country of `coarse`, where that named one), a sure one before a guess: a hamlet
        that may be a namesake of the one meant ("Sabon Gari": there are dozens) yields to the
        next fallback that is a town, a province or confirmed by the text."""
        guess = None
        for name in dict.fromkeys(n for n in (query.fallback, *query.fallbacks) if n):
            found = self.geocoder.geocode(PlaceQuery(mention=name, country=query.country,
                                                     countries=query.countries), context)
            # (never a country's centroid when the report names a finer place; always in
            # the country named, a country alone included: "northern Iraq" in a story from
            # Ankara is not at Ankara)
            if found.place is None or found.place.kind == "country" or (
                    coarse.place is not None and found.place.country != coarse.place.country):
                continue
            if _sure(found):
                return self._fallen_back(query, coarse, found, name)
            guess = guess or (found, name)
        return self._fallen_back(query, coarse, *guess) if guess else None

    @staticmethod
    def _fallen_back(query: PlaceQuery, coarse: Geocode, found: Geocode, name: str) -> Geocode:
        """`query` coded at the place its fallback `name` was found at, saying so."""
        why = "names only a country" if coarse.place else "is not in the gazetteer"
        whose = "the place the report is about" if name == query.fallback else "named with it"
        return found.model_copy(update={
            "mention": query.mention, "area": coarse.place is not None,
            "geo_precision": max(2, found.geo_precision), "where_prec": max(2, found.where_prec),
            "note": f"{query.mention!r} {why}; coded at {found.place.name}, {whose}"})

    # -- re-run -------------------------------------------------------------------------------

    def reprocess(self) -> IngestSummary:
        """Extract every stored report again (after a rules or data change) and resolve."""
        summary = IngestSummary()
        reports = self.store.reports()
        with self.store.transaction() as connection:
            for report, extraction in zip(reports, self.extractor.extract_many(reports, self.ground)):
                extraction = self.geocode(extraction)
                self.store.replace_extraction(connection, extraction, "; ".join(extraction.notes))
                summary.claims += len(extraction.claims)
                summary.tolls += len(extraction.tolls)
                summary.controls += len(extraction.controls)
        summary.reports_seen = len(reports)
        summary.events = self.resolver(self.store)
        return summary


def _sure(found: Geocode) -> bool:
    """A point the text confirms, or a place too large to be a namesake of the one meant."""
    place = found.place
    return found.geo_precision == 1 or place.kind in ("admin1", "admin2") or \
        place.population >= 1000


@dataclass(frozen=True)
class Extracted:
    """One new report, ready to store: its rows (plain values, cheap to send between
    processes), how many claims, tolls and controls they hold, its warnings."""

    rows: ReportRows
    claims: int
    tolls: int
    controls: int
    warnings: tuple[str, ...]

    @classmethod
    def of(cls, report: Report, extraction: Extraction) -> "Extracted":
        return cls(rows_of(report, extraction, "; ".join(extraction.notes)),
                   len(extraction.claims), len(extraction.tolls), len(extraction.controls),
                   tuple(f"{report.source_path or report.id}: {w}" for w in report.warnings))


def accepted(batch: FileBatch, skip_bad: bool, summary: IngestSummary) -> list[Report]:
    """A file's reports, or its first bad record as the error that refuses the file (with
    ``skip_bad``, bad records are listed in the summary and the rest is taken)."""
    summary.files += 1
    if batch.errors and not skip_bad:
        summary.refused.append(batch.errors[0])
        raise batch.errors[0].__class__(
            f"{batch.errors[0].message}. The whole file was refused and nothing of it was "
            "stored; fix the record, or use --skip-bad to skip bad records",
            path=batch.errors[0].path, line=batch.errors[0].line)
    summary.skipped.extend(batch.errors)
    return batch.reports


def check_lines(path: Path, defaults: Defaults, skip_bad: bool) -> tuple[list[InputError], int]:
    """A JSON Lines file's first pass, line by line: its bad records (only the first, unless
    ``skip_bad``: one refuses the whole file) and how many reports it holds."""
    errors, total = [], 0
    for item in items(path, defaults):
        if item.error is not None:
            errors.append(item.error)
            if not skip_bad:
                break
        else:
            total += 1
    return errors, total


def reports_of(path: Path, defaults: Defaults, skip_bad: bool) -> Iterator[Report]:
    """A JSON Lines file's reports, line by line (its second pass)."""
    for item in items(path, defaults):
        if item.error is not None and not skip_bad:
            raise item.error  # (the file changed after its first pass found no fault)
        if item.report is not None:
            yield item.report


def extractor_from_settings(settings: Settings) -> Extractor:
    from .nlp import load_pipeline

    knowledge = load_knowledge(settings.data_dir or None)
    nlp = load_pipeline(settings.spacy_model, settings.data_dir or None)
    return Extractor(nlp, knowledge, batch_size=settings.batch_size)


def batched(things: Iterable, size: int) -> Iterator[list]:
    """Lists of ``size`` things (the last one shorter), taken as they come."""
    iterator = iter(things)
    while chunk := list(islice(iterator, size)):
        yield chunk


def new_reports(reports: Iterable[Report], stored: Callable[[str], bool]) -> list[Report]:
    """The reports not stored yet, each once (the first of a file's repeats), in order."""
    seen: set[str] = set()
    new = []
    for report in reports:
        if report.id in seen or stored(report.id):
            continue
        seen.add(report.id)
        new.append(report)
    return new


def resolve_store(store: Store, window: int | None = None) -> int:
    """Claims -> events for the claims not resolved yet (and those their blocks touch), in one
    transaction, keeping analysts' decisions. Returns the number of events."""
    from .resolve import resolve_store as resolve_pending

    return resolve_pending(store, window)


def open_geocoder(settings: Settings) -> Geocoder | None:
    """The geocoder from settings; None (with a warning) if the geo stage is not available."""
    try:
        from .geo import open_geocoder as open_geo
    except ImportError:
        log.warning("geocoding is not available in this installation; events get no coordinates")
        return None
    return open_geo(settings)
