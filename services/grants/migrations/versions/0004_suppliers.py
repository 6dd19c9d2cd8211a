"""suppliers of in-kind grants

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30

"""
import sqlalchemy as sa
from alembic import op

from shared.db import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "suppliers",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("registration_code", sa.String(40), nullable=False),
        sa.Column("iban", sa.String(34), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("country", "registration_code", name="uq_suppliers_registration"),
    )


def downgrade() -> None:
    op.drop_table("suppliers")
