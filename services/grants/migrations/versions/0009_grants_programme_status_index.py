"""an index for counting each programme's grants by status (the budget report)

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30

"""
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_grants_programme_status", "grants", ["programme_id", "status"])


def downgrade() -> None:
    op.drop_index("ix_grants_programme_status", table_name="grants")
