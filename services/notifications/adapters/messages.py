"""The message log: every message, its status and times. Never an address: a message
names its beneficiary by the opaque id, and its text is rendered only to be sent."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import case, or_, select, update
from sqlalchemy.orm import Session

from services.notifications.adapters.tables import messages
from services.notifications.domain.delivery import FAILED, QUEUED, SENDING
from services.notifications.domain.kinds import priority
from shared.db import insert_or_update
from shared.messaging.wakeups import notify_on_commit

# Notified by the transaction that queues a message: the sending round starts at its
# commit rather than at its next poll (PostgreSQL; ``shared.periodic_jobs``).
QUEUED_CHANNEL = "notifications_message_queued"

_ONCE = ["cause", "beneficiary_id", "template"]


@dataclass(frozen=True)
class NewMessage:
    beneficiary_id: str
    template: str
    cause: str  # an event's id, or a reminder's key
    variables: dict = field(default_factory=dict)  # as JSON keeps them
    sealed_to: bytes | None = None
    id: str = field(default_factory=lambda: str(uuid.uuid4()))


def enqueue(session: Session, new: NewMessage, now: datetime) -> str | None:
    """The new queued message's id; None when (cause, beneficiary, template) is already
    there, so a redelivered event or a second worker's reminder round adds nothing. A
    new one wakes the sending rounds when the caller's transaction commits."""
    statement = insert_or_update(session, messages).values(
        id=new.id, beneficiary_id=new.beneficiary_id, template=new.template, cause=new.cause,
        variables=json.dumps(new.variables, sort_keys=True), status=QUEUED, failed_channels="",
        attempts=0, next_attempt_at=now, priority=priority(new.template), sealed_to=new.sealed_to,
        created_at=now, updated_at=now)
    result = session.execute(statement.on_conflict_do_nothing(index_elements=_ONCE))
    if not result.rowcount:
        return None
    notify_on_commit(session, QUEUED_CHANNEL)
    return new.id


def due(session: Session, now: datetime, limit: int) -> list[dict]:
    """Queued messages whose time has come, by priority (``kinds.priority``), then oldest
    first, locked (skipping those another worker holds) until the caller's transaction
    ends."""
    rows = session.execute(
        select(messages).where(messages.c.status == QUEUED, messages.c.next_attempt_at <= now)
        .order_by(messages.c.priority, messages.c.next_attempt_at).limit(limit)
        .with_for_update(skip_locked=True)).mappings()
    return [_shown(row) for row in rows]


def due_now(session: Session, beneficiary_id: str, reasons: tuple[str, ...],
            now: datetime) -> None:
    """The person's queued messages waiting for one of ``reasons`` due at once (the
    sending rounds woken at the commit). Messages not yet looked at are taken too,
    unchanged: on PostgreSQL a round may be deciding one of them (it holds the row) on
    what it read before this transaction commits; taken, this update waits for that
    round and applies to what it decided (else the message would wait out its minute)."""
    waiting = or_(messages.c.reason.is_(None), messages.c.reason.in_(reasons))
    result = session.execute(update(messages).where(
        messages.c.beneficiary_id == beneficiary_id, messages.c.status == QUEUED, waiting)
        .values(next_attempt_at=case((messages.c.next_attempt_at > now, now),
                                     else_=messages.c.next_attempt_at)))
    if result.rowcount:
        notify_on_commit(session, QUEUED_CHANNEL)


def change(session: Session, message_id: str, **values) -> None:
    session.execute(update(messages).where(messages.c.id == message_id).values(**values))


def settle(session: Session, message_id: str, expected: tuple[str, ...],
           claimed_by: str | None = None, **values) -> bool:
    """Change the message only if its status is still one of ``expected`` (a delivery
    report may have settled it first) and, with ``claimed_by`` (a claim's report-token
    hash), it is still under that claim, not a later round's; True when it changed."""
    conditions = [messages.c.id == message_id, messages.c.status.in_(expected)]
    if claimed_by is not None:
        conditions.append(messages.c.dlr_token_hash == claimed_by)
    result = session.execute(update(messages).where(*conditions).values(**values))
    return bool(result.rowcount)


def by_token(session: Session, token_hash: str) -> dict | None:
    row = session.execute(select(messages).where(messages.c.dlr_token_hash == token_hash)
                          .with_for_update()).mappings().first()
    return _shown(row) if row else None


def hand_over(session: Session, message_id: str, token_hash: str, now: datetime) -> bool:
    """Record that this claim (the one holding ``token_hash``) is handing the message to
    its gateway at ``now``; False when the claim is no longer the message's (the
    reconciler took it back as never handed), and then it must not be sent. Made again
    with the same ``now`` after a lost COMMIT, it is True whether or not that committed."""
    result = session.execute(update(messages).where(
        messages.c.id == message_id, messages.c.status == SENDING,
        messages.c.dlr_token_hash == token_hash,
        or_(messages.c.handed_at.is_(None), messages.c.handed_at == now))
        .values(handed_at=now))
    return bool(result.rowcount)


def never_handed(session: Session, before: datetime, limit: int) -> list[dict]:
    """Messages marked sending before ``before`` and never handed to a gateway: their
    worker died (or lost its database) between the claim and the gateway call."""
    rows = session.execute(
        select(messages).where(messages.c.status == SENDING, messages.c.handed_at.is_(None),
                               messages.c.sending_at < before)
        .order_by(messages.c.sending_at).limit(limit).with_for_update(skip_locked=True)).mappings()
    return [_shown(row) for row in rows]


def stuck_sending(session: Session, before: datetime, limit: int) -> list[dict]:
    """Messages handed to a gateway before ``before`` and still sending: their worker
    died, or lost its database, between the gateway call and the settlement."""
    rows = session.execute(
        select(messages).where(messages.c.status == SENDING, messages.c.handed_at < before)
        .order_by(messages.c.sending_at).limit(limit).with_for_update(skip_locked=True)).mappings()
    return [_shown(row) for row in rows]


def stop_pending(session: Session, beneficiary_id: str, reason: str, now: datetime) -> list[dict]:
    """Every queued message of the beneficiary failed with ``reason`` (erasure), their
    destinations and variables dropped; the ones stopped, as they were."""
    waiting = messages.c.beneficiary_id == beneficiary_id, messages.c.status == QUEUED
    stopped = [_shown(row) for row in session.execute(select(messages).where(*waiting)).mappings()]
    session.execute(update(messages).where(*waiting).values(
        status=FAILED, reason=reason, failed_at=now, updated_at=now, sealed_to=None,
        variables="{}"))
    return stopped


def of_beneficiary(session: Session, beneficiary_id: str) -> list[dict]:
    rows = session.execute(select(messages).where(messages.c.beneficiary_id == beneficiary_id)
                           .order_by(messages.c.created_at, messages.c.id)).mappings()
    return [_shown(row) for row in rows]


def _shown(row) -> dict:
    shown = dict(row)
    shown["variables"] = json.loads(shown["variables"])
    shown["failed_channels"] = tuple(c for c in shown["failed_channels"].split(",") if c)
    return shown
