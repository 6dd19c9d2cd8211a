"""applications (business plans), their budget lines, and documents

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30

"""
import sqlalchemy as sa
from alembic import op

from services.grants.adapters.decimals import Amount
from shared.db import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "applications",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("programme_id", sa.String(36), sa.ForeignKey("programmes.id"), nullable=False),
        sa.Column("beneficiary_id", sa.String(36), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("business_name", sa.String(200), nullable=False),
        sa.Column("sector", sa.String(1), nullable=False),
        sa.Column("oblast", sa.String(6), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("market", sa.Text(), nullable=False),
        sa.Column("modality", sa.String(10), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("requested_amount", Amount(), nullable=False),
        sa.Column("own_contribution", Amount(), nullable=False),
        sa.Column("review_round", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("submitted_at", UTCDateTime(), nullable=True),
        sa.Column("decided_at", UTCDateTime(), nullable=True),
    )
    op.create_index("ix_applications_programme_beneficiary", "applications",
                    ["programme_id", "beneficiary_id"])
    op.create_table(
        "budget_lines",
        sa.Column("application_id", sa.String(36), sa.ForeignKey("applications.id"),
                  primary_key=True),
        sa.Column("position", sa.Integer(), primary_key=True),
        sa.Column("item", sa.String(200), nullable=False),
        sa.Column("quantity", Amount(), nullable=False),
        sa.Column("unit_cost", Amount(), nullable=False),
        sa.Column("line_total", Amount(), nullable=False),
        sa.Column("supplier_id", sa.String(36), sa.ForeignKey("suppliers.id"), nullable=True),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("application_id", sa.String(36), sa.ForeignKey("applications.id"),
                  nullable=True),
        sa.Column("visit_id", sa.String(36), nullable=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("storage_key", sa.String(200), nullable=False),
        sa.Column("uploaded_by", sa.String(200), nullable=False),
        sa.Column("uploaded_at", UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("documents")
    op.drop_table("budget_lines")
    op.drop_index("ix_applications_programme_beneficiary", table_name="applications")
    op.drop_table("applications")
