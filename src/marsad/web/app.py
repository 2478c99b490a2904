"""The app factory: FastAPI with server-rendered pages (Jinja2, autoescaped) and the API.

Every asset is served by marsad itself (``/static``); nothing loads from a CDN. Outside things
are passed in: the store, the pipeline factory and the reviewer, so tests give their own.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import MarsadError, NotFound, StoreError
from ..settings import Settings
from ..store import Store
from .accounts import Accounts
from .catalogue import Catalogue
from .context import WebContext, secret_key
from .errors import NotSignedIn, WebError
from .review import Reviewer, open_reviewer
from .security import private_request
from .throttle import SignInThrottle

log = logging.getLogger(__name__)
HERE = Path(__file__).parent
# The app uses none of the browser's sensors or payment features; no page it serves may either.
PERMISSIONS_POLICY = ("accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
                      "magnetometer=(), microphone=(), payment=(), usb=()")


def create_app(settings: Settings, store: Store | None = None, *,
               pipeline_factory: Callable[[], object] | None = None,
               reviewer: Reviewer | None = None, secure_cookies: bool = False,
               throttle: SignInThrottle | None = None) -> FastAPI:
    """The web app on ``store`` (opened from ``settings.db`` if not given); ``throttle``
    counts failed sign-ins (in memory unless given one on shared storage)."""
    store = store or Store.open(settings.db)
    reviewer = reviewer or open_reviewer(store)
    if pipeline_factory is None:
        def pipeline_factory():
            from ..pipeline import Pipeline

            pipeline = Pipeline.from_settings(settings, store=store)
            pipeline.resolver = decision_keeping_resolver(settings)
            return pipeline
    ctx = WebContext(
        settings=settings, store=store, accounts=Accounts(store),
        catalogue=Catalogue(store, public_reviewed_only=bool(settings.public_reviewed_only),
                            rejected=reviewer.rejected),
        reviewer=reviewer, pipeline_factory=pipeline_factory, secret_key=secret_key(settings),
        secure_cookies=secure_cookies, throttle=throttle or SignInThrottle())
    app = FastAPI(title="marsad", version=_version(),
                  description="Source-attributed conflict events: every figure links to the "
                              "sentence it came from.",
                  openapi_url="/api/openapi.json", docs_url=None, redoc_url=None)
    app.state.ctx = ctx
    app.mount("/static/swagger", StaticFiles(directory=_swagger_assets()), name="swagger")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/api/docs", include_in_schema=False)
    def api_docs() -> HTMLResponse:
        return HTMLResponse(DOCS_PAGE)
    from . import api, mapview, pages

    app.include_router(api.router)
    app.include_router(mapview.router)
    app.include_router(pages.router)
    _error_handlers(app)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if request.url.scheme == "https":
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        if private_request(request):  # what a signed-in account sees stays out of every cache
            response.headers["Cache-Control"] = "no-store"
        # (Swagger UI styles its widgets inline: its page alone allows inline styles)
        styles = "'self' 'unsafe-inline'" if request.url.path == "/api/docs" else "'self'"
        response.headers.setdefault(
            "Content-Security-Policy",
            f"default-src 'self'; img-src 'self' data:; style-src {styles}; script-src 'self'; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
        return response

    return app


# The API's documentation: Swagger UI from the swagger-ui-bundle package, started by a script
# of ours (no inline script, no CDN).
DOCS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>marsad API</title>
<link rel="icon" href="/static/favicon.svg">
<link rel="stylesheet" href="/static/swagger/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/static/swagger/swagger-ui-bundle.js"></script>
<script src="/static/swagger-start.js"></script></body></html>
"""


def _swagger_assets() -> Path:
    from swagger_ui_bundle import swagger_ui_path

    return Path(swagger_ui_path)


def decision_keeping_resolver(settings: Settings) -> Callable[[Store], int]:
    """The resolve stage's resolver, which keeps analysts' decisions on every run."""
    from ..resolve import resolve_store

    window = int(settings.merge_window_days)
    return lambda store: resolve_store(store, window)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("marsad")
    except PackageNotFoundError:
        return "0"


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or \
        "application/json" in request.headers.get("accept", "")


def _status(exc: MarsadError) -> int:
    if isinstance(exc, WebError):
        return exc.status
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, StoreError):
        return 503
    return 400


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(MarsadError)
    async def marsad_error(request: Request, exc: MarsadError):
        status = _status(exc)
        if status >= 500:
            log.error("%s %s: %s", request.method, request.url.path, exc)
        if _wants_json(request):
            headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
            return JSONResponse({"error": exc.message, "code": exc.code}, status_code=status,
                                headers=headers)
        if isinstance(exc, NotSignedIn) and request.method == "GET":
            return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
        from .pages import render_error

        return render_error(request, status, exc.message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        problems = [{"field": ".".join(str(p) for p in e.get("loc", ()) if p != "body"),
                     "message": e.get("msg", "")} for e in exc.errors()]
        message = "; ".join(f"{p['field']}: {p['message']}" for p in problems)
        if _wants_json(request):
            return JSONResponse({"error": f"the request is not valid: {message}",
                                 "code": "M611", "problems": problems}, status_code=422)
        from .pages import render_error

        return render_error(request, 422, f"the form is not valid: {message}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = str(exc.detail)
        if _wants_json(request):
            return JSONResponse({"error": message, "code": f"HTTP{exc.status_code}"},
                                status_code=exc.status_code, headers=exc.headers)
        from .pages import render_error

        return render_error(request, exc.status_code, message)
