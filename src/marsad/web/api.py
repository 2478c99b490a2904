"""The HTTP API under /api: JSON (and GeoJSON) for scripts; token auth; OpenAPI at /api/openapi.json."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from fastapi import (APIRouter, Depends, File, Form, Path, Query, Request, Response,
                     UploadFile)
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from ..records import Claim, Control, Event, Report, Toll
from . import intake as intake_lib
from .accounts import require
from .catalogue import EventView
from .forms import Filters, clean_text, event_id
from .review import CORRECTABLE, ReviewAction
from .security import check_api_write, context, current_user

router = APIRouter(prefix="/api", tags=["api"])


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EventsPage(Strict):
    total: int
    limit: int
    offset: int
    events: list[Event]


class EvidenceOut(Strict):
    start: int
    end: int
    sentence: str
    exact: bool = Field(description="the stored offsets point at the sentence")


class ClaimOut(Strict):
    claim: Claim
    report_id: str
    report_title: str
    report_kind: str
    outlet: str
    published: dt.date | None
    evidence: EvidenceOut


class HistoryOut(Strict):
    at: dt.datetime
    user: str
    action: str
    detail: dict


class EventDetail(Strict):
    event: Event
    field_report: bool
    rejected: bool
    claims: list[ClaimOut]
    history: list[HistoryOut]


class ReportsPage(Strict):
    total: int
    limit: int
    offset: int
    reports: list[Report]


class TollsOut(Strict):
    tolls: list[Toll]


class ControlsOut(Strict):
    controls: list[Control]


class IntakeOut(Strict):
    report_id: str
    new: bool = Field(description="not received before")
    state: Literal["queued", "processing", "done", "failed"]
    status_url: str = Field(description="where to ask how far the report has got")
    claims: int = Field(description="claims found (once done)")
    event_ids: list[str] = Field(description="the events the report is in (once done)")
    photo_id: str
    warnings: list[str]
    error: str = Field(description="why it failed (state failed)")


class ReviewIn(Strict):
    action: Literal["confirm", "correct", "reject"]
    field: Literal[CORRECTABLE] | None = Field(  # type: ignore[valid-type]
        default=None, description="the field to correct (action correct)")
    value: str = Field(default="", max_length=500, description="its new value (action correct)")
    note: str = Field(default="", max_length=2000)


class MergeIn(Strict):
    event_ids: list[str] = Field(min_length=2, max_length=20)
    note: str = Field(default="", max_length=2000)


class SplitIn(Strict):
    claim_ids: list[str] = Field(min_length=1, max_length=200,
                                 description="the claims that leave to make a new event")
    note: str = Field(default="", max_length=2000)


class ReviewOut(Strict):
    event_ids: list[str]
    message: str


class Me(Strict):
    name: str | None
    role: str | None


def filters(since: str | None = Query(None, description="YYYY-MM-DD", max_length=40),
            until: str | None = Query(None, description="YYYY-MM-DD", max_length=40),
            type: str | None = Query(None, description="ACLED event type", max_length=200),
            place: str | None = Query(None, max_length=200),
            actor: str | None = Query(None, max_length=200),
            status: str | None = Query(None, max_length=40),
            source: str | None = Query(None, max_length=200)) -> Filters:
    return Filters.read(since, until, type, place, actor, status, source)


def event_detail(view: EventView, history) -> EventDetail:
    claims = [ClaimOut(claim=v.claim, report_id=v.report.id, report_title=v.report.title,
                       report_kind=v.report.kind, outlet=v.report.outlet,
                       published=v.report.published,
                       evidence=EvidenceOut(start=v.evidence.start, end=v.evidence.end,
                                            sentence=v.evidence.sentence, exact=v.evidence.exact))
              for v in view.claims]
    return EventDetail(event=view.event, field_report=view.field_report, rejected=view.rejected,
                       claims=claims, history=[HistoryOut(at=h.at, user=h.user_name,
                                                          action=h.action, detail=h.detail)
                                               for h in history])


def geojson(events: list[Event], total: int) -> dict:
    features = []
    for event in events:
        place = event.geocode.place if event.geocode and event.geocode.place else None
        geometry = ({"type": "Point", "coordinates": [place.longitude, place.latitude]}
                    if place else None)
        properties = event.model_dump(mode="json", exclude={"geocode", "place"})
        properties["location"] = place.name if place else (event.place.mention if event.place else "")
        properties["geo_precision"] = event.geocode.geo_precision if event.geocode else None
        features.append({"type": "Feature", "id": event.id, "geometry": geometry,
                         "properties": properties})
    return {"type": "FeatureCollection", "features": features, "total": total}


@router.get("/events", response_model=EventsPage,
            responses={200: {"description": "a page of events; with format=geojson a GeoJSON "
                                            "FeatureCollection"}})
def list_events(request: Request, where: Filters = Depends(filters),
                limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0, le=10**9),
                format: Literal["json", "geojson"] = "json"):
    """Events matching the filters, newest first."""
    page = context(request).catalogue.events(current_user(request), where.to_filter(), limit, offset)
    if format == "geojson":
        return JSONResponse(geojson(page.events, page.total), media_type="application/geo+json")
    return EventsPage(total=page.total, limit=limit, offset=offset, events=page.events)


@router.get("/events/{event_id}", response_model=EventDetail)
def get_event(request: Request, event_id: str):
    """One event with every claim, its source and evidence sentence (character offsets)."""
    ctx = context(request)
    view = ctx.catalogue.event(_event_id(event_id), current_user(request))
    return event_detail(view, ctx.accounts.history(f"event:{view.event.id}"))


def _event_id(value: str) -> str:
    return event_id(value)


@router.get("/reports", response_model=ReportsPage)
def list_reports(request: Request, kind: Literal["news", "field"] | None = None,
                 limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0, le=10**9)):
    """Reports, newest first (field reports only for analysts, editors and admins)."""
    reports, total = context(request).catalogue.reports(current_user(request), kind, limit, offset)
    return ReportsPage(total=total, limit=limit, offset=offset, reports=reports)


@router.post("/reports", response_model=IntakeOut, status_code=202)
def post_report(request: Request, response: Response,
                text: str = Form(..., max_length=intake_lib.MAX_TEXT),
                date: str = Form("", max_length=40), place: str = Form("", max_length=200),
                title: str = Form("", max_length=200), photo: UploadFile | None = File(None)):
    """Send a field report (contacts and up). Multipart form: text, date, place, title, photo.
    It is stored at once and answered 202 with a status link (also in ``Location``); a
    worker runs it through the pipeline."""
    user = require(current_user(request), "intake")
    check_api_write(request)
    ctx = context(request)
    upload = _read_photo(photo)
    report = intake_lib.read_field_report(text, date, place, title, upload, dt.date.today())
    result = intake_lib.submit(ctx.store, ctx.accounts, user, report, ctx.upload_dir)
    ctx.queued()
    result = intake_lib.refreshed(ctx.store, user, result)
    response.headers["Location"] = result.status_url
    return _intake_out(result)


@router.get("/reports/{report_id}/status", response_model=IntakeOut)
def report_status(request: Request, report_id: str = Path(..., pattern=r"^[0-9a-f]{16}$")):
    """Where a field report you sent stands: queued, processing, done (its claims and events)
    or failed (the error). Staff who may read field reports see every one."""
    user = require(current_user(request), "intake")
    return _intake_out(intake_lib.status(context(request).store, user, report_id))


def _intake_out(result: intake_lib.IntakeResult) -> IntakeOut:
    return IntakeOut(report_id=result.report_id, new=result.new, state=result.state,
                     status_url=result.status_url, claims=result.claims,
                     event_ids=result.event_ids, photo_id=result.photo_id,
                     warnings=result.warnings, error=result.error)


def _read_photo(photo: UploadFile | None) -> intake_lib.Photo | None:
    if photo is None or not getattr(photo, "filename", None):
        return None
    data = photo.file.read(intake_lib.MAX_PHOTO_BYTES + 1)
    return intake_lib.Photo(clean_text(photo.filename, "photo filename"), data)


@router.get("/tolls", response_model=TollsOut)
def list_tolls(request: Request, victims: str | None = Query(None, max_length=200)):
    """Cumulative tolls, per victims and source, in period order."""
    victims = clean_text(victims, "victims")
    return TollsOut(tolls=context(request).catalogue.tolls(current_user(request),
                                                           victims or None))


@router.get("/control", response_model=ControlsOut)
def list_control(request: Request, place: str | None = Query(None, max_length=200)):
    """Control claims (who holds which place, as of when, by whose claim), per place in date order."""
    place = clean_text(place, "place")
    return ControlsOut(controls=context(request).catalogue.controls(current_user(request),
                                                                   place or None))


@router.get("/review/queue", response_model=EventsPage)
def review_queue(request: Request):
    """Events waiting for review (analysts, editors, admins), field reports first."""
    require(current_user(request), "review")
    page = context(request).catalogue.review_queue(current_user(request))
    return EventsPage(total=page.total, limit=page.limit, offset=0, events=page.events)


@router.post("/events/{event_id}/review", response_model=ReviewOut)
def review_event(request: Request, event_id: str, body: ReviewIn):
    """Confirm an event, correct one field, or reject it; recorded with who and when."""
    user = require(current_user(request), "reject" if body.action == "reject" else "review")
    check_api_write(request)
    if body.action == "correct" and not body.field:
        from .errors import BadRequest

        raise BadRequest(f"field: say which field to correct, one of {', '.join(CORRECTABLE)}")
    return _apply(request, ReviewAction(body.action, (_event_id(event_id),), user.name,
                                        _now(), field=body.field or "",
                                        value=clean_text(body.value, "value", max_len=500),
                                        note=clean_text(body.note, "note", max_len=2000,
                                                        multiline=True)))


@router.post("/events/merge", response_model=ReviewOut)
def merge_events(request: Request, body: MergeIn):
    """Merge two or more events into one."""
    user = require(current_user(request), "review")
    check_api_write(request)
    ids = tuple(dict.fromkeys(_event_id(i) for i in body.event_ids))
    if len(ids) < 2:
        from .errors import BadRequest

        raise BadRequest("event_ids: name at least two different events to merge")
    return _apply(request, ReviewAction("merge", ids, user.name, _now(),
                                        note=clean_text(body.note, "note", max_len=2000,
                                                        multiline=True)))


@router.post("/events/{event_id}/split", response_model=ReviewOut)
def split_event(request: Request, event_id: str, body: SplitIn):
    """Split the named claims off an event into a new event."""
    user = require(current_user(request), "review")
    check_api_write(request)
    claim_ids = tuple(clean_text(c, "claim_ids", max_len=64) for c in body.claim_ids)
    return _apply(request, ReviewAction("split", (_event_id(event_id),), user.name, _now(),
                                        claim_ids=claim_ids,
                                        note=clean_text(body.note, "note", max_len=2000,
                                                        multiline=True)))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def _apply(request: Request, action: ReviewAction) -> ReviewOut:
    result = apply_review(request, action)
    return ReviewOut(event_ids=list(result.event_ids), message=result.message)


def apply_review(request: Request, action: ReviewAction):
    """Check the events exist and are visible, apply the action, log it on each event."""
    ctx = context(request)
    user = current_user(request)
    for eid in action.event_ids:
        ctx.catalogue.event(eid, user)  # NotFound (404) before anything changes
    full = tuple(ctx.store.event(eid).id for eid in action.event_ids)
    action = ReviewAction(action.action, full, action.user, action.at, action.field,
                          action.value, action.claim_ids, action.note)
    result = ctx.reviewer.apply(action)
    detail = {k: v for k, v in dict(field=action.field, value=action.value,
                                    claim_ids=list(action.claim_ids), note=action.note,
                                    events=list(action.event_ids),
                                    result=list(result.event_ids), **result.extra).items() if v}
    for eid in dict.fromkeys(full + tuple(result.event_ids)):
        ctx.accounts.audit(action.user, action.action, f"event:{eid}", detail)
    return result


@router.get("/me", response_model=Me)
def me(request: Request):
    """Who the request is signed in as (name and role null for anonymous visitors)."""
    user = current_user(request)
    return Me(name=user.name if user else None, role=user.role if user else None)
