"""Intake's database tables.

Only anonymous attributes (needed for aggregate reports and for other services) are in
clear; every identifying field is in ``personal_records``, encrypted under the
beneficiary's data key, which lives in the key store, a database of its own.
"""

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

from shared.db import UTCDateTime
from shared.messaging.tables import define_messaging_tables

metadata = MetaData()
messaging = define_messaging_tables(metadata)

_ID = String(36)
_SEQ = BigInteger().with_variant(Integer, "sqlite")

beneficiaries = Table(
    "beneficiaries",
    metadata,
    Column("id", _ID, primary_key=True),
    Column("code", String(20), nullable=True, unique=True),
    Column("status", String(16), nullable=False, server_default="active"),
    Column("region", String(100), nullable=True),
    Column("sex", String(40), nullable=False),
    Column("age_band", String(10), nullable=False),
    Column("preferred_language", String(3), nullable=False),
    Column("trafficking_status", String(40), nullable=True),
    Column("types_of_exploitation", Text, nullable=True),  # JSON list of picklist values
    Column("referring_organisation", String(200), nullable=True),
    Column("case_status", String(40), nullable=True),
    Column("incoming_referral_date", Date, nullable=True),
    Column("nrm_status", String(16), nullable=True),
    Column("nrm_decision_date", Date, nullable=True),
    Column("nrm_expires_on", Date, nullable=True),
    Column("registered_at", UTCDateTime(), nullable=False),
    Column("registered_by", String(200), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=True),
    Column("erased_at", UTCDateTime(), nullable=True),
)

personal_records = Table(
    "personal_records",
    metadata,
    Column("beneficiary_id", _ID, ForeignKey("beneficiaries.id"), primary_key=True),
    Column("section", String(20), primary_key=True),
    Column("ciphertext", LargeBinary, nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
)

blind_indexes = Table(
    "blind_indexes",
    metadata,
    Column("beneficiary_id", _ID, ForeignKey("beneficiaries.id"), primary_key=True),
    Column("kind", String(20), primary_key=True),
    Column("digest", String(64), primary_key=True),
    # Digests are keyed per kind (the kind is inside the HMAC), so the digest alone finds.
    Index("ix_blind_indexes_digest", "digest"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", _SEQ, primary_key=True, autoincrement=True),
    Column("at", UTCDateTime(), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("roles", String(200), nullable=False),
    Column("action", String(40), nullable=False),
    Column("beneficiary_id", _ID, nullable=True),
    Column("reason", String(500), nullable=True),
    Column("correlation_id", String(100), nullable=True),
    Index("ix_audit_log_beneficiary", "beneficiary_id", "at"),
)

# Enrolments completed at training (its ``training.enrolment.completed``): the cohort's
# trainers may read the name to print on that person's certificate, and nothing else.
completed_enrolments = Table(
    "completed_enrolments",
    metadata,
    Column("enrolment_id", _ID, primary_key=True),
    Column("beneficiary_id", _ID, ForeignKey("beneficiaries.id"), nullable=False, index=True),
    Column("trainers", Text, nullable=False),  # JSON list of the trainers' user ids
    Column("completed_on", Date, nullable=False),
)

duplicate_overrides = Table(
    "duplicate_overrides",
    metadata,
    Column("id", _SEQ, primary_key=True, autoincrement=True),
    Column("beneficiary_id", _ID, ForeignKey("beneficiaries.id"), nullable=False),
    Column("candidate_codes", Text, nullable=False),  # JSON list
    Column("overridden_by", String(200), nullable=False),
    Column("reason", String(500), nullable=True),
    Column("at", UTCDateTime(), nullable=False),
)

consents = Table(
    "consents",
    metadata,
    Column("id", _SEQ, primary_key=True, autoincrement=True),
    Column("beneficiary_id", _ID, ForeignKey("beneficiaries.id"), nullable=False),
    Column("purpose", String(30), nullable=False),
    Column("granted", Boolean, nullable=False),
    Column("method", String(20), nullable=False),
    Column("recorded_by", String(200), nullable=False),
    Column("recorded_at", UTCDateTime(), nullable=False),
    Index("ix_consents_beneficiary", "beneficiary_id", "purpose", "recorded_at"),
)

imports = Table(
    "imports",
    metadata,
    Column("id", _ID, primary_key=True),
    Column("fingerprint", String(64), nullable=False, unique=True),  # sha256 of the file
    Column("filename", String(255), nullable=False),
    Column("status", String(16), nullable=False),  # running, done, failed
    Column("total_rows", Integer, nullable=False, server_default="0"),
    Column("registered", Integer, nullable=False, server_default="0"),
    Column("rejected", Integer, nullable=False, server_default="0"),
    Column("duplicates", Integer, nullable=False, server_default="0"),
    # Registered rows whose typed state was not read as a region (not an error).
    Column("unresolved_regions", Integer, nullable=False, server_default="0"),
    Column("preferred_language", String(3), nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("started_at", UTCDateTime(), nullable=False),
    Column("finished_at", UTCDateTime(), nullable=True),
    Column("failure", String(500), nullable=True),
    # Set with every committed batch: a running import without one for a while has died.
    Column("heartbeat_at", UTCDateTime(), nullable=True),
    # Which run owns it: a run taking up a dead one counts up, so a run thought dead but
    # only slow finds its next batch refused instead of importing beside the new one.
    Column("attempt", Integer, nullable=False, server_default="1"),
)

import_rejections = Table(
    "import_rejections",
    metadata,
    Column("id", _SEQ, primary_key=True, autoincrement=True),
    Column("import_id", _ID, ForeignKey("imports.id"), nullable=False),
    Column("row_number", Integer, nullable=False),
    Column("field", String(100), nullable=False),
    Column("message", String(500), nullable=False),
    Index("ix_import_rejections_import", "import_id", "row_number"),
)

openrosa_submissions = Table(
    "openrosa_submissions",
    metadata,
    Column("instance_id", String(255), primary_key=True),
    Column("beneficiary_id", _ID, ForeignKey("beneficiaries.id"), nullable=True),
    Column("outcome", String(20), nullable=False),  # registered, duplicate
    Column("submitted_by", String(200), nullable=False),
    Column("received_at", UTCDateTime(), nullable=False),
)
