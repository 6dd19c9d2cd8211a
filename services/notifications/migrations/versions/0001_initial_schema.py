"""notifications: initial schema (messaging tables, embedded SMS sink)

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
        "sms_sink",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("beneficiary_id", sa.String(length=36), nullable=False),
        sa.Column("template", sa.String(length=60), nullable=False),
        sa.Column("language", sa.String(length=3), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("caused_by", sa.String(length=36), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_sms_sink_beneficiary", "sms_sink", ["beneficiary_id", "recorded_at"])


def downgrade() -> None:
    op.drop_index("ix_sms_sink_beneficiary", table_name="sms_sink")
    op.drop_table("sms_sink")
    messaging.drop(op)
