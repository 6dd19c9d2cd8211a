"""Revision 2 of the beneficiary projection: consent to case management and erasure.
Frozen, like every migration step."""

from __future__ import annotations

import sqlalchemy as sa

from shared.db import UTCDateTime


def upgrade(op) -> None:
    with op.batch_alter_table("beneficiaries") as batch:
        batch.add_column(sa.Column("case_management_consent", sa.Boolean(), nullable=True))
        batch.add_column(sa.Column("erased_at", UTCDateTime(), nullable=True))


def downgrade(op) -> None:
    with op.batch_alter_table("beneficiaries") as batch:
        batch.drop_column("erased_at")
        batch.drop_column("case_management_consent")
