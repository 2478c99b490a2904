"""The web app and HTTP API: map, timeline, evidence, review queue, field-report intake.

``create_app(settings, store=...)`` builds the FastAPI app; ``marsad serve`` runs it with uvicorn.
Accounts, sessions, tokens and the audit log live in :mod:`marsad.web.accounts`.
"""

from .accounts import ROLES, Accounts, User
from .app import create_app

__all__ = ["ROLES", "Accounts", "User", "create_app"]
