"""notifications: consented contact channels, sealed

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29

"""
import sqlalchemy as sa
from alembic import op

from shared.db import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "contacts",
        sa.Column("beneficiary_id", sa.String(length=36), nullable=False),
        sa.Column("sealed", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("beneficiary_id"),
    )


def downgrade() -> None:
    op.drop_table("contacts")
