"""Each gateway's token bucket, one row per gateway in notifications' database, so every
worker process draws on the same tokens. A turn is one upsert in a short transaction of
its own: the row (created full on first use) is locked by the update itself (PostgreSQL;
SQLite lets one writer in at a time), refilled for the time since it was last counted,
and one token taken. When none is left the token is taken all the same, the count going
below zero, and the caller is told how long to wait for it: workers asking at the same
instant are given successive turns, never the same one, and no one holds the lock while
waiting. On PostgreSQL the turn's commit does not wait for the disk (a bucket a crash
rolls back costs at most a few early turns, never a message), so the lock is short.

The clock is injectable (a frozen one in tests); by default the wall clock, which
workers share. Times are kept as seconds since the epoch, so the refill is plain
arithmetic in either database."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import case, literal, text
from sqlalchemy.orm import Session

from services.notifications.adapters.tables import gateway_buckets as buckets
from shared.clock import utcnow
from shared.db import Database, insert_or_update

CAPACITY = 1.0  # tokens a bucket holds: a gateway idle for a while sends one at once


class GatewayBucket:
    def __init__(self, db: Database, gateway: str, per_second: float,
                 clock: Callable[[], datetime] = utcnow):
        self.db, self.gateway, self.per_second, self._clock = db, gateway, per_second, clock

    def __repr__(self) -> str:
        return f"GatewayBucket({self.gateway}, {self.per_second}/s)"

    def take_turn(self) -> float:
        """Take the gateway's next token; the seconds to wait before using it (0: at
        once). SQLAlchemy's errors are the caller's to handle."""
        with self.db.transaction() as session:
            if session.get_bind().dialect.name == "postgresql":
                session.execute(text("SET LOCAL synchronous_commit TO OFF"))
            tokens = session.execute(self._turn(session, self._clock().timestamp())).scalar_one()
        return max(0.0, -tokens / self.per_second)

    def _turn(self, session: Session, now: float):
        """The upsert taking a token: a new bucket is full less this turn; a kept one is
        refilled for the seconds since it was counted (none if this worker's clock lags
        behind the count), up to ``CAPACITY``, less this turn. Every expression reads
        the row as it was before the update."""
        now_ = literal(now)
        later = now_ > buckets.c.counted_at
        refilled = buckets.c.tokens + case((later, now_ - buckets.c.counted_at), else_=0.0) * self.per_second
        statement = insert_or_update(session, buckets).values(
            gateway=self.gateway, tokens=CAPACITY - 1.0, counted_at=now)
        return statement.on_conflict_do_update(index_elements=[buckets.c.gateway], set_={
            "tokens": case((refilled > CAPACITY, CAPACITY), else_=refilled) - 1.0,
            "counted_at": case((later, now_), else_=buckets.c.counted_at),
        }).returning(buckets.c.tokens)
