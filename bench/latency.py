"""Phase 3: commit-to-handler latency at a steady offered rate below saturation.

One writer commits events on a fixed schedule (``rate`` per second); for each event the
latency is the time its consumer's handler started minus the time its producing
transaction committed. Below saturation this measures the path, not a queue.
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
    # Where the time goes, as p50 / p99 in ms of each leg.
    relay_ms: tuple[float, float]  # commit -> broker confirm
    delivery_ms: tuple[float, float]  # confirm -> handler start


def run(pipeline: Pipeline, rate: float, seconds: float, timeout: float) -> LatencyResult:
    ledger, rng = pipeline.ledger, random.Random(1)
    count = max(1, round(rate * seconds))
    started = time.perf_counter()
    ids = []
    for index in range(count):
        pause = started + index / rate - time.perf_counter()
        if pause > 0:
            time.sleep(pause)
        ids.append(pipeline.write(rng))
    offered_for = time.perf_counter() - started
    ledger.wait_acked(ids, timeout)

    def leg(later: dict[str, float], earlier: dict[str, float]) -> list[float]:
        return [(later[event_id] - earlier[event_id]) * 1000 for event_id in ids]

    total = leg(ledger.handled, ledger.committed)
    relay, delivery = leg(ledger.published, ledger.committed), leg(ledger.handled, ledger.published)
    return LatencyResult(
        events=count, offered_rate=rate, achieved_rate=count / offered_for,
        p50_ms=percentile(total, 0.50), p99_ms=percentile(total, 0.99), max_ms=max(total),
        relay_ms=(percentile(relay, 0.50), percentile(relay, 0.99)),
        delivery_ms=(percentile(delivery, 0.50), percentile(delivery, 0.99)),
    )
