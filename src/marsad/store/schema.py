"""The database schema, as SQLAlchemy Core tables.

Every row is traceable: events point to claims (``event_claims``), claims, tolls and controls
point to their report and to the character span of their evidence sentence. Whole records are
kept as JSON in ``record`` (the typed record, validated on the way out); the other columns are
the ones queries filter and sort on. ``unresolved_claims`` names the claims whose events are not
yet built (written in the same transaction as the claims, so a crash never loses that work) and
``jobs`` is the queue of work the web app hands to workers. The Alembic migrations in ``migrations/versions`` create
exactly these tables; a test checks that the two agree.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

reports = sa.Table(
    "reports", metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("title", sa.Text, nullable=False, default=""),
    sa.Column("published", sa.Date, nullable=True, index=True),
    sa.Column("outlet", sa.String(200), nullable=False, default=""),
    sa.Column("url", sa.Text, nullable=False, default=""),
    sa.Column("language", sa.String(16), nullable=False, default=""),
    sa.Column("kind", sa.String(16), nullable=False, default="news"),
    sa.Column("source_path", sa.Text, nullable=False, default=""),
    sa.Column("ingested_at", sa.DateTime, nullable=True),
    sa.Column("status", sa.Text, nullable=False, default=""),
    sa.Column("record", sa.JSON, nullable=False),
)

claims = sa.Table(
    "claims", metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("report_id", sa.String(32), sa.ForeignKey("reports.id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("event_type", sa.String(64), nullable=False),
    sa.Column("sub_event_type", sa.String(64), nullable=False),
    sa.Column("event_date", sa.Date, nullable=True, index=True),
    sa.Column("background", sa.Boolean, nullable=False, default=False),
    sa.Column("record", sa.JSON, nullable=False),
)

events = sa.Table(
    "events", metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("event_date", sa.Date, nullable=True, index=True),
    sa.Column("event_type", sa.String(64), nullable=False, index=True),
    sa.Column("sub_event_type", sa.String(64), nullable=False),
    sa.Column("actor1", sa.String(200), nullable=False, default=""),
    sa.Column("actor2", sa.String(200), nullable=False, default=""),
    sa.Column("location", sa.String(200), nullable=False, default=""),
    sa.Column("country", sa.String(8), nullable=False, default=""),
    sa.Column("latitude", sa.Float, nullable=True),
    sa.Column("longitude", sa.Float, nullable=True),
    sa.Column("fatalities_best", sa.Integer, nullable=True),
    sa.Column("status", sa.String(32), nullable=False),
    sa.Column("record", sa.JSON, nullable=False),
)

event_claims = sa.Table(
    "event_claims", metadata,
    sa.Column("event_id", sa.String(32), sa.ForeignKey("events.id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("claim_id", sa.String(32), sa.ForeignKey("claims.id", ondelete="CASCADE"),
              primary_key=True, index=True),
)

tolls = sa.Table(
    "tolls", metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("report_id", sa.String(32), sa.ForeignKey("reports.id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("victims", sa.String(200), nullable=False),
    sa.Column("period_end", sa.Date, nullable=True),
    sa.Column("record", sa.JSON, nullable=False),
)

controls = sa.Table(
    "controls", metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("report_id", sa.String(32), sa.ForeignKey("reports.id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("place", sa.String(200), nullable=False, index=True),
    sa.Column("holder", sa.String(200), nullable=False),
    sa.Column("as_of", sa.Date, nullable=True),
    sa.Column("record", sa.JSON, nullable=False),
)


# Claims stored (or changed, or removed) whose events are not built yet: written in the same
# transaction as the claims, emptied by the resolver when their events are written. No foreign
# key: a removed claim stays named here until the events it was in are resolved again.
unresolved_claims = sa.Table(
    "unresolved_claims", metadata,
    sa.Column("claim_id", sa.String(32), primary_key=True),
)

# Work queued for a worker (a field report to run through the pipeline): it survives restarts,
# and a job whose worker stopped is taken again once its lease runs out (at least once).
jobs = sa.Table(
    "jobs", metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("state", sa.String(16), nullable=False, index=True),
    sa.Column("user_name", sa.String(100), nullable=False, default=""),
    sa.Column("payload", sa.JSON, nullable=False),
    sa.Column("result", sa.JSON, nullable=True),
    sa.Column("error", sa.Text, nullable=False, default=""),
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("worker", sa.String(200), nullable=False, default=""),
    sa.Column("created_at", sa.DateTime, nullable=False, index=True),
    sa.Column("started_at", sa.DateTime, nullable=True),
    sa.Column("finished_at", sa.DateTime, nullable=True),
)
