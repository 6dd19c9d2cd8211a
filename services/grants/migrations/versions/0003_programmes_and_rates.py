"""programmes (envelopes and terms) and their exchange rates

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30

"""
import sqlalchemy as sa
from alembic import op

from services.grants.adapters.decimals import Amount, Rate
from shared.db import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "programmes",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("donor", sa.String(200), nullable=False),
        sa.Column("funding_currency", sa.String(3), nullable=False),
        sa.Column("local_currency", sa.String(3), nullable=False),
        sa.Column("envelope_total", Amount(), nullable=False),
        sa.Column("grant_cap", Amount(), nullable=False),
        sa.Column("course_category", sa.String(40), nullable=False),
        sa.Column("min_course_hours", Amount(), nullable=False),
        sa.Column("terms", sa.JSON(), nullable=False),
        sa.Column("committed_funding", Amount(), nullable=False),
        sa.Column("committed_local", Amount(), nullable=False),
        sa.Column("disbursed_funding", Amount(), nullable=False),
        sa.Column("disbursed_local", Amount(), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "exchange_rates",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("programme_id", sa.String(36), sa.ForeignKey("programmes.id"), nullable=False),
        sa.Column("rate_date", sa.Date(), nullable=False),
        sa.Column("rate", Rate(), nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("recorded_by", sa.String(200), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("programme_id", "rate_date", name="uq_exchange_rates_programme_date"),
    )


def downgrade() -> None:
    op.drop_table("exchange_rates")
    op.drop_table("programmes")
