"""The key store's one table."""

from sqlalchemy import Column, LargeBinary, MetaData, String, Table

from shared.db import UTCDateTime

metadata = MetaData()

data_keys = Table(
    "data_keys",
    metadata,
    Column("beneficiary_id", String(36), primary_key=True),
    Column("master_key_id", String(32), nullable=False),
    Column("wrapped_key", LargeBinary, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("rewrapped_at", UTCDateTime(), nullable=True),
)
