"""Phase 2: N events through the Vidnova path as fast as writers can commit them.

Writers commit one event per transaction, as HTTP requests would, while the relay and
the consumer run. The rate is N over the time from the first write to the last ack.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

from bench.pipeline import Pipeline

WARMUP = 50


@dataclass(frozen=True)
class ThroughputResult:
    events: int
    writers: int
    seconds: float
    writes_seconds: float  # until the last commit
    published_seconds: float  # until the broker confirmed the last event
    handled_seconds: float  # until the last handler ran

    @property
    def events_per_second(self) -> float:
        return self.events / self.seconds


def warm_up(pipeline: Pipeline, timeout: float) -> None:
    """Connections, pools and statement caches made before anything is timed."""
    rng = random.Random(0)
    pipeline.ledger.wait_acked([pipeline.write(rng) for _ in range(WARMUP)], timeout)


def run(pipeline: Pipeline, events: int, writers: int, timeout: float) -> ThroughputResult:
    ledger = pipeline.ledger
    started = time.perf_counter()
    ids = pipeline.write_many(events, writers)
    ledger.wait_acked(ids, timeout)

    def last(times: dict[str, float]) -> float:
        return max(times[event_id] for event_id in ids) - started

    return ThroughputResult(events, writers, last(ledger.acked), last(ledger.committed),
                            last(ledger.published), last(ledger.handled))
