"""beneficiary projection: consent to case management and erasure

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29

"""
from alembic import op

from shared.beneficiary_projection import migration_v2 as projection

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    projection.upgrade(op)


def downgrade() -> None:
    projection.downgrade(op)
