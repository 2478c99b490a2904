"""Incremental resolution: each resolved claim's root place (town, or coarser area), so that the
claims a new claim can reach are sieved in SQL to those whose place can fit its own.

Revision ID: 0006_block_roots
Revises: 0005_resolve_blocks
"""
from alembic import op
import sqlalchemy as sa

revision = "0006_block_roots"
down_revision = "0005_resolve_blocks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # rows written before have no root (""), as if they could fit any claim: read as before
    with op.batch_alter_table("resolve_blocks") as table:
        table.add_column(sa.Column("root", sa.Text, nullable=False, server_default=""))
    op.create_index("ix_resolve_blocks_root", "resolve_blocks",
                    ["event_type", "region", "root", "long", "span_first"])


def downgrade() -> None:
    op.drop_index("ix_resolve_blocks_root", "resolve_blocks")
    with op.batch_alter_table("resolve_blocks") as table:
        table.drop_column("root")
