"""The web app's errors, in marsad's hierarchy; each maps to one HTTP status."""

from __future__ import annotations

from ..errors import MarsadError


class WebError(MarsadError):
    """Base of the web app's errors."""

    code = "M610"
    status = 400


class BadRequest(WebError):
    """A form or API request the app cannot act on; the message says which field to fix."""

    code = "M611"
    status = 422


class NotSignedIn(WebError):
    """The action needs an account: sign in, or send `Authorization: Bearer <token>`."""

    code = "M612"
    status = 401


class Forbidden(WebError):
    """The account's role does not allow the action."""

    code = "M613"
    status = 403


class CsrfError(WebError):
    """A form was sent without the token of the page it came from."""

    code = "M614"
    status = 403


class AccountError(WebError):
    """A user or token cannot be created or found."""

    code = "M615"
    status = 400
