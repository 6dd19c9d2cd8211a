"""A gateway given at most N messages a second (per worker process): a token bucket, so
a burst after quiet hours goes out at the rate the operator's contract allows."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from services.notifications.adapters.gateways import Gateway, Outgoing


class RateLimited:
    def __init__(self, gateway: Gateway, per_second: float,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.gateway, self.per_second = gateway, per_second
        self._clock, self._sleep = clock, sleep
        self._tokens, self._last = 1.0, clock()
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"RateLimited({self.gateway!r}, {self.per_second}/s)"

    def send(self, message: Outgoing):
        self._wait_turn()
        return self.gateway.send(message)

    def was_sent(self, message_id: str) -> bool | None:
        return self.gateway.was_sent(message_id)

    def _wait_turn(self) -> None:
        with self._lock:
            now = self._clock()
            self._tokens = min(1.0, self._tokens + (now - self._last) * self.per_second)
            self._last = now
            if self._tokens < 1.0:
                self._sleep((1.0 - self._tokens) / self.per_second)
                self._tokens, self._last = 1.0, self._clock()
            self._tokens -= 1.0
