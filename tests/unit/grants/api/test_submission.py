"""Eligibility on submission: known, not erased, consenting, course completed, no other
active grant, within the cap; every unmet condition named at once."""

from __future__ import annotations

import uuid

from shared.events.contracts.intake import BENEFICIARY_CONSENT_CHANGED, BENEFICIARY_ERASED
from tests.support.grants import (
    CONSENTS,
    completed_course,
    eligible_person_events,
    intake_event,
)

CARA = {"user": "cara"}


def submit(api, as_role, plan):
    return api.post(f"/applications/{plan['id']}/submission", headers=as_role("caseworker", **CARA))


def rules(response) -> set[str]:
    return {c["rule"] for c in response.get_json()["errors"]["conditions"]}


def test_an_eligible_beneficiarys_plan_is_submitted_and_announced(api, as_role, draft, deliver,
                                                                  grants_runtime):
    person = str(uuid.uuid4())
    deliver(*eligible_person_events(person))
    plan = draft(person)

    response = submit(api, as_role, plan)

    assert response.status_code == 200
    assert response.get_json()["status"] == "submitted"
    assert response.get_json()["review_round"] == 1
    assert "grants.application.submitted" in outbox_types(grants_runtime)


def test_an_unknown_beneficiary_without_a_course_over_the_cap_hears_every_reason_at_once(
        api, as_role, draft):
    plan = draft(budget_lines=[{"item": "Truck", "quantity": "1", "unit_cost": "130000.00"}],
                 requested_amount="120000.00", own_contribution="10000.00")

    response = submit(api, as_role, plan)

    assert response.status_code == 422
    assert rules(response) == {"known", "completed_required_course", "within_cap"}


def test_withdrawn_consent_and_erasure_each_block_submission(api, as_role, draft, deliver):
    person = str(uuid.uuid4())
    deliver(*eligible_person_events(person),
            intake_event(BENEFICIARY_CONSENT_CHANGED, person,
                         consents={**CONSENTS, "case_management": False}))
    assert rules(submit(api, as_role, draft(person))) == {"consenting"}

    deliver(intake_event(BENEFICIARY_ERASED, person))
    assert rules(submit(api, as_role, draft(person))) == {"not_erased", "consenting"}


def test_a_course_of_another_category_or_too_few_hours_does_not_count(api, as_role, draft,
                                                                       deliver):
    person = str(uuid.uuid4())
    events = eligible_person_events(person)[:2]
    deliver(*events, completed_course(person, category="vocational", hours=80),
            completed_course(person, hours=12.5))

    assert rules(submit(api, as_role, draft(person))) == {"completed_required_course"}


def test_the_course_may_be_announced_before_the_registration(api, as_role, draft, deliver):
    person = str(uuid.uuid4())
    registered, consent, course = eligible_person_events(person)
    deliver(course, course, registered, consent)  # out of order, and the course twice

    assert submit(api, as_role, draft(person)).status_code == 200


def test_a_second_active_plan_in_the_programme_is_refused(api, as_role, draft, deliver):
    person = str(uuid.uuid4())
    deliver(*eligible_person_events(person))
    first = draft(person)
    assert submit(api, as_role, first).status_code == 200

    second = draft(person, programme_id=first["programme_id"])

    assert rules(submit(api, as_role, second)) == {"no_other_active_grant"}


def test_a_submitted_plan_cannot_be_submitted_again(api, as_role, draft, deliver):
    person = str(uuid.uuid4())
    deliver(*eligible_person_events(person))
    plan = draft(person)
    submit(api, as_role, plan)

    again = submit(api, as_role, plan)

    assert again.status_code == 409
    assert again.get_json()["errors"]["rule"] == "lifecycle"


def outbox_types(runtime) -> list[str]:
    from sqlalchemy import select

    with runtime.reading() as session:
        return list(session.execute(select(runtime.outbox.tables.outbox.c.event_type)).scalars())
