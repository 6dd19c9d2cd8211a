"""notifications: the channel a beneficiary prefers

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30

"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("recipients", sa.Column("preferred_channel", sa.String(length=5), nullable=True))


def downgrade() -> None:
    op.drop_column("recipients", "preferred_channel")
