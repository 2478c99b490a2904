"""Analysts' decisions on events (merge, split, review, correct).

Revision ID: 0002_decisions
Revises: 0001_initial
"""
from alembic import op
import sqlalchemy as sa

revision = "0002_decisions"
down_revision = "0001_initial"
branch_labels = ("resolve",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "resolve_decisions",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("who", sa.String(200), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("record", sa.JSON, nullable=False),
    )
    op.create_index("ix_resolve_decisions_at", "resolve_decisions", ["at"])


def downgrade() -> None:
    op.drop_table("resolve_decisions")
