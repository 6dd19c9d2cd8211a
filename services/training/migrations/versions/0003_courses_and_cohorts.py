"""training: courses, cohorts, their trainers and their sessions

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

"""
import sqlalchemy as sa
from alembic import op

from shared.db import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_ID = sa.String(length=36)
_USER = sa.String(length=200)


def upgrade() -> None:
    op.create_table(
        "courses",
        sa.Column("id", _ID, nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("hours", sa.Numeric(6, 1), nullable=False),
        sa.Column("language", sa.String(length=3), nullable=False),
        sa.Column("provider", sa.String(length=200), nullable=False),
        sa.Column("min_attendance_percent", sa.Integer(), nullable=False),
        sa.Column("assessment_required", sa.Boolean(), nullable=False),
        sa.Column("pass_mark", sa.Integer(), nullable=True),
        sa.Column("created_by", _USER, nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "cohorts",
        sa.Column("id", _ID, nullable=False),
        sa.Column("course_id", _ID, sa.ForeignKey("courses.id"), nullable=False),
        sa.Column("oblast", sa.String(length=6), nullable=False),
        sa.Column("venue", sa.String(length=300), nullable=True),
        sa.Column("online", sa.Boolean(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("cancellation_reason", sa.String(length=500), nullable=True),
        sa.Column("cancelled_at", UTCDateTime(), nullable=True),
        sa.Column("created_by", _USER, nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_cohorts_course_id", "cohorts", ["course_id"])
    op.create_table(
        "cohort_trainers",
        sa.Column("cohort_id", _ID, sa.ForeignKey("cohorts.id"), nullable=False),
        sa.Column("trainer", _USER, nullable=False),
        sa.PrimaryKeyConstraint("cohort_id", "trainer"),
    )
    op.create_index("ix_cohort_trainers_trainer", "cohort_trainers", ["trainer"])
    op.create_table(
        "sessions",
        sa.Column("id", _ID, nullable=False),
        sa.Column("cohort_id", _ID, sa.ForeignKey("cohorts.id"), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("starts_local", sa.Time(), nullable=False),
        sa.Column("ends_local", sa.Time(), nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("starts_at", UTCDateTime(), nullable=False),
        sa.Column("ends_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_sessions_cohort_start", "sessions", ["cohort_id", "starts_at"])


def downgrade() -> None:
    op.drop_index("ix_sessions_cohort_start", table_name="sessions")
    op.drop_table("sessions")
    op.drop_index("ix_cohort_trainers_trainer", table_name="cohort_trainers")
    op.drop_table("cohort_trainers")
    op.drop_index("ix_cohorts_course_id", table_name="cohorts")
    op.drop_table("cohorts")
    op.drop_table("courses")
