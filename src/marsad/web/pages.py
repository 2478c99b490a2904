"""The server-rendered pages: map and timeline, event, review queue, intake, tolls, control."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from . import intake as intake_lib
from .accounts import allowed, require
from .api import _read_photo, apply_review
from .catalogue import group
from .errors import BadRequest
from .forms import STATUSES, Filters, clean_text, event_id
from .mapview import PRECISION_NAMES, TYPE_COLOURS, build_map, build_timeline, colour
from .review import CORRECTABLE, ReviewAction
from .security import (SESSION_COOKIE, check_form, context, current_user, form_token,
                       http_link, set_prelogin_cookie, set_session_cookie)

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
templates.env.filters["http_link"] = http_link
templates.env.globals.update(colour=colour, TYPE_COLOURS=TYPE_COLOURS,
                             PRECISION_NAMES=PRECISION_NAMES, STATUSES=STATUSES,
                             CORRECTABLE=CORRECTABLE)


def render(request: Request, name: str, status: int = 200, **values) -> HTMLResponse:
    user = current_user(request)
    values.update(request=request, user=user, csrf=form_token(request),
                  can=lambda permission: allowed(user, permission))
    response = templates.TemplateResponse(request, name, values, status_code=status)
    set_prelogin_cookie(request, response)
    return response


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    try:
        return render(request, "error.html", status=status, status_code=status, message=message)
    except Exception:  # the error page must not fail on a broken session; show it bare
        request.state.user, request.state.csrf, request.state.via = None, None, None
        return render(request, "error.html", status=status, status_code=status, message=message)


def _filters(request: Request) -> Filters:
    q = request.query_params
    return Filters.read(q.get("since"), q.get("until"), q.get("type"), q.get("place"),
                        q.get("actor"), q.get("status"), q.get("source"))


def _see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


# -- reading ----------------------------------------------------------------------------------

@router.get("/", response_class=HTMLResponse)
def home(request: Request):
    ctx = context(request)
    user = current_user(request)
    filters = _filters(request)
    page = ctx.catalogue.events(user, filters.to_filter(), limit=100000)
    types = sorted({e.event_type for e in ctx.store.events()} | set(TYPE_COLOURS))
    return render(request, "map.html", filters=filters, page=page, events=page.events,
                  map=build_map(page.events), timeline=build_timeline(page.events),
                  types=types, reviewed_only=ctx.catalogue.reviewed_only(user),
                  query=urlencode(filters.query()))


@router.get("/events/{eid}", response_class=HTMLResponse)
def event_page(request: Request, eid: str):
    ctx = context(request)
    user = current_user(request)
    view = ctx.catalogue.event(event_id(eid), user)
    photos = intake_lib.photos(ctx.store, {c.report.id for c in view.claims}) \
        if allowed(user, "see_field_reports") else {}
    others = [e for e in ctx.catalogue.events(user, limit=100000).events if e.id != view.event.id]
    return render(request, "event.html", view=view, event=view.event,
                  history=ctx.accounts.history(f"event:{view.event.id}"), photos=photos,
                  others=others, map=build_map([view.event]))


@router.get("/tolls", response_class=HTMLResponse)
def tolls_page(request: Request):
    victims = clean_text(request.query_params.get("victims"), "victims")
    tolls = context(request).catalogue.tolls(current_user(request), victims or None)
    lines = context(request).catalogue.toll_lines(current_user(request), tolls)
    return render(request, "tolls.html", lines=lines, victims=victims)


@router.get("/control", response_class=HTMLResponse)
def control_page(request: Request):
    place = clean_text(request.query_params.get("place"), "place")
    controls = context(request).catalogue.controls(current_user(request), place or None)
    by_place = group(controls, lambda c: c.geocode.place.name
                     if c.geocode and c.geocode.place else c.place.mention)
    return render(request, "control.html", by_place=by_place, place=place)


@router.get("/photos/{photo_id}")
def photo(request: Request, photo_id: str):
    require(current_user(request), "see_field_reports")
    if not photo_id.isalnum() or len(photo_id) != 64:
        raise BadRequest("not a photo id")
    found = intake_lib.photo_path(context(request).store, photo_id)
    if found is None or not found[0].is_file():
        from ..errors import NotFound

        raise NotFound(f"no photo {photo_id}")
    return FileResponse(found[0], media_type=found[1],
                        headers={"Content-Disposition": "inline", "Cache-Control": "private"})


# -- review -----------------------------------------------------------------------------------

@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request):
    ctx = context(request)
    require(current_user(request), "review")
    page = ctx.catalogue.review_queue(current_user(request))
    waiting = intake_lib.field_reports_without_events(ctx.store)
    return render(request, "review.html", page=page, waiting=waiting,
                  available=not hasattr(ctx.reviewer, "reason"),
                  reason=getattr(ctx.reviewer, "reason", ""))


@router.post("/events/{eid}/review")
def review_form(request: Request, eid: str, csrf: str = Form(""), action: str = Form(...),
                field: str = Form(""), value: str = Form(""), note: str = Form(""),
                claim_ids: list[str] = Form([]), other: str = Form("")):
    check_form(request, csrf)
    eid = event_id(eid)
    if action not in ("confirm", "correct", "reject", "merge", "split"):
        raise BadRequest(f"action: {action[:20]!r} is not a review action")
    user = require(current_user(request), "reject" if action == "reject" else "review")
    note = clean_text(note, "note", max_len=2000, multiline=True)
    ids: tuple[str, ...] = (eid,)
    if action == "correct" and field not in CORRECTABLE:
        raise BadRequest(f"field: choose one of {', '.join(CORRECTABLE)}")
    if action == "merge":
        if not other:
            raise BadRequest("merge: choose the event to merge this one with")
        ids = (eid, event_id(other))
    if action == "split" and not claim_ids:
        raise BadRequest("split: tick the claims that make a separate event")
    result = apply_review(request, ReviewAction(
        action, ids, user.name, dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
        field=field if action == "correct" else "",
        value=clean_text(value, "value", max_len=500),
        claim_ids=tuple(clean_text(c, "claim", max_len=64) for c in claim_ids), note=note))
    target = result.event_ids[0] if result.event_ids else eid
    if action == "reject":
        return _see_other("/review")
    return _see_other(f"/events/{target}")


# -- intake -----------------------------------------------------------------------------------

@router.get("/intake", response_class=HTMLResponse)
def intake_page(request: Request):
    require(current_user(request), "intake")
    return render(request, "intake.html", result=None, values={},
                  max_mb=intake_lib.MAX_PHOTO_BYTES // (1024 * 1024))


@router.post("/intake", response_class=HTMLResponse)
def intake_form(request: Request, csrf: str = Form(""), text: str = Form(""),
                date: str = Form(""), place: str = Form(""), title: str = Form(""),
                photo: UploadFile | None = File(None)):
    check_form(request, csrf)
    user = require(current_user(request), "intake")
    ctx = context(request)
    values = dict(text=text, date=date, place=place, title=title)
    try:
        upload = _read_photo(photo)
        report = intake_lib.read_field_report(text, date, place, title, upload, dt.date.today())
    except BadRequest as exc:
        return render(request, "intake.html", status=422, result=None, error=exc.message,
                      values=values, max_mb=intake_lib.MAX_PHOTO_BYTES // (1024 * 1024))
    result = intake_lib.submit(ctx.store, ctx.accounts, user, report, ctx.upload_dir)
    ctx.queued()
    result = intake_lib.refreshed(ctx.store, user, result)
    return render(request, "intake.html", status=202, result=result, values={},
                  max_mb=intake_lib.MAX_PHOTO_BYTES // (1024 * 1024))


@router.get("/intake/{report_id}", response_class=HTMLResponse)
def intake_status(request: Request, report_id: str):
    """How far a field report has got (it refreshes itself until the worker is done)."""
    user = require(current_user(request), "intake")
    result = intake_lib.status(context(request).store, user, report_id)
    return render(request, "intake_status.html", result=result)


# -- accounts ---------------------------------------------------------------------------------

@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request):
    return render(request, "login.html", next=_safe_next(request.query_params.get("next")),
                  error=None)


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, csrf: str = Form(""), name: str = Form(""),
          password: str = Form(""), next: str = Form("/")):
    check_form(request, csrf)
    ctx = context(request)
    address = request.client.host if request.client else ""
    account = name.strip()[:100]
    refusal = ctx.throttle.check(account, address)
    if refusal is not None:
        response = render(request, "login.html", status=429, next=_safe_next(next),
                          error=refusal.message)
        response.headers["Retry-After"] = str(refusal.retry_after)
        return response
    user = None
    if name and password and len(name) <= 100 and len(password) <= 1000 and "\x00" not in name:
        user = ctx.accounts.authenticate(name, password)
    if user is None:
        ctx.throttle.failed(account, address)
        return render(request, "login.html", status=401, next=_safe_next(next),
                      error="Wrong name or password.")
    ctx.throttle.succeeded(account)
    cookie, _ = ctx.accounts.start_session(user)
    response = _see_other(_safe_next(next))
    set_session_cookie(request, response, cookie)
    return response


@router.post("/logout")
def logout(request: Request, csrf: str = Form("")):
    check_form(request, csrf)
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        context(request).accounts.end_session(cookie)
    response = _see_other("/")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never redirect a signed-in user elsewhere."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@router.get("/favicon.ico")
def favicon():
    return RedirectResponse("/static/favicon.svg", status_code=301)
