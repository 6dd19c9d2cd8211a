"""portal: each member of staff's chosen language

Revision ID: 0001
Revises:
Create Date: 2026-11-30

"""
import sqlalchemy as sa
from alembic import op

import shared.db

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff_languages",
        sa.Column("subject", sa.String(255), primary_key=True),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("chosen_at", shared.db.UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("staff_languages")
