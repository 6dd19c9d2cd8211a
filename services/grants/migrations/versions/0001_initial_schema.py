"""grants: initial schema (messaging tables, beneficiary projection)

Revision ID: 0001
Revises:
Create Date: 2026-11-29

"""
from alembic import op

from shared.beneficiary_projection import migration_v1 as projection
from shared.messaging import schema_v1 as messaging

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    messaging.create(op)
    projection.create(op)


def downgrade() -> None:
    projection.drop(op)
    messaging.drop(op)
