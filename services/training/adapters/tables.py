"""Training's database tables.

A person is known here by the opaque id alone (``beneficiaries``, the projection of
intake's events, holds their anonymous attributes). Free text a trainer types about a
placement (a withdrawal's reason) is cleared when the person is erased.
"""

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
)

from shared.beneficiary_projection.table import define_table
from shared.db import UTCDateTime
from shared.messaging.tables import define_messaging_tables

metadata = MetaData()
messaging = define_messaging_tables(metadata)

# Who exists, as announced by intake: opaque ids and non-identifying attributes only.
beneficiaries = define_table(metadata)

_ID = String(36)
_USER = String(200)
_SEQ = BigInteger().with_variant(Integer, "sqlite")

courses = Table(
    "courses",
    metadata,
    Column("id", _ID, primary_key=True),
    Column("title", String(200), nullable=False),
    Column("category", String(20), nullable=False),
    Column("description", Text, nullable=False),
    Column("hours", Numeric(6, 1), nullable=False),
    Column("language", String(3), nullable=False),  # of instruction
    Column("provider", String(200), nullable=False),
    Column("min_attendance_percent", Integer, nullable=False),
    Column("assessment_required", Boolean, nullable=False),
    Column("pass_mark", Integer, nullable=True),
    Column("created_by", _USER, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
)

cohorts = Table(
    "cohorts",
    metadata,
    Column("id", _ID, primary_key=True),
    Column("course_id", _ID, ForeignKey("courses.id"), nullable=False, index=True),
    Column("oblast", String(6), nullable=False),  # ISO 3166-2, e.g. UA-46
    Column("venue", String(300), nullable=True),
    Column("online", Boolean, nullable=False),
    Column("starts_on", Date, nullable=False),
    Column("ends_on", Date, nullable=False),
    Column("capacity", Integer, nullable=False),
    Column("status", String(12), nullable=False),
    Column("cancellation_reason", String(500), nullable=True),
    Column("cancelled_at", UTCDateTime(), nullable=True),
    Column("created_by", _USER, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
)

cohort_trainers = Table(
    "cohort_trainers",
    metadata,
    Column("cohort_id", _ID, ForeignKey("cohorts.id"), primary_key=True),
    Column("trainer", _USER, primary_key=True),
    Index("ix_cohort_trainers_trainer", "trainer"),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", _ID, primary_key=True),
    Column("cohort_id", _ID, ForeignKey("cohorts.id"), nullable=False),
    Column("held_on", Date, nullable=False),  # the local day, as the trainer gave it
    Column("starts_local", Time, nullable=False),
    Column("ends_local", Time, nullable=False),
    Column("time_zone", String(64), nullable=False),
    Column("starts_at", UTCDateTime(), nullable=False),
    Column("ends_at", UTCDateTime(), nullable=False),
    Index("ix_sessions_cohort_start", "cohort_id", "starts_at"),
)

enrolments = Table(
    "enrolments",
    metadata,
    Column("id", _ID, primary_key=True),
    Column("cohort_id", _ID, ForeignKey("cohorts.id"), nullable=False),
    Column("beneficiary_id", _ID, nullable=False),
    # Arrival order within the cohort, given under the cohort's lock: the waitlist's order.
    Column("seq", Integer, nullable=False),
    Column("status", String(12), nullable=False),
    Column("requested_by", _USER, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("enrolled_at", UTCDateTime(), nullable=True),
    Column("withdrawn_at", UTCDateTime(), nullable=True),
    Column("withdrawn_by", _USER, nullable=True),
    Column("withdrawal_reason", String(500), nullable=True),  # cleared on erasure
    Column("ended_at", UTCDateTime(), nullable=True),  # completed, or its cohort cancelled
    Column("assessment_score", Integer, nullable=True),  # out of 100, given at completion
    UniqueConstraint("cohort_id", "seq", name="uq_enrolments_cohort_seq"),
    Index("ix_enrolments_beneficiary", "beneficiary_id"),
    Index("ix_enrolments_cohort_status", "cohort_id", "status", "seq"),
)

attendance = Table(
    "attendance",
    metadata,
    Column("session_id", _ID, ForeignKey("sessions.id"), primary_key=True),
    Column("enrolment_id", _ID, ForeignKey("enrolments.id"), primary_key=True),
    Column("mark", String(8), nullable=False),
    Column("marked_by", _USER, nullable=False),
    Column("marked_at", UTCDateTime(), nullable=False),
    Index("ix_attendance_enrolment", "enrolment_id"),
)

# Every later change to a mark: who changed it, when, from what to what.
attendance_corrections = Table(
    "attendance_corrections",
    metadata,
    Column("id", _SEQ, primary_key=True, autoincrement=True),
    Column("session_id", _ID, ForeignKey("sessions.id"), nullable=False),
    Column("enrolment_id", _ID, ForeignKey("enrolments.id"), nullable=False),
    Column("previous_mark", String(8), nullable=False),
    Column("mark", String(8), nullable=False),
    Column("corrected_by", _USER, nullable=False),
    Column("corrected_at", UTCDateTime(), nullable=False),
    Index("ix_attendance_corrections_session", "session_id"),
)

# One alert per run of consecutive absences, named by the run's first and last session.
absence_alerts = Table(
    "absence_alerts",
    metadata,
    Column("enrolment_id", _ID, ForeignKey("enrolments.id"), primary_key=True),
    Column("first_session_id", _ID, ForeignKey("sessions.id"), primary_key=True),
    Column("last_session_id", _ID, ForeignKey("sessions.id"), nullable=False),
    Column("absences", Integer, nullable=False),
    Column("raised_at", UTCDateTime(), nullable=False),
)

# A completion's certificate: its code verifies it (course and date, never a name).
certificates = Table(
    "certificates",
    metadata,
    Column("code", String(14), primary_key=True),
    Column("enrolment_id", _ID, ForeignKey("enrolments.id"), nullable=False, unique=True),
    Column("completed_on", Date, nullable=False),
    Column("issued_at", UTCDateTime(), nullable=False),
)
