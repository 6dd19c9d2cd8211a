"""Failed sign-ins throttled per client address, in the app, so the limit holds with or
without nginx in front.

A failed sign-in is a request that presented credentials (an ``Authorization`` header:
a bearer token, or the token as the HTTP Basic password of ``/openrosa/submission``) and
was answered 401. After ``VIDNOVA_SIGN_IN_FAILURE_LIMIT`` of them within
``VIDNOVA_SIGN_IN_FAILURE_WINDOW`` seconds, the address's further requests with
credentials are answered 429 with ``Retry-After`` until the oldest failure leaves the
window. Requests without credentials pass: an OpenRosa client's first, unauthenticated
request is answered with a challenge as usual, and probes and docs are never refused.

Why a sliding window written here rather than Flask-Limiter: what is counted is not
requests but failures, and only requests with credentials are refused, which that
library expresses only through per-limit callbacks; its in-memory storage is per
process like this one, and it would bring four packages for some sixty lines. The
counts live in each web process's memory: with N gunicorn workers an address gets at
most N times the limit, and a restart forgets them. That still turns unlimited guessing
into a handful of attempts a minute per address.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable

from flask import Flask, request

from shared.config import Settings
from shared.web.client_address import client_address, limit_key
from shared.web.errors import error_response

log = logging.getLogger("vidnova.web.throttle")

# Each address keeps at most `limit` timestamps; this bounds how many addresses are
# remembered (the least recently seen is forgotten first), so a flood from many
# addresses cannot grow the process without end.
MAX_ADDRESSES = 10_000


class SignInThrottle:
    """A sliding-window log of failed sign-ins per key, safe across request threads."""

    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.monotonic,
                 max_keys: int = MAX_ADDRESSES):
        self.limit, self.window, self.clock, self.max_keys = limit, window, clock, max_keys
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def retry_after(self, key: str) -> int | None:
        """Whole seconds until ``key`` may try again, or None when it may now."""
        with self._lock:
            failures = self._recent(key)
            if len(failures) < self.limit:
                return None
            return max(1, math.ceil(failures[0] + self.window - self.clock()))

    def record_failure(self, key: str) -> None:
        with self._lock:
            failures = self._recent(key)
            failures.append(self.clock())
            self._failures[key] = failures
            self._failures.move_to_end(key)
            while len(self._failures) > self.max_keys:
                self._failures.popitem(last=False)
            if len(failures) == self.limit:
                # Never the address: it is personal data, and logs carry none.
                log.warning("sign-in attempts throttled for a client address")

    def _recent(self, key: str) -> deque[float]:
        failures = self._failures.get(key, deque(maxlen=self.limit))
        while failures and failures[0] <= self.clock() - self.window:
            failures.popleft()
        if not failures:
            self._failures.pop(key, None)
        return failures


def install(app: Flask, settings: Settings) -> None:
    """Refuse credentials from an address over its failures, and count each failure."""
    throttle = SignInThrottle(settings.sign_in_failure_limit, settings.sign_in_failure_window)

    def key() -> str:
        return limit_key(client_address(request.environ, settings.trusted_proxies))

    @app.before_request
    def refuse_while_throttled():
        if "Authorization" not in request.headers:
            return None
        wait = throttle.retry_after(key())
        if wait is None:
            return None
        response = error_response(429, "too many failed sign-ins from your address: "
                                       "wait before trying again")
        response.headers["Retry-After"] = str(wait)
        return response

    @app.after_request
    def count_failed_sign_in(response):
        if response.status_code == 401 and "Authorization" in request.headers:
            throttle.record_failure(key())
        return response
