"""notifications: recipients (language, consented channels, erasure)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29

"""
import sqlalchemy as sa
from alembic import op

from shared.db import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "recipients",
        sa.Column("beneficiary_id", sa.String(length=36), nullable=False),
        sa.Column("preferred_language", sa.String(length=3), nullable=False),
        sa.Column("sms_allowed", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("email_allowed", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("welcomed_at", UTCDateTime(), nullable=True),
        sa.Column("erased_at", UTCDateTime(), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("beneficiary_id"),
    )


def downgrade() -> None:
    op.drop_table("recipients")
