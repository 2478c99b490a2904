"""Reports, claims, events, tolls and control claims.

Revision ID: 0001_initial
Revises:
"""
from alembic import op
import sqlalchemy as sa

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reports",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("published", sa.Date, nullable=True),
        sa.Column("outlet", sa.String(200), nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("source_path", sa.Text, nullable=False),
        sa.Column("ingested_at", sa.DateTime, nullable=True),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("record", sa.JSON, nullable=False),
    )
    op.create_index("ix_reports_published", "reports", ["published"])
    op.create_table(
        "claims",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("report_id", sa.String(32), sa.ForeignKey("reports.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("event_type", sa.String(64), nullable=False),
        sa.Column("sub_event_type", sa.String(64), nullable=False),
        sa.Column("event_date", sa.Date, nullable=True),
        sa.Column("background", sa.Boolean, nullable=False),
        sa.Column("record", sa.JSON, nullable=False),
    )
    op.create_index("ix_claims_report_id", "claims", ["report_id"])
    op.create_index("ix_claims_event_date", "claims", ["event_date"])
    op.create_table(
        "events",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("event_date", sa.Date, nullable=True),
        sa.Column("event_type", sa.String(64), nullable=False),
        sa.Column("sub_event_type", sa.String(64), nullable=False),
        sa.Column("actor1", sa.String(200), nullable=False),
        sa.Column("actor2", sa.String(200), nullable=False),
        sa.Column("location", sa.String(200), nullable=False),
        sa.Column("country", sa.String(8), nullable=False),
        sa.Column("latitude", sa.Float, nullable=True),
        sa.Column("longitude", sa.Float, nullable=True),
        sa.Column("fatalities_best", sa.Integer, nullable=True),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("record", sa.JSON, nullable=False),
    )
    op.create_index("ix_events_event_date", "events", ["event_date"])
    op.create_index("ix_events_event_type", "events", ["event_type"])
    op.create_table(
        "event_claims",
        sa.Column("event_id", sa.String(32), sa.ForeignKey("events.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("claim_id", sa.String(32), sa.ForeignKey("claims.id", ondelete="CASCADE"),
                  primary_key=True),
    )
    op.create_index("ix_event_claims_claim_id", "event_claims", ["claim_id"])
    op.create_table(
        "tolls",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("report_id", sa.String(32), sa.ForeignKey("reports.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("victims", sa.String(200), nullable=False),
        sa.Column("period_end", sa.Date, nullable=True),
        sa.Column("record", sa.JSON, nullable=False),
    )
    op.create_index("ix_tolls_report_id", "tolls", ["report_id"])
    op.create_table(
        "controls",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("report_id", sa.String(32), sa.ForeignKey("reports.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("place", sa.String(200), nullable=False),
        sa.Column("holder", sa.String(200), nullable=False),
        sa.Column("as_of", sa.Date, nullable=True),
        sa.Column("record", sa.JSON, nullable=False),
    )
    op.create_index("ix_controls_report_id", "controls", ["report_id"])
    op.create_index("ix_controls_place", "controls", ["place"])


def downgrade() -> None:
    for table in ("controls", "tolls", "event_claims", "events", "claims", "reports"):
        op.drop_table(table)
