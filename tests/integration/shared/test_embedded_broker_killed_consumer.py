"""A consumer killed with SIGKILL after it took a batch and before it acked loses nothing:
the batch stays stored under its lease, comes back when the lease runs out, and is
applied once by the consumer that takes it up. Needs no server."""

from __future__ import annotations

import os
import signal

from tests.support.ledger import Ledger
from tests.support.waiting import eventually

EVENTS = 30  # under the prefetch: the killed consumer takes them all in one batch


def test_a_consumer_killed_mid_batch_gets_its_messages_again_and_they_are_applied_once(tmp_path):
    ledger = Ledger(tmp_path, VIDNOVA_EMBEDDED_LEASE_SECONDS="2")
    published = ledger.publish(EVENTS)
    try:
        hung = ledger.start_consumer("killed", "--hang")
        eventually(ledger.marker("killed").exists, timeout=60, what="the batch taken")
        assert len(ledger.claimed(ledger.queue)) == EVENTS

        os.killpg(hung.pid, signal.SIGKILL)
        assert hung.wait(30) == -signal.SIGKILL
        assert ledger.size(ledger.queue) == EVENTS  # nothing went with it
        assert ledger.processed() == 0  # its transaction died with it

        ledger.start_consumer("survivor")
        eventually(lambda: len(ledger.effect_counts()) == EVENTS, timeout=60,
                   what="the batch applied after the lease ran out")
        eventually(lambda: ledger.size(ledger.queue) == 0, what="every message acked")
    finally:
        ledger.processes.stop(signal.SIGTERM)

    assert ledger.effect_counts() == dict.fromkeys(published, 1)
    assert ledger.appliers() == {"survivor": EVENTS}
