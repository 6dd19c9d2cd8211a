"""A handler that may apply a batch of its events in set-based statements.

An entry of a handler table is a callable ``(session, envelope)``. Wrapped in
``BulkHandler`` with a ``many(session, envelopes)`` that has the same effect as calling
it on each envelope in order, it lets the consumer apply a run of such events with one
statement (a bulk upsert) instead of one per event. It is an opt-in: handlers whose
effect is not a plain upsert stay per message.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from shared.events.envelope import Envelope


@dataclass(frozen=True)
class BulkHandler:
    one: Callable[[Session, Envelope], None]
    many: Callable[[Session, Sequence[Envelope]], None]

    def __call__(self, session: Session, envelope: Envelope) -> None:
        self.one(session, envelope)


def bulk_of(handler) -> Callable[[Session, Sequence[Envelope]], None] | None:
    """The handler's set-based form, if it has one."""
    return handler.many if isinstance(handler, BulkHandler) else None
