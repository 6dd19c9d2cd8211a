"""Workers asking a gateway's shared token bucket for turns at one frozen instant, each
with its own connection to notifications' database, in processes of their own."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime

from services.notifications.adapters.gateway_buckets import GatewayBucket
from services.notifications.adapters.gateways import Outgoing
from services.notifications.adapters.gateways.rate_limit import RateLimited
from shared.db import Database
from tests.support.notifications.fakes import ScriptedGateway

FROZEN = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def ask_for_turns(database_url: str, turns: int, per_second: float) -> list[float]:
    """One worker sending ``turns`` messages at ``FROZEN``: how long each waited (its
    sleep only records it; the clock stands still)."""
    db, slept, gateway = Database(database_url), [], ScriptedGateway()
    limited = RateLimited(gateway, GatewayBucket(db, "sms", per_second, clock=lambda: FROZEN),
                          sleep=slept.append)
    waits = []
    try:
        for n in range(turns):
            before = len(slept)
            limited.send(Outgoing(f"m{n}", "b", "welcome", "en", "cause"))
            waits.append(slept[-1] if len(slept) > before else 0.0)
    finally:
        db.dispose()
    assert len(gateway.sent) == turns
    return waits


def workers_ask(database_url: str, workers: int, turns: int, per_second: float) -> list[list[float]]:
    """Each worker's waits, the workers running at once in separate processes."""
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        asked = [pool.submit(ask_for_turns, database_url, turns, per_second) for _ in range(workers)]
        return [future.result() for future in asked]


def turns_expected(count: int, per_second: float) -> list[float]:
    """One token at once, then one every 1/rate seconds: never two in the same turn."""
    return [round(n / per_second, 6) for n in range(count)]


def every_turn(waits: list[list[float]]) -> list[float]:
    """The turns given, in order, all workers together."""
    return sorted(round(wait, 6) for worker in waits for wait in worker)
