"""Field reports: a contact's text, date, place and optional photo into the pipeline.

A field report is stored at once (its photo written, a job queued in the store) and answered
with 202 and a status link; a worker (:mod:`marsad.worker`: one runs inside `marsad serve`,
more with `marsad worker`) runs it through the pipeline, so a contact never waits for spaCy,
the geocoder or resolution. :func:`status` says where it stands: queued, processing, done (with
its claims and events) or failed (with the error).

The photo is checked by its bytes (JPEG, PNG or WebP, at most :data:`MAX_PHOTO_BYTES`), then
decoded and encoded again with Pillow (at most :data:`MAX_PHOTO_PIXELS`), so what is kept is an
image and nothing else: no HTML or SVG behind an image signature, no decompression bomb, no
EXIF (which can hold where the contact stood). It is named by its hash and written to the ``upload_dir`` setting, which lies outside the web root: files
are served only to accounts that may see field reports, through :func:`photo_path`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from ..errors import NotFound
from ..ingest import Defaults
from ..ingest.readers import build_report
from ..records import Report
from ..store import Store
from ..store.queue import Jobs, JobState
from ..worker import INGEST_REPORTS, report_outcome
from . import schema
from .accounts import Accounts, User, allowed
from .errors import BadRequest
from .forms import clean_text

log = logging.getLogger(__name__)

MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_PHOTO_PIXELS = 40_000_000  # a 40-megapixel phone photo; a bomb declares far more
PILLOW_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
MIN_TEXT, MAX_TEXT = 20, 20000
PHOTO_TYPES = {  # magic bytes -> (content type, extension)
    b"\xff\xd8\xff": ("image/jpeg", ".jpg"),
    b"\x89PNG\r\n\x1a\n": ("image/png", ".png"),
}
FIELD_OUTLET = "field report"  # contacts are not named in what events show


@dataclass(frozen=True)
class Photo:
    filename: str
    data: bytes


@dataclass(frozen=True)
class FieldReport:
    text: str
    published: dt.date | None = None
    place: str = ""
    title: str = ""
    photo: Photo | None = None


@dataclass
class IntakeResult:
    report_id: str
    new: bool
    state: str = "queued"  # queued, processing, done or failed
    claims: int = 0
    event_ids: list[str] = field(default_factory=list)
    photo_id: str = ""
    warnings: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def status_url(self) -> str:
        return f"/api/reports/{self.report_id}/status"

    @property
    def page_url(self) -> str:
        return f"/intake/{self.report_id}"


def read_field_report(text, published, place, title, photo: Photo | None, today: dt.date) -> FieldReport:
    """A checked field report from what a form or the API sent."""
    text = clean_text(text, "text", max_len=MAX_TEXT, required=True, multiline=True)
    if len(text) < MIN_TEXT:
        raise BadRequest(f"text: at least {MIN_TEXT} characters, saying what happened, where "
                         "and when")
    place = clean_text(place, "place")
    title = clean_text(title, "title")
    from .forms import parse_date

    date = parse_date(published, "date")
    if date and date > today + dt.timedelta(days=1):
        raise BadRequest(f"date: {date} is in the future; give the day it happened")
    if photo is not None and not photo.data:
        photo = None
    if photo is not None:
        photo = reencoded(photo)
    return FieldReport(text, date, place, title, photo)


def photo_kind(photo: Photo) -> tuple[str, str]:
    if len(photo.data) > MAX_PHOTO_BYTES:
        raise BadRequest(f"photo: {len(photo.data)} bytes is too large; the limit is "
                         f"{MAX_PHOTO_BYTES // (1024 * 1024)} MB")
    for magic, kind in PHOTO_TYPES.items():
        if photo.data.startswith(magic):
            return kind
    if photo.data[:4] == b"RIFF" and photo.data[8:12] == b"WEBP":
        return "image/webp", ".webp"
    raise BadRequest("photo: not a JPEG, PNG or WebP image; send a photo in one of those formats")


def reencoded(photo: Photo) -> Photo:
    """The photo decoded and encoded again in its own format, without its metadata."""
    import io

    from PIL import Image, ImageOps, UnidentifiedImageError

    content_type, _ = photo_kind(photo)
    try:
        with Image.open(io.BytesIO(photo.data), formats=[PILLOW_FORMATS[content_type]]) as image:
            width, height = image.size
            if width * height > MAX_PHOTO_PIXELS:
                raise BadRequest(f"photo: {width}x{height} pixels is too large; the limit is "
                                 f"{MAX_PHOTO_PIXELS // 1_000_000} megapixels")
            image.load()
            clean = ImageOps.exif_transpose(image)
            if content_type == "image/jpeg" and clean.mode not in ("RGB", "L"):
                clean = clean.convert("RGB")
            out = io.BytesIO()
            clean.save(out, format=PILLOW_FORMATS[content_type], quality=90)
    except Image.DecompressionBombError:
        raise BadRequest(f"photo: too many pixels; the limit is "
                         f"{MAX_PHOTO_PIXELS // 1_000_000} megapixels") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        log.info("photo %r refused: %s", photo.filename, exc)
        raise BadRequest("photo: the file is not a whole JPEG, PNG or WebP image (it could not "
                         "be decoded); send the photo as the camera saved it") from None
    return Photo(photo.filename, out.getvalue())


def to_report(field_report: FieldReport) -> Report:
    text = field_report.text
    if field_report.place and field_report.place.casefold() not in text.casefold():
        text = f"{text}\n\nPlace: {field_report.place}."
    title = field_report.title or (f"Field report from {field_report.place}"
                                   if field_report.place else "Field report")
    return build_report(text, Defaults(published=field_report.published, kind="field"),
                        title=title, outlet=FIELD_OUTLET, published=field_report.published,
                        kind="field")


def submit(store: Store, accounts: Accounts, user: User, field_report: FieldReport,
           upload_dir: Path) -> IntakeResult:
    """Keep a field report's photo, queue the report for a worker, and log who sent it."""
    report = to_report(field_report)
    stored = store.has_report(report.id)
    _, queued = Jobs(store).put(INGEST_REPORTS, {"reports": [report.model_dump(mode="json")]},
                                  key=report.id, user=user.name)
    photo_id = ""
    if field_report.photo is not None:
        photo_id = save_photo(store, user, report.id, field_report.photo, upload_dir)
    accounts.audit(user.name, "field_report", f"report:{report.id}",
                   {"new": queued and not stored, "photo": photo_id})
    result = status(store, user, report.id)
    result.new = queued and not stored
    result.photo_id, result.warnings = photo_id, list(report.warnings)
    return result


