"""Notifications' database tables."""

from sqlalchemy import Boolean, Column, Index, LargeBinary, MetaData, String, Table, Text, false

from shared.db import UTCDateTime
from shared.messaging.tables import define_messaging_tables

metadata = MetaData()
messaging = define_messaging_tables(metadata)

# The embedded SMS sink: where messages go when no real gateway is configured.
sms_sink = Table(
    "sms_sink",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("beneficiary_id", String(36), nullable=False),
    Column("template", String(60), nullable=False),
    Column("language", String(3), nullable=False),
    Column("body", Text, nullable=False),
    Column("caused_by", String(36), nullable=False),
    Column("recorded_at", UTCDateTime(), nullable=False),
    Index("ix_sms_sink_beneficiary", "beneficiary_id", "recorded_at"),
)

# Who may be written to, from intake's events: language, consented channels, erasure.
recipients = Table(
    "recipients",
    metadata,
    Column("beneficiary_id", String(36), primary_key=True),
    Column("preferred_language", String(3), nullable=False),
    Column("sms_allowed", Boolean, nullable=False, server_default=false()),
    Column("email_allowed", Boolean, nullable=False, server_default=false()),
    Column("welcomed_at", UTCDateTime(), nullable=True),
    Column("erased_at", UTCDateTime(), nullable=True),
    Column("updated_at", UTCDateTime(), nullable=False),
)

# Consented contact channels, sealed under notifications' own contact key.
contacts = Table(
    "contacts",
    metadata,
    Column("beneficiary_id", String(36), primary_key=True),
    Column("sealed", LargeBinary, nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
)
