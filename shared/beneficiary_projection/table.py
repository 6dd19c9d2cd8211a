"""The projection's table, defined in the metadata of each service that keeps it."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, MetaData, String, Table

from shared.db import UTCDateTime


def define_table(metadata: MetaData) -> Table:
    return Table(
        "beneficiaries",
        metadata,
        Column("beneficiary_id", String(36), primary_key=True),
        Column("region", String(100), nullable=True),
        Column("sex", String(40), nullable=False),
        Column("age_band", String(10), nullable=False),
        Column("preferred_language", String(3), nullable=False),
        Column("registered_at", UTCDateTime(), nullable=False),
        Column("updated_at", UTCDateTime(), nullable=False),
        Column("case_management_consent", Boolean, nullable=True),  # None: not known yet
        Column("erased_at", UTCDateTime(), nullable=True),
    )
