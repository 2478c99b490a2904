"""Incremental resolution: where each resolved claim can reach others, and the merge window.

Revision ID: 0005_resolve_blocks
Revises: 0002_decisions
"""
from alembic import op
import sqlalchemy as sa

revision = "0005_resolve_blocks"
down_revision = "0002_decisions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "resolve_blocks",
        sa.Column("claim_id", sa.String(32), primary_key=True),
        sa.Column("report_id", sa.String(32), nullable=False),
        sa.Column("event_type", sa.String(64), nullable=False),
        sa.Column("region", sa.Text, nullable=False),
        sa.Column("long", sa.Boolean, nullable=False),
        sa.Column("span_first", sa.Date, nullable=True),
        sa.Column("span_last", sa.Date, nullable=True),
        sa.Column("level", sa.Integer, nullable=False),
    )
    op.create_index("ix_resolve_blocks_report_id", "resolve_blocks", ["report_id"])
    op.create_index("ix_resolve_blocks_reach", "resolve_blocks",
                    ["event_type", "region", "long", "span_first"])
    op.create_table(
        "resolve_state",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("resolve_state")
    op.drop_table("resolve_blocks")
