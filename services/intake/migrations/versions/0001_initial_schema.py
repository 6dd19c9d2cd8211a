"""intake: initial schema (messaging tables, beneficiaries)

Revision ID: 0001
Revises:
Create Date: 2026-11-29

"""
from alembic import op

import sqlalchemy as sa

from shared.db import UTCDateTime
from shared.messaging import schema_v1 as messaging

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    messaging.create(op)
    op.create_table(
        "beneficiaries",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("region", sa.String(length=100), nullable=True),
        sa.Column("sex", sa.String(length=40), nullable=False),
        sa.Column("age_band", sa.String(length=10), nullable=False),
        sa.Column("preferred_language", sa.String(length=3), nullable=False),
        sa.Column("registered_at", UTCDateTime(), nullable=False),
        sa.Column("registered_by", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("beneficiaries")
    messaging.drop(op)
