"""Giving a stored report the publication date it lacked, so its events get theirs.

A report ingested without a date keeps its relative dates ("on Sunday") unresolved, and its
events undated. Ingesting it again changes nothing (the same text is the same report), so the
date is set here: the report is updated, extracted again with the date as the base its
relative dates resolve against, and the events are resolved anew. It sits beside
:meth:`marsad.pipeline.Pipeline.reprocess`, which re-extracts every report the same way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from .errors import NotFound
from .ingest import Defaults, expand_paths, read_file
from .records import Report
from .store import Store

if TYPE_CHECKING:  # the pipeline loads spaCy; only its type is needed here
    from .pipeline import Pipeline

UNDATED_WORDS = "publication date"  # what the ingest warnings about the date all say


@dataclass(frozen=True)
class Redated:
    """One report given a date: what it had before, and what extraction found with it."""

    report_id: str
    title: str
    before: dt.date | None
    after: dt.date
    claims: int
    dated_claims: int


@dataclass(frozen=True)
class RedateSummary:
    reports: tuple[Redated, ...]
    events: int  # events in the database after resolving anew


def find_report_id(store: Store, given: str) -> str:
    """The stored report id that `given` is, or is the unique beginning of (as with git)."""
    ids = [i for i in store.report_statuses() if i.startswith(given)] if given else []
    if given in ids:
        return given
    if len(ids) != 1:
        raise NotFound(f"no report {given!r} in this database"
                       + (" (the prefix is ambiguous)" if ids else "")
                       + "; list them with `marsad reports`")
    return ids[0]


def date_reports(pipeline: "Pipeline", report_ids: Sequence[str],
                 published: dt.date) -> RedateSummary:
    """Give each report `published` as its date, extract it again, then resolve once."""
    store = pipeline.store
    reports = [store.report(i) for i in report_ids]
    if not reports:
        return RedateSummary((), store.count("events"))
    dated = [_with_date(r, published) for r in reports]
    done = []
    with store.transaction() as connection:
        for before, report, extraction in zip(reports, dated, pipeline.extractor.extract_many(dated, pipeline.ground)):
            extraction = pipeline.geocode(extraction)
            store.update_report(connection, report)
            store.replace_extraction(connection, extraction, "; ".join(extraction.notes))
            done.append(Redated(report.id, report.title, before.published, published,
                                len(extraction.claims),
                                sum(1 for c in extraction.claims if c.date.date is not None)))
    return RedateSummary(tuple(done), pipeline.resolver(store))


def undated_among(store: Store, paths: Iterable[Path], defaults: Defaults) -> list[str]:
    """The reports in these files (read with the ingest's `defaults`) that the store holds
    without a publication date."""
    ids: dict[str, None] = {}
    for path in expand_paths(list(paths)):
        for report in read_file(path, defaults).reports:
            ids.setdefault(report.id, None)
    stored = store.report_statuses()
    dated = store.report_dates()
    return [i for i in ids if i in stored and i not in dated]


def _with_date(report: Report, published: dt.date) -> Report:
    kept = tuple(w for w in report.warnings if UNDATED_WORDS not in w)
    note = (f"publication date {published} given after ingest (was {report.published})"
            if report.published else f"publication date {published} given after ingest")
    return report.model_copy(update={"published": published, "warnings": kept + (note,)})
