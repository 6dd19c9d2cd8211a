"""Messages a second to the fake SMSC: through notifications' sending round, and by
direct sendsms calls to the same Kannel, each timed from its first send to the fake
SMSC's line for its last message."""

from __future__ import annotations

import time

import requests

from bench.notifications.arrivals import Arrivals
from bench.notifications.people import number, seed
from services.notifications.domain.default_texts import TEXTS
from services.notifications.domain.kinds import WELCOME
from services.notifications.usecases.dispatch import dispatch_due
from tests.support.kannel import PASSWORD, USERNAME, Kannel

DEADLINE = 300.0


def through_notifications(runtime, kannel: Kannel, count: int) -> dict:
    """``count`` welcomes queued, then sent by rounds of the sending path in this process."""
    people = seed(runtime, count, series=1)
    with Arrivals(kannel) as arrivals:
        started = time.monotonic()
        while _arrived(arrivals, people) < count and time.monotonic() - started < DEADLINE:
            if not dispatch_due(runtime):
                time.sleep(0.005)
        return _rate(arrivals, people, started)


def direct_sendsms(kannel: Kannel, count: int) -> dict:
    """The same text to ``count`` numbers by plain sendsms calls, one after the other."""
    numbers = {number(n, series=2): None for n in range(count)}
    http = requests.Session()
    with Arrivals(kannel) as arrivals:
        started = time.monotonic()
        for phone in numbers:
            http.get(kannel.sendsms_url, timeout=10, params={
                "username": USERNAME, "password": PASSWORD, "from": "Info", "to": phone,
                "text": TEXTS[WELCOME]["en"], "charset": "UTF-8", "coding": 0})
        while _arrived(arrivals, numbers) < count and time.monotonic() - started < DEADLINE:
            time.sleep(0.005)
        return _rate(arrivals, numbers, started)


def _arrived(arrivals: Arrivals, numbers) -> int:
    return sum(1 for phone in numbers if arrivals.at.get(phone))


def _rate(arrivals: Arrivals, numbers, started: float) -> dict:
    times = [arrivals.at[phone][0] for phone in numbers if arrivals.at.get(phone)]
    elapsed = (max(times) - started) if times else float("nan")
    return {"messages": len(numbers), "arrived": len(times), "seconds": round(elapsed, 3),
            "per_second": round(len(times) / elapsed, 1) if times else 0.0}
