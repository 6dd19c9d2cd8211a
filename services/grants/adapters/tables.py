"""Grants' database tables. Amounts are exact decimals (``decimals.Amount``), never floats;
each programme row carries its envelope's running totals, updated under the row's lock."""

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
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

applications = Table(
    "applications", metadata,
    Column("id", String(36), primary_key=True),
    Column("programme_id", String(36), ForeignKey("programmes.id"), nullable=False),
    Column("beneficiary_id", String(36), nullable=False),
    Column("status", String(20), nullable=False),
    Column("business_name", String(200), nullable=False),
    Column("sector", String(1), nullable=False),  # ISIC Rev. 4 section
    Column("oblast", String(6), nullable=False),  # ISO 3166-2, e.g. UA-46
    Column("description", Text, nullable=False),
    Column("market", Text, nullable=False),
    Column("modality", String(10), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("requested_amount", Amount(), nullable=False),
    Column("own_contribution", Amount(), nullable=False),
    Column("review_round", Integer, nullable=False),  # one per submission
    Column("created_by", String(200), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    Column("submitted_at", UTCDateTime(), nullable=True),
    Column("decided_at", UTCDateTime(), nullable=True),
    Index("ix_applications_programme_beneficiary", "programme_id", "beneficiary_id"),
)

budget_lines = Table(
    "budget_lines", metadata,
    Column("application_id", String(36), ForeignKey("applications.id"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("item", String(200), nullable=False),
    Column("quantity", Amount(), nullable=False),
    Column("unit_cost", Amount(), nullable=False),
    Column("line_total", Amount(), nullable=False),
    Column("supplier_id", String(36), ForeignKey("suppliers.id"), nullable=True),
)

# Files are kept in the document store (a folder, or S3-compatible object storage), never
# in a row: a row says what the file is, and where. No file name is kept: an uploaded
# file's name may carry a person's name.
documents = Table(
    "documents", metadata,
    Column("id", String(36), primary_key=True),
    Column("application_id", String(36), ForeignKey("applications.id"), nullable=True),
    Column("visit_id", String(36), nullable=True),  # a monitoring visit's evidence
    Column("kind", String(20), nullable=False),
    Column("media_type", String(100), nullable=False),  # sniffed from the bytes
    Column("size", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("storage_key", String(200), nullable=False),
    Column("uploaded_by", String(200), nullable=False),
    Column("uploaded_at", UTCDateTime(), nullable=False),
)

# Courses beneficiaries completed, as announced by training: what eligibility reads.
completed_courses = Table(
    "completed_courses", metadata,
    Column("enrolment_id", String(36), primary_key=True),
    Column("beneficiary_id", String(36), nullable=False, index=True),
    Column("course_category", String(40), nullable=False),
    Column("hours", Amount(), nullable=False),
    Column("completed_on", Date, nullable=False),
)

reviews = Table(
    "reviews", metadata,
    Column("id", String(36), primary_key=True),
    Column("application_id", String(36), ForeignKey("applications.id"), nullable=False),
    Column("review_round", Integer, nullable=False),
    Column("reviewer", String(200), nullable=False),
    Column("scores", JSON, nullable=False),  # criterion key -> whole score
    Column("weighted_score", Amount(), nullable=False),  # 0-100
    Column("no_conflict_of_interest", Boolean, nullable=False),
    Column("comment", Text, nullable=True),
    Column("created_at", UTCDateTime(), nullable=False),
    UniqueConstraint("application_id", "review_round", "reviewer", name="uq_reviews_one_per_round"),
)

decisions = Table(
    "decisions", metadata,
    Column("id", String(36), primary_key=True),
    Column("application_id", String(36), ForeignKey("applications.id"), nullable=False),
    Column("review_round", Integer, nullable=False),
    Column("officer", String(200), nullable=False),
    Column("outcome", String(20), nullable=False),
    Column("reason", Text, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Index("ix_decisions_application", "application_id"),
)

grant_agreements = Table(
    "grants", metadata,
    Column("id", String(36), primary_key=True),
    Column("application_id", String(36), ForeignKey("applications.id"), nullable=False,
           unique=True),  # one grant per plan, however often an approval is retried
    Column("programme_id", String(36), ForeignKey("programmes.id"), nullable=False),
    Column("beneficiary_id", String(36), nullable=False),
    Column("amount", Amount(), nullable=False),  # local currency
    Column("currency", String(3), nullable=False),
    Column("funding_amount", Amount(), nullable=False),  # committed at the approval date's rate
    Column("funding_currency", String(3), nullable=False),
    Column("rate", Rate(), nullable=False),
    Column("rate_date", Date, nullable=False),
    Column("approved_on", Date, nullable=False),
    Column("approvers", JSON, nullable=False),  # who approved: no one of them releases a tranche
    Column("status", String(10), nullable=False),  # active, closed
    Column("created_at", UTCDateTime(), nullable=False),
    Column("closed_at", UTCDateTime(), nullable=True),
    Index("ix_grants_programme_beneficiary", "programme_id", "beneficiary_id"),
    # The budget report counts each programme's grants by status from this index alone.
    Index("ix_grants_programme_status", "programme_id", "status"),
)

tranches = Table(
    "tranches", metadata,
    Column("id", String(36), primary_key=True),
    Column("grant_id", String(36), ForeignKey("grants.id"), nullable=False),
    Column("sequence", Integer, nullable=False),
    Column("amount", Amount(), nullable=False),  # local currency
    Column("funding_share", Amount(), nullable=False),  # its share of the commitment
    Column("monitoring_visit", Boolean, nullable=False),
    Column("supplier_id", String(36), ForeignKey("suppliers.id"), nullable=True),
    Column("status", String(10), nullable=False),
    Column("released_by", String(200), nullable=True),
    Column("released_at", UTCDateTime(), nullable=True),
    Column("invoice_reference", String(100), nullable=True),
    Column("paid_on", Date, nullable=True),
    Column("bank_reference", String(100), nullable=True),
    Column("paid_rate", Rate(), nullable=True),
    Column("paid_funding", Amount(), nullable=True),  # at the payment date's rate
    Column("confirmed_by", String(200), nullable=True),
    Column("reversed_by", String(200), nullable=True),
    Column("reversed_at", UTCDateTime(), nullable=True),
    Column("reversal_reason", Text, nullable=True),
    UniqueConstraint("grant_id", "sequence", name="uq_tranches_sequence"),
)

monitoring_visits = Table(
    "monitoring_visits", metadata,
    Column("id", String(36), primary_key=True),
    Column("grant_id", String(36), ForeignKey("grants.id"), nullable=False, index=True),
    Column("visited_on", Date, nullable=False),
    Column("officer", String(200), nullable=False),
    Column("business_operating", Boolean, nullable=False),
    Column("employees", Integer, nullable=False),
    Column("revenue_band", String(20), nullable=False),
    Column("notes", Text, nullable=True),
    Column("recorded_by", String(200), nullable=False),
    Column("recorded_at", UTCDateTime(), nullable=False),
)

# The first answer to each money-moving request, by its Idempotency-Key: a retry with the
# same key gets the same answer, and does nothing again.
idempotency_keys = Table(
    "idempotency_keys", metadata,
    Column("key", String(200), primary_key=True),
    Column("operation", String(100), nullable=False),  # e.g. "release tranche <id>"
    Column("status", Integer, nullable=False),
    Column("body", JSON, nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
)

# Payment orders for the bank, made by grants' worker from ``grants.tranche.released``:
# one per tranche, however often the event is delivered.
payment_orders = Table(
    "payment_orders", metadata,
    Column("tranche_id", String(36), ForeignKey("tranches.id"), primary_key=True),
    Column("event_id", String(36), nullable=False),
    Column("payee", String(20), nullable=False),
    Column("supplier_id", String(36), nullable=True),
    Column("amount", Amount(), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
)
