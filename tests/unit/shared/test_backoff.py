"""Retry delays: exponential, capped, with bounded jitter."""

import pytest

from shared.messaging import backoff
from shared.messaging.backoff import Backoff


def test_delay_doubles_with_each_attempt():
    assert [backoff.delay(n, base=0.5, ceiling=100, jitter=0) for n in (1, 2, 3, 4)] == [
        0.5, 1.0, 2.0, 4.0]


def test_delay_never_exceeds_the_ceiling():
    assert backoff.delay(50, base=1.0, ceiling=300, jitter=0) == 300


def test_the_first_attempt_waits_the_base_delay():
    assert backoff.delay(1, base=2.0, ceiling=300, jitter=0) == 2.0


@pytest.mark.parametrize("attempt", [1, 3, 30])
def test_jitter_stays_within_its_fraction_of_the_delay(attempt):
    raw = backoff.delay(attempt, base=1.0, ceiling=60, jitter=0)

    delays = [backoff.delay(attempt, base=1.0, ceiling=60, jitter=0.1) for _ in range(500)]

    assert all(raw * 0.9 <= d <= raw * 1.1 for d in delays)
    assert len(set(delays)) > 1


@pytest.mark.parametrize("draw, factor", [(-0.25, 0.75), (0.25, 1.25)])
def test_jitter_reaches_its_bounds_and_no_further(monkeypatch, draw, factor):
    monkeypatch.setattr(backoff.random, "uniform", lambda low, high: high if draw > 0 else low)

    assert backoff.delay(2, base=1.0, ceiling=60, jitter=abs(draw)) == pytest.approx(2 * factor)


def test_backoff_grows_with_consecutive_failures_and_restarts_after_reset(monkeypatch):
    monkeypatch.setattr(backoff.random, "uniform", lambda low, high: 0.0)
    outage = Backoff(base=0.1, ceiling=0.5)

    assert [outage.next() for _ in range(5)] == pytest.approx([0.1, 0.2, 0.4, 0.5, 0.5])
    outage.reset()
    assert outage.next() == pytest.approx(0.1)
