"""A gateway given at most N messages a second by all of notifications' workers together:
each send first takes a turn from the gateway's token bucket in the database
(``adapters.gateway_buckets``), then waits for it, so a burst after quiet hours goes out
at the rate the operator's contract allows however many workers send it."""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy.exc import SQLAlchemyError

from services.notifications.adapters.gateway_buckets import GatewayBucket
from services.notifications.adapters.gateways import Gateway, Outgoing
from services.notifications.domain.delivery import TransientFailure

NO_TURN = "rate_limit_unavailable"


class RateLimited:
    def __init__(self, gateway: Gateway, bucket: GatewayBucket,
                 sleep: Callable[[float], None] = time.sleep):
        self.gateway, self.bucket, self._sleep = gateway, bucket, sleep

    def __repr__(self) -> str:
        return f"RateLimited({self.gateway!r}, {self.bucket!r})"

    def send(self, message: Outgoing):
        """The gateway's answer, once this send's turn has come."""
        self.wait_for_turn()
        return self.gateway.send(message)

    def wait_for_turn(self) -> None:
        """Until this send's turn has come; the gateway itself is then called without
        taking another (``gateway.send``). Without the database no turn can be taken: the
        message is not sent now but retried (``TransientFailure``: the gateway was never
        called)."""
        try:
            wait = self.bucket.take_turn()
        except SQLAlchemyError:
            raise TransientFailure(NO_TURN) from None
        if wait > 0:
            self._sleep(wait)

    def was_sent(self, message_id: str) -> bool | None:
        return self.gateway.was_sent(message_id)
