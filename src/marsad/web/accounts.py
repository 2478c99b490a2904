"""Accounts, roles, sessions, API tokens and the audit log, on the store's database.

Passwords are hashed with argon2 (argon2-cffi); session cookies and API tokens are random
values of which only the SHA-256 hash is stored, so a copy of the database opens no account.
The clock is passed in so tests control expiry.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any, Callable

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from ..store import Store
from . import schema
from .errors import AccountError, Forbidden, NotSignedIn

ROLES = ("admin", "editor", "analyst", "contact", "public")

# What each role may do. Reading is open to all (within `public_reviewed_only`).
PERMISSIONS: dict[str, frozenset[str]] = {
    "intake": frozenset({"admin", "editor", "analyst", "contact"}),
    "review": frozenset({"admin", "editor", "analyst"}),  # confirm, correct, merge, split
    "reject": frozenset({"admin", "editor"}),  # taking an event out is an editor's call
    "see_unreviewed": frozenset({"admin", "editor", "analyst", "contact"}),
    "see_field_reports": frozenset({"admin", "editor", "analyst"}),
    "manage_users": frozenset({"admin"}),
}
SESSION_DAYS = 14
MIN_PASSWORD = 8


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str

    def can(self, permission: str) -> bool:
        return self.role in PERMISSIONS[permission]


def allowed(user: User | None, permission: str) -> bool:
    return user is not None and user.can(permission)


def require(user: User | None, permission: str) -> User:
    """The user, if the role allows the permission; NotSignedIn or Forbidden otherwise."""
    if user is None:
        raise NotSignedIn(f"this needs an account with the {permission!r} permission; sign in "
                          "or send `Authorization: Bearer <token>` (see `marsad token create`)")
    if not user.can(permission):
        roles = ", ".join(sorted(PERMISSIONS[permission]))
        raise Forbidden(f"your role {user.role!r} cannot {permission}; it needs one of: {roles}")
    return user


@dataclass(frozen=True)
class AuditEntry:
    at: dt.datetime
    user_name: str
    action: str
    target: str
    detail: dict[str, Any]


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Accounts:
    """Users, sessions, tokens and audit entries of one store."""

    def __init__(self, store: Store, clock: Callable[[], dt.datetime] = utcnow):
        self.store = store
        self.clock = clock
        self.hasher = PasswordHasher()

    # -- users --------------------------------------------------------------------------------

    def add_user(self, name: str, role: str, password: str) -> User:
        name = name.strip()
        if not name or len(name) > 100 or any(c.isspace() for c in name):
            raise AccountError("a user name is 1 to 100 characters without spaces")
        if role not in ROLES:
            raise AccountError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
        if len(password) < MIN_PASSWORD:
            raise AccountError(f"the password is too short; use at least {MIN_PASSWORD} characters")
        if self._user_row(name) is not None:
            raise AccountError(f"user {name!r} exists already; choose another name")
        with self.store.transaction() as conn:
            result = conn.execute(schema.users.insert().values(
                name=name, role=role, password_hash=self.hasher.hash(password),
                created_at=self.clock(), disabled=False))
            user = User(result.inserted_primary_key[0], name, role)
        self.audit(user.name, "user_add", f"user:{name}", {"role": role})
        return user

    def users(self) -> list[User]:
        with self.store.engine.connect() as conn:
            rows = conn.execute(sa.select(schema.users).order_by(schema.users.c.name)).all()
        return [User(r.id, r.name, r.role) for r in rows]

    def _user_row(self, name: str):
        with self.store.engine.connect() as conn:
            return conn.execute(sa.select(schema.users).where(schema.users.c.name == name)).first()

    def authenticate(self, name: str, password: str) -> User | None:
        """The user if the name and password match, else None (the same for either mistake)."""
        row = self._user_row(name.strip())
        if row is None or row.disabled:
            self.hasher.hash(password)  # spend the same time whether or not the user exists
            return None
        try:
            self.hasher.verify(row.password_hash, password)
        except (VerificationError, InvalidHashError):
            return None
        return User(row.id, row.name, row.role)

    # -- sessions -----------------------------------------------------------------------------

    def start_session(self, user: User) -> tuple[str, str]:
        """A new session: (cookie value, CSRF token for its forms)."""
        cookie, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        now = self.clock()
        with self.store.transaction() as conn:
            conn.execute(schema.sessions.insert().values(
                id=_hash(cookie), user_id=user.id, csrf=csrf, created_at=now,
                expires_at=now + dt.timedelta(days=SESSION_DAYS)))
        return cookie, csrf

    def session(self, cookie: str) -> tuple[User, str] | None:
        """The user and CSRF token of a live session, or None."""
        query = (sa.select(schema.users.c.id, schema.users.c.name, schema.users.c.role,
                           schema.users.c.disabled, schema.sessions.c.csrf,
                           schema.sessions.c.expires_at)
                 .join(schema.users, schema.users.c.id == schema.sessions.c.user_id)
                 .where(schema.sessions.c.id == _hash(cookie)))
        with self.store.engine.connect() as conn:
            row = conn.execute(query).first()
        if row is None or row.disabled or row.expires_at < self.clock():
            return None
        return User(row.id, row.name, row.role), row.csrf

    def end_session(self, cookie: str) -> None:
        with self.store.transaction() as conn:
            conn.execute(schema.sessions.delete().where(schema.sessions.c.id == _hash(cookie)))

    # -- API tokens ---------------------------------------------------------------------------

    def create_token(self, name: str, label: str = "") -> str:
        """A new API token for user ``name``; shown once, only its hash is kept."""
        row = self._user_row(name)
        if row is None:
            raise AccountError(f"no user {name!r}; add one with `marsad user add {name} --role ...`")
        token = "msd_" + secrets.token_urlsafe(32)
        with self.store.transaction() as conn:
            conn.execute(schema.tokens.insert().values(
                id=_hash(token), user_id=row.id, label=label, created_at=self.clock()))
        self.audit(name, "token_create", f"user:{name}", {"label": label})
        return token

    def token_user(self, token: str) -> User | None:
        query = (sa.select(schema.users)
                 .join(schema.tokens, schema.users.c.id == schema.tokens.c.user_id)
                 .where(schema.tokens.c.id == _hash(token)))
        with self.store.engine.connect() as conn:
            row = conn.execute(query).first()
        if row is None or row.disabled:
            return None
        return User(row.id, row.name, row.role)

    # -- audit --------------------------------------------------------------------------------

    def audit(self, user_name: str, action: str, target: str,
              detail: dict[str, Any] | None = None, connection=None) -> None:
        values = dict(at=self.clock(), user_name=user_name, action=action, target=target,
                      detail=detail or {})
        if connection is not None:
            connection.execute(schema.audit.insert().values(**values))
            return
        with self.store.transaction() as conn:
            conn.execute(schema.audit.insert().values(**values))

    def history(self, target: str) -> list[AuditEntry]:
        query = (sa.select(schema.audit).where(schema.audit.c.target == target)
                 .order_by(schema.audit.c.at, schema.audit.c.id))
        with self.store.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [AuditEntry(r.at, r.user_name, r.action, r.target, dict(r.detail)) for r in rows]

    def recent(self, limit: int = 50) -> list[AuditEntry]:
        query = sa.select(schema.audit).order_by(schema.audit.c.id.desc()).limit(limit)
        with self.store.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [AuditEntry(r.at, r.user_name, r.action, r.target, dict(r.detail)) for r in rows]
