"""Each gateway's token bucket, one row per gateway in notifications' database, so every
worker process draws on the same tokens. A turn is taken in a short transaction of its
own: the row is locked (``FOR UPDATE`` on PostgreSQL; SQLite lets one writer in at a
time), refilled for the time since it was last counted, and one token taken. When none
is left the token is taken all the same, the count going below zero, and the caller is
told how long to wait for it: workers asking at the same instant are given successive
turns, never the same one, and no one holds the lock while waiting. The clock is
injectable (a frozen one in tests); by default the wall clock, which workers share."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from services.notifications.adapters.tables import gateway_buckets
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
            return self._take(session)

    def _take(self, session: Session) -> float:
        """The clock is read once the row is locked, so the turns are counted in the order
        they are taken."""
        session.execute(insert_or_update(session, gateway_buckets).values(
            gateway=self.gateway, tokens=CAPACITY, counted_at=self._clock()).on_conflict_do_nothing(
            index_elements=[gateway_buckets.c.gateway]))
        mine = gateway_buckets.c.gateway == self.gateway
        bucket = session.execute(select(gateway_buckets).where(mine).with_for_update()).mappings().one()
        now = max(self._clock(), bucket["counted_at"])  # a worker whose clock lags adds no tokens
        elapsed = (now - bucket["counted_at"]).total_seconds()
        tokens = min(CAPACITY, bucket["tokens"] + elapsed * self.per_second) - 1.0
        session.execute(update(gateway_buckets).where(mine).values(tokens=tokens, counted_at=now))
        return max(0.0, -tokens / self.per_second)
