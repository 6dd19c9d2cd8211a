"""On PostgreSQL: the same person registered twice at the same moment (a form sent twice)
is registered once; the second registration waits for the first and is refused as its
duplicate. Registrations of different people do not wait for each other."""

from __future__ import annotations

import threading

import pytest

from services.intake.adapters.tables import beneficiaries
from services.intake.api import intake
from services.intake.domain.errors import DuplicateSuspected
from services.intake.domain.record import checked_record
from services.intake.usecases.registration import Registration, register_one
from tests.support.queries import count_rows
from tests.support.registrations import registration

pytestmark = pytest.mark.integration

WAIT = 1.0  # seconds the second registration is given to (wrongly) get through


def record(body: dict) -> dict:
    body = {**body, "person": dict(body["person"])}
    body.pop("consents")
    return checked_record(body, "UA")


class Registrant(threading.Thread):
    """Registers a record in a transaction of its own; ``outcome`` is the summary or
    the refusal."""

    def __init__(self, app, body: dict):
        super().__init__(daemon=True)
        self.app, self.body, self.outcome = app, body, None

    def run(self) -> None:
        with self.app.app_context(), intake().unit_of_work() as work:
            try:
                self.outcome = register_one(work, intake().personal,
                                            Registration(record(self.body), "cw-2"), "UA")
            except DuplicateSuspected as refused:
                self.outcome = refused


def test_the_same_person_sent_twice_at_once_is_registered_once(platform):
    app = platform.client("intake").application
    body = registration()
    with app.app_context(), intake().unit_of_work() as work:
        first = register_one(work, intake().personal, Registration(record(body), "cw-1"), "UA")
        second = Registrant(app, body)
        second.start()
        second.join(WAIT)
        assert second.is_alive()  # waiting for the first to commit or roll back
    second.join(30)

    assert isinstance(second.outcome, DuplicateSuspected)
    assert second.outcome.errors == {"candidates": [first["code"]]}
    assert count_rows(platform, "intake", beneficiaries) == 1


def test_someone_else_registered_meanwhile_does_not_wait(platform):
    app = platform.client("intake").application
    with app.app_context(), intake().unit_of_work() as work:
        register_one(work, intake().personal,
                             Registration(record(registration()), "cw-1"), "UA")
        other = Registrant(app, registration())
        other.start()
        other.join(30)
        assert not other.is_alive()

    assert not isinstance(other.outcome, DuplicateSuspected)
    assert count_rows(platform, "intake", beneficiaries) == 2
