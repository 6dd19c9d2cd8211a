"""notifications: each gateway's token bucket, shared by all workers

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30

"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "gateway_buckets",
        sa.Column("gateway", sa.String(length=20), primary_key=True),
        sa.Column("tokens", sa.Float(), nullable=False),
        sa.Column("counted_at", sa.Float(), nullable=False),  # seconds since the epoch
    )


def downgrade() -> None:
    op.drop_table("gateway_buckets")
