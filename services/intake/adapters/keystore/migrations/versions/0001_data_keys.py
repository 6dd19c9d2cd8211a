"""intake key store: wrapped data keys

Revision ID: 0001
Revises:
Create Date: 2026-11-29

"""
import sqlalchemy as sa
from alembic import op

from shared.db import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "data_keys",
        sa.Column("beneficiary_id", sa.String(length=36), nullable=False),
        sa.Column("master_key_id", sa.String(length=32), nullable=False),
        sa.Column("wrapped_key", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("rewrapped_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("beneficiary_id"),
    )


def downgrade() -> None:
    op.drop_table("data_keys")
