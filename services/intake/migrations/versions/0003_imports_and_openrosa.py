"""intake: bulk imports (progress, rejected rows) and OpenRosa submissions received

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29

"""
import sqlalchemy as sa
from alembic import op

from shared.db import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "imports",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("total_rows", sa.Integer(), server_default="0", nullable=False),
        sa.Column("registered", sa.Integer(), server_default="0", nullable=False),
        sa.Column("rejected", sa.Integer(), server_default="0", nullable=False),
        sa.Column("duplicates", sa.Integer(), server_default="0", nullable=False),
        sa.Column("preferred_language", sa.String(length=3), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=False),
        sa.Column("finished_at", UTCDateTime(), nullable=True),
        sa.Column("failure", sa.String(length=500), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("fingerprint"),
    )
    op.create_table(
        "import_rejections",
        sa.Column("id", _SEQ, autoincrement=True, nullable=False),
        sa.Column("import_id", sa.String(length=36), sa.ForeignKey("imports.id"), nullable=False),
        sa.Column("row_number", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=100), nullable=False),
        sa.Column("message", sa.String(length=500), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_import_rejections_import", "import_rejections",
                    ["import_id", "row_number"])
    op.create_table(
        "openrosa_submissions",
        sa.Column("instance_id", sa.String(length=255), nullable=False),
        sa.Column("beneficiary_id", sa.String(length=36), sa.ForeignKey("beneficiaries.id"),
                  nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("submitted_by", sa.String(length=200), nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("instance_id"),
    )


def downgrade() -> None:
    op.drop_table("openrosa_submissions")
    op.drop_index("ix_import_rejections_import", table_name="import_rejections")
    op.drop_table("import_rejections")
    op.drop_table("imports")
