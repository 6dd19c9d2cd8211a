"""A sending round that loses its database (a restart, a failover) leaves no message
*sending* that it knows about, and sends none twice: a claim whose COMMIT failed is put
back at once (no gateway was called), a settlement whose transaction failed is made
again once the database answers. Left *sending*, such messages waited for the
reconciler (300 s), which could only give them up as of unknown outcome."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy.exc import OperationalError

from services.notifications.bootstrap import bootstrap
from services.notifications.usecases.dispatch import dispatch_due
from shared.events.contracts.notifications import MESSAGE_SENT
from tests.support.connection_faults import at_commit, committed_then_lost, terminating
from tests.support.notifications.fakes import ScriptedGateway
from tests.support.notifications.people import person
from tests.support.notifications.queries import only_message, outbox_types

pytestmark = pytest.mark.integration

DATABASE = "NOTIFICATIONS_DATABASE_URL"


@pytest.fixture
def notifications(platform):
    """Notifications on the test's PostgreSQL database, its gateways scripted."""
    runtime = bootstrap(platform.settings("notifications"))
    yield replace(runtime, gateways={"sms": ScriptedGateway(), "email": ScriptedGateway()})
    runtime.close()


def test_a_claim_whose_commit_was_lost_is_put_back_and_sent_once_by_the_next_round(
        platform, notifications):
    someone = person(notifications)  # the welcome, queued

    with committed_then_lost(notifications.db.engine, platform), pytest.raises(OperationalError):
        dispatch_due(notifications)  # the claim committed; its answer lost
    left, called = only_message(notifications, someone), len(notifications.gateways["sms"].attempts)
    dispatch_due(notifications)

    assert (left["status"], left["attempts"], called) == ("queued", 0, 0)
    assert only_message(notifications, someone)["status"] == "sent"
    assert [m.message_id for m in notifications.gateways["sms"].sent] == [left["id"]]
    assert outbox_types(notifications) == [MESSAGE_SENT]


def test_a_settlement_whose_connection_was_lost_is_made_again_once_the_database_answers(
        platform, notifications):
    someone = person(notifications)
    commits = []
    lose_the_settlement = terminating(platform, DATABASE, times=1)

    def at_third_commit() -> None:  # the claim's and hand-over's go through, the settlement's is lost
        commits.append(None)
        if len(commits) == 3:
            lose_the_settlement()

    with at_commit(notifications.db.engine, at_third_commit):
        dispatch_due(notifications)

    message = only_message(notifications, someone)
    assert (message["status"], message["attempts"]) == ("sent", 1)
    assert len(notifications.gateways["sms"].sent) == 1
    assert outbox_types(notifications) == [MESSAGE_SENT]


def test_a_hand_over_whose_commit_was_lost_is_made_again_and_the_message_sent_once(
        platform, notifications):
    someone = person(notifications)

    with committed_then_lost(notifications.db.engine, platform, nth=2):  # the hand-over's
        dispatch_due(notifications)

    message = only_message(notifications, someone)
    assert (message["status"], message["attempts"]) == ("sent", 1)
    assert len(notifications.gateways["sms"].sent) == 1
    assert outbox_types(notifications) == [MESSAGE_SENT]


def test_a_settlement_that_did_commit_is_not_made_twice(platform, notifications):
    someone = person(notifications)

    with committed_then_lost(notifications.db.engine, platform, nth=3):  # the settlement's
        dispatch_due(notifications)

    assert only_message(notifications, someone)["status"] == "sent"
    assert len(notifications.gateways["sms"].sent) == 1
    assert outbox_types(notifications) == [MESSAGE_SENT]  # announced once