def refreshed(store: Store, user: User, result: IntakeResult) -> IntakeResult:
    """The result again, as the queue now has it (a worker may have run meanwhile)."""
    now = status(store, user, result.report_id)
    now.new, now.photo_id, now.warnings = result.new, result.photo_id, result.warnings
    return now


def status(store: Store, user: User | None, report_id: str) -> IntakeResult:
    """Where a field report stands, for the contact who sent it or for staff who may read
    field reports; anyone else is told there is no such report."""
    try:
        job = Jobs(store).get(report_id)
    except NotFound:
        job = None
    if job is None or user is None or job.kind != INGEST_REPORTS or not (
            job.user == user.name or allowed(user, "see_field_reports")):
        raise NotFound(f"no field report {report_id!r} that you sent; send one at /intake")
    result = IntakeResult(report_id, new=False, state=job.state.value, error=job.error)
    if job.state is JobState.DONE:
        outcome = report_outcome(store, report_id)
        result.claims, result.event_ids = outcome["claims"], outcome["event_ids"]
    return result


def save_photo(store: Store, user: User, report_id: str, photo: Photo, upload_dir: Path) -> str:
    content_type, extension = photo_kind(photo)
    digest = hashlib.sha256(photo.data).hexdigest()
    upload_dir.mkdir(parents=True, exist_ok=True)
    path = upload_dir / (digest + extension)
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(photo.data)
    with store.transaction() as conn:
        exists = conn.execute(sa.select(schema.uploads.c.id)
                              .where(schema.uploads.c.id == digest)).first()
        if not exists:
            conn.execute(schema.uploads.insert().values(
                id=digest, report_id=report_id, user_name=user.name,
                filename=photo.filename[:200], content_type=content_type, size=len(photo.data),
                path=str(path), created_at=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)))
    return digest


def photos(store: Store, report_ids: set[str]) -> dict[str, list[str]]:
    """Photo ids per report."""
    if not report_ids:
        return {}
    query = sa.select(schema.uploads.c.id, schema.uploads.c.report_id).where(
        schema.uploads.c.report_id.in_(sorted(report_ids)))
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    out: dict[str, list[str]] = {}
    for row in rows:
        out.setdefault(row.report_id, []).append(row.id)
    return out


def photo_path(store: Store, photo_id: str) -> tuple[Path, str] | None:
    query = sa.select(schema.uploads.c.path, schema.uploads.c.content_type).where(
        schema.uploads.c.id == photo_id)
    with store.engine.connect() as conn:
        row = conn.execute(query).first()
    return (Path(row.path), row.content_type) if row else None


def field_reports_without_events(store: Store) -> list[Report]:
    """Field reports from which no event came: they wait in the review queue for a person."""
    fields = [r for r in store.reports() if r.kind == "field"]
    if not fields:
        return []
    in_events = {c for e in store.events() for c in e.claim_ids}
    with_events = {c.report_id for c in store.claims(in_events)}
    return [r for r in fields if r.id not in with_events]
