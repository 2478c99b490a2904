"""The resolve area's own table: analysts' decisions on events.

Kept apart from the store's schema (``marsad.store.schema``) so that this area's migration
branch (``0002_decisions``, label ``resolve``) owns exactly this table. Rows are appended,
never updated: the log of decisions is the history an analyst can audit.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

decisions = sa.Table(
    "resolve_decisions", metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("who", sa.String(200), nullable=False),
    sa.Column("at", sa.DateTime, nullable=False, index=True),
    sa.Column("record", sa.JSON, nullable=False),
)
