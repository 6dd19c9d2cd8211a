"""notifications: when a sending round handed a message to its gateway

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30

A message marked *sending* that was never handed over (its worker died first) is known
unsent and can be queued again; only a handed one's outcome is unknown. Messages sending
before this count as handed (as they were treated until now).
"""
import sqlalchemy as sa
from alembic import op

from shared.db import UTCDateTime

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("messages", sa.Column("handed_at", UTCDateTime(), nullable=True))
    op.execute("UPDATE messages SET handed_at = sending_at WHERE status = 'sending'")


def downgrade() -> None:
    with op.batch_alter_table("messages") as batch:
        batch.drop_column("handed_at")
