"""intake: protected records (encrypted sections, blind indexes, audit log, consents,
duplicate overrides) and the anonymous attributes reports need

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29

"""
import sqlalchemy as sa
from alembic import op

from shared.db import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_CLEAR = (
    ("trafficking_status", sa.String(length=40)),
    ("types_of_exploitation", sa.Text()),
    ("referring_organisation", sa.String(length=200)),
    ("case_status", sa.String(length=40)),
    ("incoming_referral_date", sa.Date()),
    ("nrm_status", sa.String(length=16)),
    ("nrm_decision_date", sa.Date()),
    ("nrm_expires_on", sa.Date()),
    ("updated_at", UTCDateTime()),
    ("erased_at", UTCDateTime()),
)


def upgrade() -> None:
    with op.batch_alter_table("beneficiaries") as batch:
        batch.add_column(sa.Column("code", sa.String(length=20), nullable=True))
        batch.add_column(sa.Column("status", sa.String(length=16), nullable=False,
                                   server_default="active"))
        for name, kind in _CLEAR:
            batch.add_column(sa.Column(name, kind, nullable=True))
        batch.create_unique_constraint("uq_beneficiaries_code", ["code"])
    op.create_table(
        "personal_records",
        sa.Column("beneficiary_id", sa.String(length=36), sa.ForeignKey("beneficiaries.id"),
                  nullable=False),
        sa.Column("section", sa.String(length=20), nullable=False),
        sa.Column("ciphertext", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("beneficiary_id", "section"),
    )
    op.create_table(
        "blind_indexes",
        sa.Column("beneficiary_id", sa.String(length=36), sa.ForeignKey("beneficiaries.id"),
                  nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("beneficiary_id", "kind", "digest"),
    )
    op.create_index("ix_blind_indexes_digest", "blind_indexes", ["digest"])
    op.create_table(
        "audit_log",
        sa.Column("id", _SEQ, autoincrement=True, nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("roles", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("beneficiary_id", sa.String(length=36), nullable=True),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column("correlation_id", sa.String(length=100), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_audit_log_beneficiary", "audit_log", ["beneficiary_id", "at"])
    op.create_table(
        "duplicate_overrides",
        sa.Column("id", _SEQ, autoincrement=True, nullable=False),
        sa.Column("beneficiary_id", sa.String(length=36), sa.ForeignKey("beneficiaries.id"),
                  nullable=False),
        sa.Column("candidate_codes", sa.Text(), nullable=False),
        sa.Column("overridden_by", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "consents",
        sa.Column("id", _SEQ, autoincrement=True, nullable=False),
        sa.Column("beneficiary_id", sa.String(length=36), sa.ForeignKey("beneficiaries.id"),
                  nullable=False),
        sa.Column("purpose", sa.String(length=30), nullable=False),
        sa.Column("granted", sa.Boolean(), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_consents_beneficiary", "consents",
                    ["beneficiary_id", "purpose", "recorded_at"])


def downgrade() -> None:
    op.drop_index("ix_consents_beneficiary", table_name="consents")
    op.drop_table("consents")
    op.drop_table("duplicate_overrides")
    op.drop_index("ix_audit_log_beneficiary", table_name="audit_log")
    op.drop_table("audit_log")
    op.drop_index("ix_blind_indexes_digest", table_name="blind_indexes")
    op.drop_table("blind_indexes")
    op.drop_table("personal_records")
    with op.batch_alter_table("beneficiaries") as batch:
        batch.drop_constraint("uq_beneficiaries_code", type_="unique")
        for name, _ in reversed(_CLEAR):
            batch.drop_column(name)
        batch.drop_column("status")
        batch.drop_column("code")
