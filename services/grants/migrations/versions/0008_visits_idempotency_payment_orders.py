"""monitoring visits, idempotency keys, payment orders

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30

"""
import sqlalchemy as sa
from alembic import op

from services.grants.adapters.decimals import Amount
from shared.db import UTCDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "monitoring_visits",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("grant_id", sa.String(36), sa.ForeignKey("grants.id"), nullable=False),
        sa.Column("visited_on", sa.Date(), nullable=False),
        sa.Column("officer", sa.String(200), nullable=False),
        sa.Column("business_operating", sa.Boolean(), nullable=False),
        sa.Column("employees", sa.Integer(), nullable=False),
        sa.Column("revenue_band", sa.String(20), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("recorded_by", sa.String(200), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_monitoring_visits_grant_id", "monitoring_visits", ["grant_id"])
    op.create_table(
        "idempotency_keys",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("operation", sa.String(100), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "payment_orders",
        sa.Column("tranche_id", sa.String(36), sa.ForeignKey("tranches.id"), primary_key=True),
        sa.Column("event_id", sa.String(36), nullable=False),
        sa.Column("payee", sa.String(20), nullable=False),
        sa.Column("supplier_id", sa.String(36), nullable=True),
        sa.Column("amount", Amount(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("payment_orders")
    op.drop_table("idempotency_keys")
    op.drop_index("ix_monitoring_visits_grant_id", table_name="monitoring_visits")
    op.drop_table("monitoring_visits")
