"""People taken through the journey by a bounded number of clients at once, each person
by one client of their own (its own correlation id), as ``tests.support.journey_steps``
drives the e2e suite's journey; each timed from sending their registration to the
answer of their last step."""

from __future__ import annotations

import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from tests.support.journey_steps import Journey, Offer
from tests.support.sms_expectations import expected_text
from tests.support.staff_api import StaffApi

LANGUAGES = ("uk", "ru", "en")


@dataclass(frozen=True)
class Timed:
    phone: str
    language: str
    registering: float  # monotonic: the registration about to be sent
    finished: float  # monotonic: the last step answered (nan where a step failed)
    sms: tuple[str, ...]  # the texts the person should have got, in the order caused
    failure: str = ""  # the failed step's error, where one failed

    @property
    def welcome(self) -> str:
        return self.sms[0]


def phone(n: int) -> str:
    """The n-th person's number: numbers the run can tell apart (random ones repeat)."""
    return f"+38067{n:07d}"


def take_through(urls, token, offer: Offer, n: int) -> Timed:
    """Person ``n`` from registration to their second tranche paid."""
    language = LANGUAGES[n % len(LANGUAGES)]
    api = StaffApi(urls, token, f"load-{uuid.uuid4()}")
    person = Journey(api, offer, language, phone(n))
    steps = person.steps[:person.steps.index(person.confirm_second_payment) + 1]
    texts: list[str] = []
    registering = time.monotonic()
    try:
        for step in steps:
            texts += [expected_text(sms.template, language, sms.variables) for sms in step().sms]
    except Exception as exc:  # counted and shown; the other journeys go on
        return Timed(person.phone, language, registering, float("nan"), tuple(texts),
                     f"{type(exc).__name__}: {exc}"[:300])
    finally:
        api.close()
    return Timed(person.phone, language, registering, time.monotonic(), tuple(texts))


def take_many_through(urls, token, offer: Offer, numbers: range, clients: int) -> list[Timed]:
    pool = ThreadPoolExecutor(clients)
    try:
        return list(pool.map(lambda n: take_through(urls, token, offer, n), numbers))
    finally:  # interrupted: the journeys under way end, those not begun never start
        pool.shutdown(wait=True, cancel_futures=True)
