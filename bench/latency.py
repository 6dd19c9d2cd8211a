"""Phase 3: commit-to-handler latency at a steady offered rate below saturation.

One writer in the bench process commits events on a fixed schedule (``rate`` per
second); for each event the latency is the time its consumer's handler started minus
the time its producing transaction committed. Below saturation this measures the path,
not a queue.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

from bench.pipeline import Pipeline
from bench.stats import percentile


@dataclass(frozen=True)
class LatencyResult:
    events: int
    offered_rate: float
    achieved_rate: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    # Where the time goes, as p50 / p99 in ms of two legs.
    relay_ms: tuple[float, float]  # commit -> relay recorded the broker's confirm
    applying_ms: tuple[float, float]  # handler start -> effect committed


def run(pipeline: Pipeline, rate: float, seconds: float, timeout: float) -> LatencyResult:
    ledger, rng = pipeline.ledger, random.Random(1)
    count = max(1, round(rate * seconds))
    started = time.monotonic()
    ids = []
    for index in range(count):
        pause = started + index / rate - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        ids.append(pipeline.write(rng))
    offered_for = time.monotonic() - started
    pipeline.wait_applied(ids, timeout)
    published = pipeline.published(ids)

    def leg(later: dict[str, float], earlier: dict[str, float]) -> list[float]:
        return [(later[event_id] - earlier[event_id]) * 1000 for event_id in ids]

    total = leg(ledger.handled, ledger.committed)
    relay, applying = leg(published, ledger.committed), leg(ledger.applied, ledger.handled)
    return LatencyResult(
        events=count, offered_rate=rate, achieved_rate=count / offered_for,
        p50_ms=percentile(total, 0.50), p99_ms=percentile(total, 0.99), max_ms=max(total),
        relay_ms=(percentile(relay, 0.50), percentile(relay, 0.99)),
        applying_ms=(percentile(applying, 0.50), percentile(applying, 0.99)),
    )
