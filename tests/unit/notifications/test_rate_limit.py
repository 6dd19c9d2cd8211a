"""Each gateway is given at most its rate of messages a second by all workers together:
turns come from one token bucket in notifications' database (on a frozen clock whose
sleep only records: no test waits in real time)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from services.notifications.adapters.gateway_buckets import GatewayBucket
from services.notifications.adapters.gateways import Outgoing
from services.notifications.adapters.gateways.rate_limit import NO_TURN, RateLimited
from services.notifications.domain.delivery import TransientFailure
from services.notifications.usecases.dispatch import dispatch_due
from shared.db import Database
from tests.support.notifications.buckets import FROZEN, every_turn, turns_expected, workers_ask
from tests.support.notifications.fakes import FrozenClock, ScriptedGateway
from tests.support.notifications.people import person
from tests.support.notifications.queries import only_message


def message(n: int = 0) -> Outgoing:
    return Outgoing(f"m{n}", "b", "welcome", "en", "cause")


@pytest.fixture
def limited(notifications):
    """A scripted gateway at 4 a second, its clock frozen, its sleeps recorded."""
    clock, slept, gateway = FrozenClock(FROZEN), [], ScriptedGateway()
    limiter = RateLimited(gateway, GatewayBucket(notifications.db, "sms", 4, clock), sleep=slept.append)
    return limiter, clock, slept, gateway


def test_a_burst_is_spaced_to_the_gateways_rate(limited):
    limiter, _clock, slept, gateway = limited
    for n in range(5):
        limiter.send(message(n))
    assert len(gateway.sent) == 5
    assert slept == [0.25, 0.5, 0.75, 1.0]  # the first at once, then a quarter second apart


def test_a_gateway_idle_for_a_while_sends_at_once_but_only_one(limited):
    limiter, clock, slept, _gateway = limited
    limiter.send(message(1))
    clock.advance(seconds=10)
    limiter.send(message(2))
    limiter.send(message(3))
    assert slept == [0.25]  # ten idle seconds give one token, not forty


def test_two_workers_at_the_same_instant_share_one_bucket(notifications_settings, notifications):
    waits = workers_ask(notifications_settings.database_url, workers=2, turns=6, per_second=10)
    assert every_turn(waits) == turns_expected(12, per_second=10)


def test_without_the_database_no_turn_is_taken_and_the_gateway_is_not_called(tmp_path):
    gone, gateway = Database(f"sqlite:///{tmp_path}/missing/notifications.db"), ScriptedGateway()
    with pytest.raises(TransientFailure) as refused:
        RateLimited(gateway, GatewayBucket(gone, "sms", 4)).send(message())
    assert refused.value.reason == NO_TURN and gateway.attempts == []


def test_each_gateway_has_its_own_bucket(notifications):
    clock, slept = FrozenClock(FROZEN), []
    sms = RateLimited(ScriptedGateway(), GatewayBucket(notifications.db, "sms", 2, clock), slept.append)
    email = RateLimited(ScriptedGateway(), GatewayBucket(notifications.db, "email", 2, clock), slept.append)
    sms.send(message(1))
    email.send(message(2))
    assert slept == []


def test_a_sending_round_waits_for_its_turn_before_it_hands_the_message_over(notifications):
    """A worker dying while it waits for its turn leaves a message known unsent (never
    handed over), not one of unknown outcome: only the gateway's call comes after the
    hand-over."""
    someone = person(notifications)
    seen_while_waiting = []

    def sleep(seconds: float) -> None:
        seen_while_waiting.append(only_message(notifications, someone)["handed_at"])

    class Busy:  # the bucket says: your turn comes in a second
        def take_turn(self) -> float:
            return 1.0

    gateway = ScriptedGateway()
    limited = replace(notifications, gateways={**notifications.gateways,
                                               "sms": RateLimited(gateway, Busy(), sleep=sleep)})
    dispatch_due(limited)

    assert seen_while_waiting == [None]  # waited, not yet handed over
    message = only_message(notifications, someone)
    assert message["status"] == "sent" and message["handed_at"] is not None
    assert len(gateway.sent) == 1
