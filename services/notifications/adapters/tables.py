"""Notifications' database tables. None holds a phone number or an e-mail address in
clear: contacts are sealed, inbound numbers found through a keyed blind index."""

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

from shared.db import UTCDateTime
from shared.messaging.tables import define_messaging_tables

metadata = MetaData()
messaging = define_messaging_tables(metadata)

# The embedded SMS sink: where messages go when no real gateway is configured. A row's
# id is the message's: a message is recorded there once, whatever happens after.
sms_sink = Table(
    "sms_sink",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("beneficiary_id", String(36), nullable=False),
    Column("template", String(60), nullable=False),
    Column("language", String(3), nullable=False),
    Column("body", Text, nullable=False),
    Column("caused_by", String(120), nullable=False),
    Column("recorded_at", UTCDateTime(), nullable=False),
    Index("ix_sms_sink_beneficiary", "beneficiary_id", "recorded_at"),
)

# Who may be written to, from intake's events: language, region, consented channels, erasure.
recipients = Table(
    "recipients",
    metadata,
    Column("beneficiary_id", String(36), primary_key=True),
    Column("preferred_language", String(3), nullable=False),
    # The region intake announces (ISO 3166-2, or text): the person's time zone follows.
    Column("region", String(100), nullable=True),
    Column("sms_allowed", Boolean, nullable=False, server_default=false()),
    Column("email_allowed", Boolean, nullable=False, server_default=false()),
    Column("welcomed_at", UTCDateTime(), nullable=True),
    Column("sms_opted_out_at", UTCDateTime(), nullable=True),  # replied STOP
    Column("preferred_channel", String(5), nullable=True),  # sms or email, as the person asked
    # Consented to be named in messages (a personal template then greets them by name).
    Column("named_allowed", Boolean, nullable=False, server_default=false()),
    # When intake's consent state was last heard: before any, messages wait (events arrive
    # in any order), they are not given up as unconsented.
    Column("consent_heard_at", UTCDateTime(), nullable=True),
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

# The embedded e-mail sink, as the SMS one (no address kept).
email_sink = Table(
    "email_sink",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("beneficiary_id", String(36), nullable=False),
    Column("template", String(60), nullable=False),
    Column("language", String(3), nullable=False),
    Column("subject", String(200), nullable=False),
    Column("body", Text, nullable=False),
    Column("caused_by", String(120), nullable=False),
    Column("recorded_at", UTCDateTime(), nullable=False),
    Index("ix_email_sink_beneficiary", "beneficiary_id", "recorded_at"),
)

# Who holds an inbound number: an HMAC of the number under notifications' own key (one
# number may be shared by several people), never the number.
sms_numbers = Table(
    "sms_numbers",
    metadata,
    Column("number_index", String(64), primary_key=True),
    Column("beneficiary_id", String(36), primary_key=True),
    Index("ix_sms_numbers_beneficiary", "beneficiary_id"),
)

# The text of each kind of message per language, as an administrator last saved it (the
# built-in text stands where there is none) ...
templates = Table(
    "templates",
    metadata,
    Column("kind", String(40), primary_key=True),
    Column("language", String(3), primary_key=True),
    Column("subject", String(200), nullable=False),
    Column("body", Text, nullable=False),
    # A personal template's body may greet the person by given name; whoever did not
    # consent to be named (or whose name is not known) reads the fallback body instead.
    Column("personal", Boolean, nullable=False, server_default=false()),
    Column("fallback", Text, nullable=True),
    Column("version", Integer, nullable=False),
    Column("changed_by", String(200), nullable=False),
    Column("changed_at", UTCDateTime(), nullable=False),
)

# ... and every version saved, with who and when.
template_history = Table(
    "template_history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(40), nullable=False),
    Column("language", String(3), nullable=False),
    Column("version", Integer, nullable=False),
    Column("subject", String(200), nullable=False),
    Column("body", Text, nullable=False),
    Column("personal", Boolean, nullable=False, server_default=false()),
    Column("fallback", Text, nullable=True),
    Column("changed_by", String(200), nullable=False),
    Column("changed_at", UTCDateTime(), nullable=False),
    UniqueConstraint("kind", "language", "version", name="uq_template_history_version"),
)

# Each message: (cause, beneficiary, template) once, whatever redelivers the cause. The
# text is rendered when it is sent (the language and template then current); what it is
# filled with (dates, amounts) is kept in ``variables``: never a name or an address.
messages = Table(
    "messages",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("beneficiary_id", String(36), nullable=False),
    Column("template", String(40), nullable=False),
    Column("cause", String(120), nullable=False),  # the event's id, or a reminder's key
    Column("variables", Text, nullable=False),  # JSON
    Column("status", String(10), nullable=False),
    Column("channel", String(5), nullable=True),
    Column("failed_channels", String(20), nullable=False, server_default=""),
    Column("reason", String(60), nullable=True),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("next_attempt_at", UTCDateTime(), nullable=False),
    Column("priority", SmallInteger, nullable=False, server_default="1"),  # kinds.priority
    Column("dlr_token_hash", String(64), nullable=True),
    Column("sealed_to", LargeBinary, nullable=True),  # an opt-out's confirmation: its number
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    Column("sending_at", UTCDateTime(), nullable=True),
    Column("handed_at", UTCDateTime(), nullable=True),  # given to the gateway this claim
    Column("sent_at", UTCDateTime(), nullable=True),
    Column("delivered_at", UTCDateTime(), nullable=True),
    Column("failed_at", UTCDateTime(), nullable=True),
    UniqueConstraint("cause", "beneficiary_id", "template", name="uq_messages_once"),
    Index("ix_messages_due", "status", "priority", "next_attempt_at"),
    Index("ix_messages_beneficiary", "beneficiary_id", "created_at"),
    Index("ix_messages_created", "created_at"),
    Index("ix_messages_dlr_token", "dlr_token_hash", unique=True),
)

# Training's schedule as notifications needs it for reminders: cohorts (the latest
# schedule applied, cancellation), their sessions, and who holds a place.
cohorts = Table(
    "cohorts",
    metadata,
    Column("cohort_id", String(36), primary_key=True),
    Column("scheduled_as_of", UTCDateTime(), nullable=True),
    Column("cancelled_at", UTCDateTime(), nullable=True),
)

cohort_sessions = Table(
    "cohort_sessions",
    metadata,
    Column("session_id", String(36), primary_key=True),
    Column("cohort_id", String(36), nullable=False),
    Column("starts_at", UTCDateTime(), nullable=False),
    Column("time_zone", String(64), nullable=False),
    Index("ix_cohort_sessions_start", "starts_at"),
    Index("ix_cohort_sessions_cohort", "cohort_id"),
)

placements = Table(
    "placements",
    metadata,
    Column("enrolment_id", String(36), primary_key=True),
    Column("cohort_id", String(36), nullable=False),
    Column("beneficiary_id", String(36), nullable=False),
    Column("status", String(12), nullable=False),  # enrolled, waitlisted, withdrawn
    Column("as_of", UTCDateTime(), nullable=False),
    Index("ix_placements_cohort", "cohort_id", "status"),
)

# Each gateway's token bucket, shared by every worker: the tokens left when last counted
# (below zero: sends already promised a later turn), taken under the row's lock.
gateway_buckets = Table(
    "gateway_buckets",
    metadata,
    Column("gateway", String(20), primary_key=True),
    Column("tokens", Float, nullable=False),
    Column("counted_at", Float, nullable=False),  # seconds since the epoch
)
