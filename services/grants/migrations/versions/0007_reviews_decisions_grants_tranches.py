"""reviews, decisions, grants (commitments) and their tranches

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30

"""
import sqlalchemy as sa
from alembic import op

from services.grants.adapters.decimals import Amount, Rate
from shared.db import UTCDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reviews",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("application_id", sa.String(36), sa.ForeignKey("applications.id"), nullable=False),
        sa.Column("review_round", sa.Integer(), nullable=False),
        sa.Column("reviewer", sa.String(200), nullable=False),
        sa.Column("scores", sa.JSON(), nullable=False),
        sa.Column("weighted_score", Amount(), nullable=False),
        sa.Column("no_conflict_of_interest", sa.Boolean(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("application_id", "review_round", "reviewer",
                            name="uq_reviews_one_per_round"),
    )
    op.create_table(
        "decisions",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("application_id", sa.String(36), sa.ForeignKey("applications.id"), nullable=False),
        sa.Column("review_round", sa.Integer(), nullable=False),
        sa.Column("officer", sa.String(200), nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_decisions_application", "decisions", ["application_id"])
    op.create_table(
        "grants",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("application_id", sa.String(36), sa.ForeignKey("applications.id"),
                  nullable=False, unique=True),
        sa.Column("programme_id", sa.String(36), sa.ForeignKey("programmes.id"), nullable=False),
        sa.Column("beneficiary_id", sa.String(36), nullable=False),
        sa.Column("amount", Amount(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("funding_amount", Amount(), nullable=False),
        sa.Column("funding_currency", sa.String(3), nullable=False),
        sa.Column("rate", Rate(), nullable=False),
        sa.Column("rate_date", sa.Date(), nullable=False),
        sa.Column("approved_on", sa.Date(), nullable=False),
        sa.Column("approvers", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("closed_at", UTCDateTime(), nullable=True),
    )
    op.create_index("ix_grants_programme_beneficiary", "grants", ["programme_id", "beneficiary_id"])
    op.create_table(
        "tranches",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("grant_id", sa.String(36), sa.ForeignKey("grants.id"), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("amount", Amount(), nullable=False),
        sa.Column("funding_share", Amount(), nullable=False),
        sa.Column("monitoring_visit", sa.Boolean(), nullable=False),
        sa.Column("supplier_id", sa.String(36), sa.ForeignKey("suppliers.id"), nullable=True),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("released_by", sa.String(200), nullable=True),
        sa.Column("released_at", UTCDateTime(), nullable=True),
        sa.Column("invoice_reference", sa.String(100), nullable=True),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column("bank_reference", sa.String(100), nullable=True),
        sa.Column("paid_rate", Rate(), nullable=True),
        sa.Column("paid_funding", Amount(), nullable=True),
        sa.Column("confirmed_by", sa.String(200), nullable=True),
        sa.Column("reversed_by", sa.String(200), nullable=True),
        sa.Column("reversed_at", UTCDateTime(), nullable=True),
        sa.Column("reversal_reason", sa.Text(), nullable=True),
        sa.UniqueConstraint("grant_id", "sequence", name="uq_tranches_sequence"),
    )


def downgrade() -> None:
    op.drop_table("tranches")
    op.drop_index("ix_grants_programme_beneficiary", table_name="grants")
    op.drop_table("grants")
    op.drop_index("ix_decisions_application", table_name="decisions")
    op.drop_table("decisions")
    op.drop_table("reviews")
