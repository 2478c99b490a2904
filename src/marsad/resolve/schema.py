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

# Where each resolved claim can reach others (see marsad.resolve.blocks): its event type, its
# region (country and province, or the outermost name the text gives), the days it can mean and
# its report. New claims are compared only with the rows their block reaches, so resolving a
# few new claims reads a few rows, however large the store. No foreign key: when a claim is
# removed, its row still says which claims it reached until they are resolved again.
blocks = sa.Table(
    "resolve_blocks", metadata,
    sa.Column("claim_id", sa.String(32), primary_key=True),
    sa.Column("report_id", sa.String(32), nullable=False, index=True),
    sa.Column("event_type", sa.String(64), nullable=False),
    sa.Column("region", sa.Text, nullable=False),
    sa.Column("long", sa.Boolean, nullable=False),  # spans more than blocks.LONG days
    sa.Column("span_first", sa.Date, nullable=True),  # null: undated
    sa.Column("span_last", sa.Date, nullable=True),
    sa.Column("level", sa.Integer, nullable=False),  # the site's level; 3 = no place
    # the site's root (a town's place id or name; see marsad.resolve.sites), or "" for a claim
    # known only at province level or not at all: only claims of the same root, or of "",
    # can fit a town's (sites_fit)
    sa.Column("root", sa.Text, nullable=False, server_default=""),
    sa.Index("ix_resolve_blocks_reach", "event_type", "region", "long", "span_first"),
    sa.Index("ix_resolve_blocks_root", "event_type", "region", "root", "long", "span_first"),
)

# What the events in the store were resolved with (the merge window): a run with another
# window resolves every claim again.
state = sa.Table(
    "resolve_state", metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)
