"""training: completions (the assessment's result) and their certificates

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01

"""
import sqlalchemy as sa
from alembic import op

from shared.db import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("enrolments", sa.Column("assessment_score", sa.Integer(), nullable=True))
    op.create_table(
        "certificates",
        sa.Column("code", sa.String(length=14), nullable=False),
        sa.Column("enrolment_id", sa.String(length=36), sa.ForeignKey("enrolments.id"), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=False),
        sa.Column("issued_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
        sa.UniqueConstraint("enrolment_id"),
    )


def downgrade() -> None:
    op.drop_table("certificates")
    with op.batch_alter_table("enrolments") as table:
        table.drop_column("assessment_score")
