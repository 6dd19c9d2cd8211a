"""The embedded broker under load from several processes, as on RabbitMQ: two writers
(one transaction per message, and one per batch as the relay publishes) and three
competing consumers on one queue, each applying effects through the real idempotent
consumer, a few handler failures retried through the retry queue. Nothing is lost and
nothing is applied twice. Needs no server: the broker and the databases are SQLite files."""

from __future__ import annotations

import signal

from tests.support.ledger import Ledger
from tests.support.waiting import eventually

PER_WRITER = 1500
CONSUMERS = ("consumer-1", "consumer-2", "consumer-3")
WRITERS = {"writer-single": "single", "writer-batch": "batch"}


def test_two_writers_and_three_competing_consumers_lose_nothing_and_double_nothing(tmp_path):
    ledger = Ledger(tmp_path)
    try:
        for name in CONSUMERS:
            ledger.start_consumer(name, "--flaky")
        writers = [ledger.start_writer(name, PER_WRITER, mode) for name, mode in WRITERS.items()]
        assert [writer.wait(180) for writer in writers] == [0, 0]
        published = ledger.published(*WRITERS)
        eventually(lambda: len(ledger.effect_counts()) >= len(published), timeout=180,
                   interval=0.5, what=f"{len(published)} events applied")
        eventually(lambda: ledger.size(ledger.queue) + ledger.size(ledger.retry_queue) == 0,
                   timeout=60, what="every message acked")
    finally:
        codes = ledger.processes.stop(signal.SIGTERM)
    assert all(codes[name] == 0 for name in CONSUMERS), codes

    counts, tally = ledger.effect_counts(), ledger.tallies(*CONSUMERS)
    lost = set(published) - set(counts)
    doubled = {event_id: n for event_id, n in counts.items() if n > 1}
    print(f"\nevents {len(published)}, applied {len(counts)}, lost {len(lost)}, "
          f"doubled {len(doubled)}; per consumer {dict(ledger.appliers())}; outcomes {dict(tally)}")
    assert len(set(published)) == len(published) == PER_WRITER * len(WRITERS)
    assert not lost and not doubled
    assert set(counts) == set(published)
    assert ledger.processed() == len(published)
    assert tally["retried"] > 0  # the retry path ran, across processes
    assert ledger.size(ledger.dead_letter_queue) == 0
    assert len(ledger.appliers()) > 1  # they did compete
