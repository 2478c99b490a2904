"""Who is asking (session cookie or API token) and whether a form really came from our page."""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import urlsplit

from fastapi import Request, Response

from .accounts import User
from .context import WebContext
from .errors import CsrfError, NotSignedIn

SESSION_COOKIE = "marsad_session"
PRELOGIN_COOKIE = "marsad_csrf"
CSRF_HEADER = "x-csrf-token"


def context(request: Request) -> WebContext:
    return request.app.state.ctx


def current_user(request: Request) -> User | None:
    """The account behind the request: a Bearer token, else the session cookie, else None."""
    if hasattr(request.state, "user"):
        return request.state.user
    ctx = context(request)
    user, csrf, via = None, None, None
    header = request.headers.get("authorization", "")
    if header:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise NotSignedIn("the Authorization header must be `Bearer <token>`; create a token "
                              "with `marsad token create NAME`")
        user = ctx.accounts.token_user(token.strip())
        if user is None:
            raise NotSignedIn("this API token is not valid; create a new one with "
                              "`marsad token create NAME`")
        via = "token"
    else:
        cookie = request.cookies.get(SESSION_COOKIE)
        if cookie and len(cookie) < 200:
            found = ctx.accounts.session(cookie)
            if found:
                user, csrf = found
                via = "session"
    request.state.user, request.state.csrf, request.state.via = user, csrf, via
    return user


def form_token(request: Request) -> str:
    """The CSRF token a page puts in its forms."""
    current_user(request)
    if request.state.csrf:
        return request.state.csrf
    if not hasattr(request.state, "prelogin"):
        request.state.prelogin = request.cookies.get(PRELOGIN_COOKIE) or secrets.token_urlsafe(32)
    return request.state.prelogin


def set_prelogin_cookie(request: Request, response: Response) -> None:
    token = getattr(request.state, "prelogin", None)
    if token and token != request.cookies.get(PRELOGIN_COOKIE):
        response.set_cookie(PRELOGIN_COOKIE, token, httponly=True, samesite="strict",
                            secure=context(request).secure_cookies, path="/")


def check_form(request: Request, sent: str | None) -> None:
    """A form must carry its page's token: the session's, or the pre-sign-in cookie's."""
    current_user(request)
    expected = request.state.csrf or request.cookies.get(PRELOGIN_COOKIE)
    if not expected or not sent or not hmac.compare_digest(str(expected), str(sent)):
        raise CsrfError("this form has expired or did not come from this site; reload the page "
                        "and send it again")


def check_api_write(request: Request) -> None:
    """Writes through the API: a token needs nothing more; a browser session sends the header."""
    current_user(request)
    if request.state.via == "session":
        sent = request.headers.get(CSRF_HEADER, "")
        if not hmac.compare_digest(sent, request.state.csrf or ""):
            raise CsrfError("a browser session writing through the API must send the "
                            "X-CSRF-Token header (the page's csrf token)")


def set_session_cookie(request: Request, response: Response, cookie: str) -> None:
    response.set_cookie(SESSION_COOKIE, cookie, httponly=True, samesite="lax",
                        secure=context(request).secure_cookies, max_age=14 * 86400, path="/")


def private_request(request: Request) -> bool:
    """Whether the answer may hold what only an account sees: the request carries a session
    cookie or a token (valid or not, it is never cached), or it signs in."""
    return bool(request.headers.get("authorization") or request.cookies.get(SESSION_COOKIE)
                or getattr(request.state, "user", None) is not None
                or request.url.path == "/login" and request.method == "POST")


def http_link(url: object) -> str:
    """The URL if it is an http(s) address, else "": a report's `url` comes from its input, and
    ``javascript:`` or ``data:`` in a link would run in the reader's session."""
    text = str(url or "").strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    if any(c.isspace() or ord(c) < 32 for c in text):
        return ""
    return text
