"""Failed sign-ins slow down: after a few free failures, each further attempt with the
same key (the name typed, or the client's address) must wait twice as long as the one
before, up to a ceiling. A typed name is counted whether or not anyone has it, so the
wait says nothing about which names exist.

Kept in the web process's memory, like the services' throttle (``shared.web.throttle``):
a restart forgets it, and N processes allow N times as many guesses, which still turns
unlimited guessing into a handful a minute.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

MAX_KEYS = 10_000


@dataclass
class _Failures:
    count: int
    last: float


class SignInBackoff:
    """Failures per key, forgotten once a key has been quiet for ``forget_after``."""

    def __init__(self, clock: Callable[[], float], free: int = 3, first_wait: float = 1.0,
                 longest_wait: float = 300.0, max_keys: int = MAX_KEYS):
        self.clock, self.free, self.first_wait, self.longest_wait = clock, free, first_wait, longest_wait
        self.max_keys = max_keys
        self._failures: OrderedDict[str, _Failures] = OrderedDict()
        self._lock = threading.Lock()

    def wait(self, *keys: str) -> int:
        """Whole seconds before any of ``keys`` may try again (0: now)."""
        with self._lock:
            return max((self._wait(key) for key in keys), default=0)

    def failed(self, *keys: str) -> None:
        with self._lock:
            now = self.clock()
            for key in keys:
                self._forget_if_quiet(key, now)
                entry = self._failures.pop(key, _Failures(0, now))
                self._failures[key] = _Failures(entry.count + 1, now)
            while len(self._failures) > self.max_keys:
                self._failures.popitem(last=False)

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)

    def _wait(self, key: str) -> int:
        now = self.clock()
        self._forget_if_quiet(key, now)
        entry = self._failures.get(key)
        if entry is None or entry.count < self.free:
            return 0
        delay = min(self.longest_wait, self.first_wait * 2 ** (entry.count - self.free))
        return max(0, math.ceil(entry.last + delay - now))

    def _forget_if_quiet(self, key: str, now: float) -> None:
        entry = self._failures.get(key)
        if entry is not None and now - entry.last > 2 * self.longest_wait:
            del self._failures[key]
