"""On PostgreSQL notifications' sending round is woken by the commit that queued a message
(LISTEN/NOTIFY), not by its poll: with rounds an hour apart, a message queued after the
worker's round went to sleep is still sent at once."""

from __future__ import annotations

import uuid

import pytest

from services.notifications.bootstrap import bootstrap
from shared.events.contracts.training import ENROLMENT_CREATED
from tests.support.notifications.people import deliver, event, person
from tests.support.notifications.queries import sink
from tests.support.waiting import eventually

pytestmark = pytest.mark.integration

AN_HOUR = "3600"  # the poll: were the round waiting for it, the test would time out


@pytest.fixture
def notifications(platform):
    runtime = bootstrap(platform.settings("notifications"))
    yield runtime
    runtime.close()


def test_a_message_queued_while_the_sending_round_sleeps_is_sent_without_its_poll(
        platform, notifications):
    platform.worker("notifications", NOTIFICATIONS_DISPATCH_INTERVAL=AN_HOUR)
    someone = person(notifications)  # the welcome: sent by the worker's first round, or woken
    eventually(lambda: [r["template"] for r in sink(notifications)] == ["welcome"],
               what="the welcome")
    # The round that sent it has ended, or ends without another look: either way what
    # is queued from now on is sent only if a commit wakes the worker.

    deliver(notifications, event(ENROLMENT_CREATED, {
        "enrolment_id": str(uuid.uuid4()), "cohort_id": str(uuid.uuid4()),
        "course_id": str(uuid.uuid4()), "beneficiary_id": someone,
        "course_category": "vocational"}))

    eventually(lambda: [r["template"] for r in sink(notifications)]
               == ["welcome", "enrolment_confirmed"], what="the enrolment's SMS")



