"""training: attendance marks, their corrections, and absence alerts

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

"""
import sqlalchemy as sa
from alembic import op

from shared.db import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_ID = sa.String(length=36)
_USER = sa.String(length=200)
_SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "attendance",
        sa.Column("session_id", _ID, sa.ForeignKey("sessions.id"), nullable=False),
        sa.Column("enrolment_id", _ID, sa.ForeignKey("enrolments.id"), nullable=False),
        sa.Column("mark", sa.String(length=8), nullable=False),
        sa.Column("marked_by", _USER, nullable=False),
        sa.Column("marked_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("session_id", "enrolment_id"),
    )
    op.create_index("ix_attendance_enrolment", "attendance", ["enrolment_id"])
    op.create_table(
        "attendance_corrections",
        sa.Column("id", _SEQ, autoincrement=True, nullable=False),
        sa.Column("session_id", _ID, sa.ForeignKey("sessions.id"), nullable=False),
        sa.Column("enrolment_id", _ID, sa.ForeignKey("enrolments.id"), nullable=False),
        sa.Column("previous_mark", sa.String(length=8), nullable=False),
        sa.Column("mark", sa.String(length=8), nullable=False),
        sa.Column("corrected_by", _USER, nullable=False),
        sa.Column("corrected_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_attendance_corrections_session", "attendance_corrections", ["session_id"])
    op.create_table(
        "absence_alerts",
        sa.Column("enrolment_id", _ID, sa.ForeignKey("enrolments.id"), nullable=False),
        sa.Column("first_session_id", _ID, sa.ForeignKey("sessions.id"), nullable=False),
        sa.Column("last_session_id", _ID, sa.ForeignKey("sessions.id"), nullable=False),
        sa.Column("absences", sa.Integer(), nullable=False),
        sa.Column("raised_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("enrolment_id", "first_session_id"),
    )


def downgrade() -> None:
    op.drop_table("absence_alerts")
    op.drop_index("ix_attendance_corrections_session", table_name="attendance_corrections")
    op.drop_table("attendance_corrections")
    op.drop_index("ix_attendance_enrolment", table_name="attendance")
    op.drop_table("attendance")
