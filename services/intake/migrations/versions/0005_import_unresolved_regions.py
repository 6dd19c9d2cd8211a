"""intake: an import counts the registered rows whose typed state was not read as a
region (kept as typed, counted as unknown in the indicators)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("imports", sa.Column("unresolved_regions", sa.Integer(), server_default="0",
                                       nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("imports") as table:
        table.drop_column("unresolved_regions")
