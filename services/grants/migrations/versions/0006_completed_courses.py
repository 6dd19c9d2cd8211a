"""completed courses (from training's events), for eligibility

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30

"""
import sqlalchemy as sa
from alembic import op

from services.grants.adapters.decimals import Amount

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "completed_courses",
        sa.Column("enrolment_id", sa.String(36), primary_key=True),
        sa.Column("beneficiary_id", sa.String(36), nullable=False),
        sa.Column("course_category", sa.String(40), nullable=False),
        sa.Column("hours", Amount(), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=False),
    )
    op.create_index("ix_completed_courses_beneficiary_id", "completed_courses", ["beneficiary_id"])


def downgrade() -> None:
    op.drop_index("ix_completed_courses_beneficiary_id", table_name="completed_courses")
    op.drop_table("completed_courses")
