"""A welcome is not sent after a backlog: the due messages go by priority (the welcome and
the opt-out confirmation first, ``kinds.PROMPT``), then oldest first, and a message queued
while a round runs waits behind those under way, not behind everything the round found."""

from __future__ import annotations

import uuid
from dataclasses import replace

from services.notifications.domain import kinds
from services.notifications.usecases.dispatch import dispatch_due
from shared.events.contracts.training import ENROLMENT_CREATED
from tests.support.notifications.fakes import ScriptedGateway
from tests.support.notifications.people import deliver, event, person

BACKLOG = 6


def one_at_a_time(notifications, sms_gateway=None):
    """The runtime sending one message at a time (the order is then the gateway's order)."""
    gateways = {**notifications.gateways, **({"sms": sms_gateway} if sms_gateway else {})}
    return replace(notifications, gateways=gateways,
                   config=replace(notifications.config, send_concurrency=1))


def a_backlog_of_notices(notifications, people: int = BACKLOG) -> None:
    """People already welcomed, each with an enrolment notice queued."""
    welcomed = [person(notifications) for _ in range(people)]
    dispatch_due(notifications)
    for someone in welcomed:
        deliver(notifications, event(ENROLMENT_CREATED, {
            "enrolment_id": str(uuid.uuid4()), "cohort_id": str(uuid.uuid4()),
            "course_id": str(uuid.uuid4()), "beneficiary_id": someone,
            "course_category": "vocational"}))


class ArrivingMidRound(ScriptedGateway):
    """Takes every message; as it takes the first, someone new registers."""

    def __init__(self, arrive):
        super().__init__()
        self.arrive = arrive

    def send(self, message):
        answer = super().send(message)
        if len(self.sent) == 1:
            self.arrive()
        return answer


def test_a_welcome_queued_after_a_backlog_of_notices_is_sent_first(scripted, gateways):
    a_backlog_of_notices(scripted)
    gateways["sms"].sent.clear()
    newcomer = person(scripted)

    dispatch_due(one_at_a_time(scripted))

    sent = [(m.beneficiary_id, m.template) for m in gateways["sms"].sent]
    assert sent[0] == (newcomer, kinds.WELCOME)
    assert [template for _, template in sent[1:]] == [kinds.ENROLMENT_CONFIRMED] * BACKLOG


def test_a_welcome_queued_while_a_round_sends_a_backlog_waits_only_for_the_one_under_way(
        notifications):
    a_backlog_of_notices(notifications)
    arrivals = []
    gateway = ArrivingMidRound(lambda: arrivals.append(person(notifications)))

    dispatch_due(one_at_a_time(notifications, gateway))

    sent = [(m.beneficiary_id, m.template) for m in gateway.sent]
    assert len(sent) == BACKLOG + 1
    assert sent[0][1] == kinds.ENROLMENT_CONFIRMED  # under way as the newcomer registered
    assert sent[1] == (arrivals[0], kinds.WELCOME)
    assert [template for _, template in sent[2:]] == [kinds.ENROLMENT_CONFIRMED] * (BACKLOG - 1)


def test_the_welcome_and_the_opt_out_confirmation_go_before_every_other_kind():
    prompt = {kind for kind in kinds.KINDS if kinds.priority(kind) < kinds.IN_TURN}
    assert prompt == {kinds.WELCOME, kinds.OPT_OUT_CONFIRMED}

