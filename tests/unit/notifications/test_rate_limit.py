"""Each gateway is given at most its rate of messages a second: the limiter spaces sends
(on a fake clock: no test waits in real time)."""

from services.notifications.adapters.gateways.rate_limit import RateLimited
from tests.support.notifications.fakes import ScriptedGateway


class FakeTime:
    def __init__(self):
        self.now, self.slept = 0.0, []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now += seconds


def test_a_burst_is_spaced_to_the_gateways_rate():
    time, gateway = FakeTime(), ScriptedGateway()
    limited = RateLimited(gateway, per_second=4, clock=time.clock, sleep=time.sleep)
    for n in range(5):
        limited.send(n)
    assert len(gateway.sent) == 5
    assert time.slept == [0.25] * 4  # the first at once, then one every quarter second


def test_a_gateway_idle_for_a_while_sends_at_once():
    time, gateway = FakeTime(), ScriptedGateway()
    limited = RateLimited(gateway, per_second=2, clock=time.clock, sleep=time.sleep)
    limited.send(1)
    time.now += 10
    limited.send(2)
    assert time.slept == []
