"""The web app's own tables: accounts, sessions, API tokens, the audit log and uploads.

Kept apart from the store's schema (``marsad.store.schema``) so that the web app's migration
branch (``0003_web``) owns exactly these tables. Secrets are never stored: sessions and tokens
are kept as SHA-256 hashes, passwords as argon2 hashes.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

users = sa.Table(
    "web_users", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(100), nullable=False, unique=True),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("disabled", sa.Boolean, nullable=False, default=False),
)

sessions = sa.Table(
    "web_sessions", metadata,
    sa.Column("id", sa.String(64), primary_key=True),  # sha256 of the cookie value
    sa.Column("user_id", sa.Integer, sa.ForeignKey("web_users.id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("csrf", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("expires_at", sa.DateTime, nullable=False),
)

tokens = sa.Table(
    "web_tokens", metadata,
    sa.Column("id", sa.String(64), primary_key=True),  # sha256 of the token
    sa.Column("user_id", sa.Integer, sa.ForeignKey("web_users.id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("label", sa.String(200), nullable=False, default=""),
    sa.Column("created_at", sa.DateTime, nullable=False),
)

audit = sa.Table(
    "web_audit", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime, nullable=False, index=True),
    sa.Column("user_name", sa.String(100), nullable=False),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("target", sa.String(64), nullable=False, index=True),
    sa.Column("detail", sa.JSON, nullable=False),
)

uploads = sa.Table(
    "web_uploads", metadata,
    sa.Column("id", sa.String(64), primary_key=True),  # sha256 of the file
    sa.Column("report_id", sa.String(32), nullable=False, index=True),
    sa.Column("user_name", sa.String(100), nullable=False),
    sa.Column("filename", sa.Text, nullable=False),
    sa.Column("content_type", sa.String(64), nullable=False),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("path", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
)
