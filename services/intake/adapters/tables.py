"""Intake's database tables."""

from sqlalchemy import Column, MetaData, String, Table

from shared.db import UTCDateTime
from shared.messaging.tables import define_messaging_tables

metadata = MetaData()
messaging = define_messaging_tables(metadata)

beneficiaries = Table(
    "beneficiaries",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("region", String(100), nullable=True),
    Column("sex", String(40), nullable=False),
    Column("age_band", String(10), nullable=False),
    Column("preferred_language", String(3), nullable=False),
    Column("registered_at", UTCDateTime(), nullable=False),
    Column("registered_by", String(200), nullable=False),
)
