"""intake: enrolments completed at training, with the trainers who may print the name
on their certificates

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30

"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "completed_enrolments",
        sa.Column("enrolment_id", sa.String(length=36), nullable=False),
        sa.Column("beneficiary_id", sa.String(length=36), sa.ForeignKey("beneficiaries.id"),
                  nullable=False),
        sa.Column("trainers", sa.Text(), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("enrolment_id"),
    )
    op.create_index("ix_completed_enrolments_beneficiary_id", "completed_enrolments",
                    ["beneficiary_id"])


def downgrade() -> None:
    op.drop_index("ix_completed_enrolments_beneficiary_id", table_name="completed_enrolments")
    op.drop_table("completed_enrolments")
