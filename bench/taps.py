"""Timing taps on a consuming service's handler table: the handlers behave as before and
each event's moments are reported to a ``note(kind, event_id, time)`` callable.

Kinds: ``handled`` (its handler started) and ``applied`` (the transaction holding its
effect committed; the consumer acks right after). Only the handler table, the public
way into the consumer, is touched, so the taps keep working whatever the consumer does
inside. Times are ``time.time()``: one clock for every process on the machine.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence

from sqlalchemy import event
from sqlalchemy.orm import Session

from shared.events.envelope import Envelope
from shared.messaging.bulk import BulkHandler, bulk_of
from shared.messaging.consumer import Handler

Note = Callable[[str, str, float], None]
HANDLED, APPLIED = "handled", "applied"
_IN_SESSION = "bench.applied"  # key in Session.info: ids whose effect this session holds


def tap_handlers(handlers: Mapping[str, Handler], note: Note) -> dict[str, Handler]:
    """The same handlers, noting when each started on an event and when its effect was
    committed."""

    def tap(handler: Handler) -> Handler:
        def tapped(session: Session, envelope: Envelope) -> None:
            note(HANDLED, envelope.id, time.time())
            handler(session, envelope)
            _on_commit(session, note).append(envelope.id)

        many = bulk_of(handler)
        if many is None:
            return tapped

        def tapped_many(session: Session, envelopes: Sequence[Envelope]) -> None:
            at = time.time()
            for envelope in envelopes:
                note(HANDLED, envelope.id, at)
            many(session, envelopes)
            _on_commit(session, note).extend(envelope.id for envelope in envelopes)

        return BulkHandler(tapped, tapped_many)  # a set-based handler stays one

    return {event_type: tap(handler) for event_type, handler in handlers.items()}


def _on_commit(session: Session, note: Note) -> list[str]:
    """The ids to note as applied when this session commits (a rolled-back batch notes
    nothing; its events are noted by the transaction that does commit them)."""
    if _IN_SESSION not in session.info:
        session.info[_IN_SESSION] = []

        def committed(committed_session: Session) -> None:
            at = time.time()
            for event_id in committed_session.info.pop(_IN_SESSION, []):
                note(APPLIED, event_id, at)

        event.listen(session, "after_commit", committed, once=True)
    return session.info[_IN_SESSION]
