"""Revision 1 of the beneficiary projection table, as the first migration of each
service that keeps it creates it. Frozen, like every migration step."""

from __future__ import annotations

import sqlalchemy as sa

from shared.db import UTCDateTime


def create(op) -> None:
    op.create_table(
        "beneficiaries",
        sa.Column("beneficiary_id", sa.String(length=36), nullable=False),
        sa.Column("region", sa.String(length=100), nullable=True),
        sa.Column("sex", sa.String(length=40), nullable=False),
        sa.Column("age_band", sa.String(length=10), nullable=False),
        sa.Column("preferred_language", sa.String(length=3), nullable=False),
        sa.Column("registered_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("beneficiary_id"),
    )


def drop(op) -> None:
    op.drop_table("beneficiaries")
