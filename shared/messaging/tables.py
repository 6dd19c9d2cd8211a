"""The two tables every service's database holds for messaging.

``outbox``: events written in the same transaction as the state change that caused
them, published later by the relay. ``processed_events``: ids of events this service
has already applied, written in the same transaction as the effect.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import BigInteger, Column, Index, Integer, MetaData, String, Table, Text

from shared.db import UTCDateTime

PENDING = "pending"
SENT = "sent"


@dataclass(frozen=True)
class MessagingTables:
    outbox: Table
    processed_events: Table


def define_messaging_tables(metadata: MetaData) -> MessagingTables:
    outbox = Table(
        "outbox",
        metadata,
        Column("seq", BigInteger().with_variant(Integer, "sqlite"), primary_key=True,
               autoincrement=True),
        Column("event_id", String(36), nullable=False, unique=True),
        Column("event_type", String(120), nullable=False),
        Column("payload", Text, nullable=False),
        Column("status", String(16), nullable=False, default=PENDING),
        Column("attempts", Integer, nullable=False, default=0),
        Column("next_attempt_at", UTCDateTime(), nullable=False),
        Column("created_at", UTCDateTime(), nullable=False),
        Column("published_at", UTCDateTime(), nullable=True),
        Column("last_error", String(200), nullable=True),
        Index("ix_outbox_pending", "status", "next_attempt_at", "seq"),
    )
    processed = Table(
        "processed_events",
        metadata,
        Column("event_id", String(36), primary_key=True),
        Column("event_type", String(120), nullable=False),
        Column("processed_at", UTCDateTime(), nullable=False),
    )
    return MessagingTables(outbox=outbox, processed_events=processed)
