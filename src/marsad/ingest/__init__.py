"""Ingest: read report files into :class:`~marsad.records.Report` records.

Readers for plain text, JSON Lines, HTML pages and RSS/Atom feeds; a directory is read
recursively. Only regular files inside what the user gave are read (see :mod:`.files`);
what cannot be stored or is no report is refused (:mod:`.checks`, :mod:`.dates`). A reader yields :class:`Item`: either a report or the problem with one record, so
the caller decides whether a bad record refuses the whole file or is skipped (``--skip-bad``).
Nothing here touches the database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ..errors import InputError
from ..records import Report

from .files import MAX_FILE_BYTES, walk
from .readers import READERS, read_jsonl, reader_for


@dataclass(frozen=True)
class Defaults:
    """What the user says about reports that do not say it themselves, and what may be read."""

    published: dt.date | None = None
    outlet: str = ""
    kind: str = "news"
    allow_roots: tuple[Path, ...] = ()  # folders a JSON Lines `path` may name besides its own
    max_bytes: int = MAX_FILE_BYTES  # the most read from one file
    within: tuple[Path, ...] = ()  # the JSON Lines files whose `path` led here (no loops)


@dataclass(frozen=True)
class Item:
    """One record read from a file: a report, or the error that kept it out."""

    path: Path
    line: int
    report: Report | None = None
    error: InputError | None = None


@dataclass
class FileBatch:
    """Everything read from one file; ``errors`` non-empty means the file has bad records."""

    path: Path
    reports: list[Report] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


def normalise_text(text: str) -> str:
    """The text a report's id is computed from: NFC, unified line ends, trimmed lines."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(lines).strip()


def report_id(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files to read, in a stable order: directories recursively, hidden files, special files
    and links that leave the directory skipped."""
    files: list[Path] = []
    for path in paths:
        if not path.exists():
            raise InputError("no such file or directory; check the path", path=str(path))
        if path.is_dir():
            files.extend(walk(path, lambda p: reader_for(p) is not None))
        else:
            files.append(path)
    return files


def streamed(path: Path) -> bool:
    """Whether a file is read record by record in bounded memory (JSON Lines, of any size),
    rather than whole (one report, or a feed; at most ``max_bytes``)."""
    return reader_for(path) is read_jsonl


def items(path: Path, defaults: Defaults) -> Iterator[Item]:
    """The file's records one by one (a report, or the problem with one)."""
    reader = reader_for(path)
    if reader is None:
        yield Item(path, 1, error=InputError(
            f"cannot tell what kind of file this is (extension {path.suffix!r}); marsad reads "
            f"{', '.join(sorted(READERS))} files", path=str(path)))
        return
    yield from reader(path, defaults)


def read_file(path: Path, defaults: Defaults) -> FileBatch:
    """Read one file into reports and errors (never raises for bad content)."""
    batch = FileBatch(path)
    for item in items(path, defaults):
        if item.error is not None:
            batch.errors.append(item.error)
        elif item.report is not None:
            batch.reports.append(item.report)
    return batch


__all__ = ["Defaults", "FileBatch", "Item", "expand_paths", "items", "normalise_text", "read_file",
           "report_id", "streamed"]
