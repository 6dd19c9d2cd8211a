"""Revision 1 of the messaging tables (``outbox``, ``processed_events``), as each
service's first migration creates them. Frozen: a later change to these tables is a new
module here and a new migration in every service, so old migrations never move."""

from __future__ import annotations

import sqlalchemy as sa

from shared.db import UTCDateTime


def create(op) -> None:
    op.create_table(
        "outbox",
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True,
                  nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("event_type", sa.String(length=120), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UTCDateTime(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("published_at", UTCDateTime(), nullable=True),
        sa.Column("last_error", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("event_id"),
    )
    op.create_index("ix_outbox_pending", "outbox", ["status", "next_attempt_at", "seq"])
    op.create_table(
        "processed_events",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("event_type", sa.String(length=120), nullable=False),
        sa.Column("processed_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("event_id"),
    )


def drop(op) -> None:
    op.drop_table("processed_events")
    op.drop_index("ix_outbox_pending", table_name="outbox")
    op.drop_table("outbox")
