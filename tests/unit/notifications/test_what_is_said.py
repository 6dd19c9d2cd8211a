"""What is said, when: each of training's and grants' events a beneficiary should hear
about queues its own template, filled with what it may say (never a name)."""

from __future__ import annotations

import copy

import pytest

from services.notifications.usecases.dispatch import dispatch_due
from shared.events.contracts import grants, training
from tests.support.grants_event_samples import GRANTS_SAMPLES
from tests.support.notifications.people import deliver, erase, event, person
from tests.support.notifications.queries import messages_of, sink
from tests.support.training_event_samples import TRAINING_SAMPLES

SAYS = [
    (training.ENROLMENT_CREATED, "enrolment_confirmed", "Ваше місце на курсі підтверджено"),
    (training.ENROLMENT_WAITLISTED, "waitlisted", "Ви в черзі: "),
    (training.ENROLMENT_PROMOTED, "promoted", "звільнилося місце"),
    (training.ENROLMENT_WITHDRAWN, "withdrawn", "скасовано"),
    (grants.APPLICATION_SUBMITTED, "application_received", "заявку отримано"),
    (grants.APPLICATION_CHANGES_REQUESTED, "changes_requested", "доопрацювати"),
    (grants.APPLICATION_APPROVED, "application_approved", "100 000,00"),
    (grants.APPLICATION_REJECTED, "application_rejected", "не схвалено"),
    (grants.TRANCHE_PAID, "tranche_paid", "3 травня 2027"),
]


def sample(event_type: str, beneficiary_id: str) -> dict:
    data = copy.deepcopy({**TRAINING_SAMPLES, **GRANTS_SAMPLES}[(event_type, 1)])
    data["beneficiary_id"] = beneficiary_id
    return data


@pytest.mark.parametrize(("event_type", "template", "words"), SAYS)
def test_each_event_a_beneficiary_should_hear_about_sends_its_template(
        notifications, event_type, template, words):
    someone = person(notifications)
    deliver(notifications, event(event_type, sample(event_type, someone)))
    dispatch_due(notifications)

    said = {r["template"]: r["body"] for r in sink(notifications)}
    assert set(said) == {"welcome", template}
    assert words in said[template].replace("\xa0", " ")


def test_a_cancelled_cohort_tells_everyone_placed_in_it(notifications):
    first, second = person(notifications), person(notifications, sms="+380501234567")
    data = copy.deepcopy(TRAINING_SAMPLES[(training.COHORT_CANCELLED, 1)])
    data["affected"] = [{**data["affected"][0], "beneficiary_id": first},
                        {**data["affected"][0], "beneficiary_id": second,
                         "enrolment_id": "6b1b7c8e-0a35-4a57-9d1c-23f1c8b2f7e3"}]
    deliver(notifications, event(training.COHORT_CANCELLED, data))
    dispatch_due(notifications)

    cancelled = [r["beneficiary_id"] for r in sink(notifications) if r["template"] == "cohort_cancelled"]
    assert sorted(cancelled) == sorted([first, second])


def test_a_tranche_released_to_a_supplier_is_not_announced_as_a_payment_to_the_person(notifications):
    someone = person(notifications)
    to_supplier = sample(grants.TRANCHE_RELEASED, someone)
    to_person = {**to_supplier, "payee": "beneficiary", "supplier_id": None,
                 "tranche_id": "0d0d0d0d-1234-4abc-8def-0123456789ab"}
    deliver(notifications, event(grants.TRANCHE_RELEASED, to_supplier))
    deliver(notifications, event(grants.TRANCHE_RELEASED, to_person))

    assert [m["template"] for m in messages_of(notifications, someone)].count("tranche_released") == 1


def test_an_event_for_someone_erased_queues_nothing(notifications):
    someone = person(notifications)
    erase(notifications, someone)
    deliver(notifications, event(grants.APPLICATION_REJECTED,
                                 sample(grants.APPLICATION_REJECTED, someone)))
    assert [m["template"] for m in messages_of(notifications, someone)] == ["welcome"]
