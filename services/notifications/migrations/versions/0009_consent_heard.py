"""notifications: when a recipient's consent state was last heard from intake

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30

Recipients known before this count as heard (as they were treated until now), so nothing
of theirs starts waiting.
"""
import sqlalchemy as sa
from alembic import op

from shared.db import UTCDateTime

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("recipients", sa.Column("consent_heard_at", UTCDateTime(), nullable=True))
    op.execute("UPDATE recipients SET consent_heard_at = updated_at")


def downgrade() -> None:
    with op.batch_alter_table("recipients") as batch:
        batch.drop_column("consent_heard_at")
