"""notifications: templates, the message log, sinks by message, inbound number index,
opt-outs, training's schedule for reminders

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
    with op.batch_alter_table("sms_sink") as batch:
        batch.alter_column("caused_by", type_=sa.String(length=120), existing_nullable=False)
    op.add_column("recipients", sa.Column("sms_opted_out_at", UTCDateTime(), nullable=True))
    op.create_table(
        "email_sink",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("beneficiary_id", sa.String(length=36), nullable=False),
        sa.Column("template", sa.String(length=60), nullable=False),
        sa.Column("language", sa.String(length=3), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("caused_by", sa.String(length=120), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_email_sink_beneficiary", "email_sink", ["beneficiary_id", "recorded_at"])
    op.create_table(
        "sms_numbers",
        sa.Column("number_index", sa.String(length=64), nullable=False),
        sa.Column("beneficiary_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("number_index", "beneficiary_id"),
    )
    op.create_index("ix_sms_numbers_beneficiary", "sms_numbers", ["beneficiary_id"])
    op.create_table(
        "templates",
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("language", sa.String(length=3), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("changed_by", sa.String(length=200), nullable=False),
        sa.Column("changed_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "language"),
    )
    op.create_table(
        "template_history",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("language", sa.String(length=3), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("changed_by", sa.String(length=200), nullable=False),
        sa.Column("changed_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("kind", "language", "version", name="uq_template_history_version"),
    )
    op.create_table(
        "messages",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("beneficiary_id", sa.String(length=36), nullable=False),
        sa.Column("template", sa.String(length=40), nullable=False),
        sa.Column("cause", sa.String(length=120), nullable=False),
        sa.Column("variables", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("channel", sa.String(length=5), nullable=True),
        sa.Column("failed_channels", sa.String(length=20), server_default="", nullable=False),
        sa.Column("reason", sa.String(length=60), nullable=True),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("next_attempt_at", UTCDateTime(), nullable=False),
        sa.Column("dlr_token_hash", sa.String(length=64), nullable=True),
        sa.Column("sealed_to", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("sending_at", UTCDateTime(), nullable=True),
        sa.Column("sent_at", UTCDateTime(), nullable=True),
        sa.Column("delivered_at", UTCDateTime(), nullable=True),
        sa.Column("failed_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("cause", "beneficiary_id", "template", name="uq_messages_once"),
    )
    op.create_index("ix_messages_due", "messages", ["status", "next_attempt_at"])
    op.create_index("ix_messages_beneficiary", "messages", ["beneficiary_id", "created_at"])
    op.create_index("ix_messages_created", "messages", ["created_at"])
    op.create_index("ix_messages_dlr_token", "messages", ["dlr_token_hash"], unique=True)
    op.create_table(
        "cohorts",
        sa.Column("cohort_id", sa.String(length=36), nullable=False),
        sa.Column("scheduled_as_of", UTCDateTime(), nullable=True),
        sa.Column("cancelled_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("cohort_id"),
    )
    op.create_table(
        "cohort_sessions",
        sa.Column("session_id", sa.String(length=36), nullable=False),
        sa.Column("cohort_id", sa.String(length=36), nullable=False),
        sa.Column("starts_at", UTCDateTime(), nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("session_id"),
    )
    op.create_index("ix_cohort_sessions_start", "cohort_sessions", ["starts_at"])
    op.create_index("ix_cohort_sessions_cohort", "cohort_sessions", ["cohort_id"])
    op.create_table(
        "placements",
        sa.Column("enrolment_id", sa.String(length=36), nullable=False),
        sa.Column("cohort_id", sa.String(length=36), nullable=False),
        sa.Column("beneficiary_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("as_of", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("enrolment_id"),
    )
    op.create_index("ix_placements_cohort", "placements", ["cohort_id", "status"])


def downgrade() -> None:
    for table in ("placements", "cohort_sessions", "cohorts", "messages", "template_history",
                  "templates", "sms_numbers", "email_sink"):
        op.drop_table(table)
    op.drop_column("recipients", "sms_opted_out_at")
    with op.batch_alter_table("sms_sink") as batch:
        batch.alter_column("caused_by", type_=sa.String(length=36), existing_nullable=False)
