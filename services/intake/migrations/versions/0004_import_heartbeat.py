"""intake: imports keep a heartbeat and an attempt number, so that one whose process died
is seen as stopped and can be taken up again by one run only

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29

"""
import sqlalchemy as sa
from alembic import op

from shared.db import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("imports", sa.Column("heartbeat_at", UTCDateTime(), nullable=True))
    op.add_column("imports", sa.Column("attempt", sa.Integer(), server_default="1", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("imports") as table:
        table.drop_column("attempt")
        table.drop_column("heartbeat_at")
