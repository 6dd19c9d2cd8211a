"""Grants' database tables. Amounts are exact decimals (``decimals.Amount``), never floats;
each programme row carries its envelope's running totals, updated under the row's lock."""

from sqlalchemy import (
    JSON,
    Column,
    Date,
    ForeignKey,
    MetaData,
    String,
    Table,
    UniqueConstraint,
)

from services.grants.adapters.decimals import Amount, Rate
from shared.beneficiary_projection.table import define_table
from shared.db import UTCDateTime
from shared.messaging.tables import define_messaging_tables

metadata = MetaData()
messaging = define_messaging_tables(metadata)

# Who exists, as announced by intake: opaque ids and non-identifying attributes only.
beneficiaries = define_table(metadata)

programmes = Table(
    "programmes", metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("donor", String(200), nullable=False),
    Column("funding_currency", String(3), nullable=False),
    Column("local_currency", String(3), nullable=False),
    Column("envelope_total", Amount(), nullable=False),
    Column("grant_cap", Amount(), nullable=False),  # local currency
    Column("course_category", String(40), nullable=False),
    Column("min_course_hours", Amount(), nullable=False),
    # rubric, approval tiers and tranche terms, decimals as strings
    Column("terms", JSON, nullable=False),
    # the envelope's running totals, changed only with the row locked
    Column("committed_funding", Amount(), nullable=False),
    Column("committed_local", Amount(), nullable=False),
    Column("disbursed_funding", Amount(), nullable=False),
    Column("disbursed_local", Amount(), nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
)

exchange_rates = Table(
    "exchange_rates", metadata,
    Column("id", String(36), primary_key=True),
    Column("programme_id", String(36), ForeignKey("programmes.id"), nullable=False),
    Column("rate_date", Date, nullable=False),
    Column("rate", Rate(), nullable=False),  # local currency per unit of the funding currency
    Column("source", String(200), nullable=False),
    Column("recorded_by", String(200), nullable=False),
    Column("recorded_at", UTCDateTime(), nullable=False),
    UniqueConstraint("programme_id", "rate_date", name="uq_exchange_rates_programme_date"),
)

suppliers = Table(
    "suppliers", metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("country", String(2), nullable=False),
    Column("registration_code", String(40), nullable=False),
    Column("iban", String(34), nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    UniqueConstraint("country", "registration_code", name="uq_suppliers_registration"),
)
