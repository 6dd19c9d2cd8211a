"""training: enrolments (places and the waitlist, in arrival order)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01

"""
import sqlalchemy as sa
from alembic import op

from shared.db import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_ID = sa.String(length=36)
_USER = sa.String(length=200)


def upgrade() -> None:
    op.create_table(
        "enrolments",
        sa.Column("id", _ID, nullable=False),
        sa.Column("cohort_id", _ID, sa.ForeignKey("cohorts.id"), nullable=False),
        sa.Column("beneficiary_id", _ID, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("requested_by", _USER, nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("enrolled_at", UTCDateTime(), nullable=True),
        sa.Column("withdrawn_at", UTCDateTime(), nullable=True),
        sa.Column("withdrawn_by", _USER, nullable=True),
        sa.Column("withdrawal_reason", sa.String(length=500), nullable=True),
        sa.Column("ended_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("cohort_id", "seq", name="uq_enrolments_cohort_seq"),
    )
    op.create_index("ix_enrolments_beneficiary", "enrolments", ["beneficiary_id"])
    op.create_index("ix_enrolments_cohort_status", "enrolments", ["cohort_id", "status", "seq"])


def downgrade() -> None:
    op.drop_index("ix_enrolments_cohort_status", table_name="enrolments")
    op.drop_index("ix_enrolments_beneficiary", table_name="enrolments")
    op.drop_table("enrolments")
