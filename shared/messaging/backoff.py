"""Exponential back-off with a ceiling, and a little jitter so retries do not march in step."""

from __future__ import annotations

import random


def delay(attempt: int, base: float, ceiling: float, jitter: float = 0.1) -> float:
    """Seconds to wait before attempt ``attempt + 1`` (``attempt`` counts from 1)."""
    raw = min(ceiling, base * (2 ** max(0, attempt - 1)))
    return raw * (1 + random.uniform(-jitter, jitter)) if jitter else raw


class Backoff:
    def __init__(self, base: float, ceiling: float):
        self.base, self.ceiling, self.failures = base, ceiling, 0

    def next(self) -> float:
        self.failures += 1
        return delay(self.failures, self.base, self.ceiling)

    def reset(self) -> None:
        self.failures = 0
