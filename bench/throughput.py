"""Phase 2: N events through the Vidnova path as fast as it takes them.

``run``: writer processes commit one event per transaction, as web workers serving HTTP
requests would, while intake's and training's workers run. The rate is N over the time
from letting the writers go to the last effect committed by the consumer.

``drain``: the same path without the writers: N events already in the outbox are
released at once; the rate is N over the time from the release to the last effect
committed. This is what the relay and the consumer can do, the part comparable to the
baseline's publisher and consumer.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from bench.pipeline import Pipeline
from bench.writers import write_concurrently

WARMUP = 50


@dataclass(frozen=True)
class ThroughputResult:
    events: int
    writers: int
    seconds: float
    writes_seconds: float  # until the last commit
    published_seconds: float  # until the relay recorded the last one confirmed
    applied_seconds: float  # until the consumer committed the last effect
    cpu_ms_per_event: dict[str, float]

    @property
    def events_per_second(self) -> float:
        return self.events / self.seconds


@dataclass(frozen=True)
class DrainResult:
    events: int
    seconds: float
    published_seconds: float  # until the relay recorded the last one confirmed
    cpu_ms_per_event: dict[str, float]

    @property
    def events_per_second(self) -> float:
        return self.events / self.seconds

    @property
    def relay_events_per_second(self) -> float:
        return self.events / self.published_seconds


def warm_up(pipeline: Pipeline, timeout: float) -> None:
    """Connections, pools and statement caches made before anything is timed."""
    rng = random.Random(0)
    pipeline.wait_applied([pipeline.write(rng) for _ in range(WARMUP)], timeout)


def run(pipeline: Pipeline, events: int, writers: int, timeout: float) -> ThroughputResult:
    meter = pipeline.meter()
    written = write_concurrently(pipeline.intake_url, events, writers, timeout, meter)
    ids, started = list(written.committed), written.started
    pipeline.ledger.committed.update(written.committed)
    pipeline.wait_applied(ids, timeout)
    cpu_used = meter.per_event(written.cpu_at_start, meter.sample(), events,
                               written.cpu_seconds)
    last = _last(ids, started)
    applied = last(pipeline.ledger.applied)
    return ThroughputResult(events, writers, applied, last(written.committed),
                            last(pipeline.published(ids)), applied, cpu_used)


def drain(pipeline: Pipeline, events: int, timeout: float) -> DrainResult:
    ids, meter = pipeline.park(events), pipeline.meter()
    cpu_before = meter.sample()
    released = pipeline.release(ids)
    pipeline.wait_applied(ids, timeout)
    cpu_used = meter.per_event(cpu_before, meter.sample(), events)
    last = _last(ids, released)
    return DrainResult(events, last(pipeline.ledger.applied), last(pipeline.published(ids)),
                       cpu_used)


def _last(ids: list[str], since: float):
    def last(times: dict[str, float]) -> float:
        return max(times[event_id] for event_id in ids) - since

    return last
