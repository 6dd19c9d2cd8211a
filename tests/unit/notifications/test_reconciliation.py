"""A worker that died between its gateway call and the settlement leaves the message
*sending*; the reconciler settles it from evidence, never by sending it blindly again."""

from __future__ import annotations

from dataclasses import replace

from services.notifications.usecases.claiming import claim
from services.notifications.usecases.dispatch import _send_and_settle, dispatch_due
from services.notifications.usecases.reconciliation import reconcile_sending
from shared.events.contracts.notifications import MESSAGE_FAILED, MESSAGE_SENT
from tests.support.notifications.fakes import ScriptedGateway
from tests.support.notifications.people import person
from tests.support.notifications.queries import only_message, outbox_types, sink


class DiesAfterSending:
    """The gateway takes the message, then the worker dies before it settles."""

    def __init__(self, gateway):
        self.gateway = gateway

    def send(self, message):
        self.gateway.send(message)
        raise SystemExit("killed")

    def was_sent(self, message_id):
        return self.gateway.was_sent(message_id)


def crash_while_sending(notifications, gateway) -> None:
    dying = replace(notifications, gateways={**notifications.gateways, "sms": DiesAfterSending(gateway)})
    try:
        dispatch_due(dying)
    except (SystemExit, RuntimeError):  # the worker is gone, whenever it went
        pass


def test_a_sink_message_recorded_before_the_crash_is_settled_as_sent_and_not_recorded_again(
        notifications, clock):
    someone = person(notifications)
    crash_while_sending(notifications, notifications.gateways["sms"])
    assert only_message(notifications, someone)["status"] == "sending"

    dispatch_due(notifications)  # a sending message is not due: nothing is sent again
    clock.advance(seconds=notifications.config.sending_timeout + 1)
    assert reconcile_sending(notifications) == {"sent": 1, "requeued": 0, "unknown": 0}
    dispatch_due(notifications)

    assert len(sink(notifications)) == 1
    assert only_message(notifications, someone)["status"] == "sent"
    assert outbox_types(notifications) == [MESSAGE_SENT]


def test_a_message_the_sink_never_got_is_sent_again(notifications, clock):
    someone = person(notifications)
    crash_while_sending(notifications, ScriptedGateway(answers=[RuntimeError("before")]))
    clock.advance(seconds=notifications.config.sending_timeout + 1)
    assert reconcile_sending(notifications)["requeued"] == 1
    dispatch_due(notifications)
    assert [r["beneficiary_id"] for r in sink(notifications)] == [someone]


def test_a_gateway_that_cannot_say_leaves_the_message_failed_as_unknown_never_resent(
        scripted, gateways, clock):
    someone = person(scripted)
    crash_while_sending(scripted, gateways["sms"])
    clock.advance(seconds=scripted.config.sending_timeout - 1)
    assert reconcile_sending(scripted) == {"sent": 0, "requeued": 0, "unknown": 0}  # not yet
    clock.advance(seconds=2)
    assert reconcile_sending(scripted)["unknown"] == 1
    dispatch_due(scripted)

    assert len(gateways["sms"].attempts) == 1
    message = only_message(scripted, someone)
    assert (message["status"], message["reason"]) == ("failed", "outcome_unknown")
    assert outbox_types(scripted) == [MESSAGE_FAILED]


def test_a_late_delivery_report_settles_a_message_of_unknown_outcome(scripted, gateways, clock, client):
    someone = person(scripted)
    crash_while_sending(scripted, gateways["sms"])
    clock.advance(seconds=scripted.config.sending_timeout + 1)
    reconcile_sending(scripted)
    client.get("/gateways/kannel/dlr", query_string={"token": gateways["sms"].sent[0].report_token,
                                                     "status": 1})
    message = only_message(scripted, someone)
    assert (message["status"], message["reason"]) == ("delivered", None)


def claimed_by_a_worker_that_dies(notifications) -> list:
    """A sending round that claimed the due messages and died before handing any over."""
    with notifications.unit_of_work() as work:
        return claim(notifications, work, notifications.clock())


def test_a_message_claimed_but_never_handed_over_is_queued_again_and_sent_once(
        notifications, clock):
    someone = person(notifications)
    claimed_by_a_worker_that_dies(notifications)
    assert only_message(notifications, someone)["status"] == "sending"

    clock.advance(seconds=notifications.config.handing_timeout - 1)
    assert reconcile_sending(notifications)["requeued"] == 0  # its worker may still hand it
    clock.advance(seconds=2)
    assert reconcile_sending(notifications) == {"sent": 0, "requeued": 1, "unknown": 0}
    dispatch_due(notifications)

    assert [r["beneficiary_id"] for r in sink(notifications)] == [someone]
    assert only_message(notifications, someone)["status"] == "sent"
    assert outbox_types(notifications) == [MESSAGE_SENT]


def test_a_slow_worker_whose_claim_was_taken_back_does_not_send_the_message(
        scripted, gateways, clock):
    someone = person(scripted)
    [late] = claimed_by_a_worker_that_dies(scripted)  # it is only slow, not dead
    clock.advance(seconds=scripted.config.handing_timeout + 1)
    assert reconcile_sending(scripted)["requeued"] == 1
    dispatch_due(scripted)  # another round takes it and sends it
    assert len(gateways["sms"].attempts) == 1

    assert _send_and_settle(scripted, late) == 0  # the slow worker wakes: not handed, not sent
    assert len(gateways["sms"].attempts) == 1
    assert only_message(scripted, someone)["status"] == "sent"


def test_a_handed_over_message_is_not_queued_again_after_the_handing_timeout(
        scripted, gateways, clock):
    someone = person(scripted)
    crash_while_sending(scripted, gateways["sms"])  # handed, taken, then the worker died
    clock.advance(seconds=scripted.config.handing_timeout + 1)
    assert reconcile_sending(scripted) == {"sent": 0, "requeued": 0, "unknown": 0}
    dispatch_due(scripted)
    assert len(gateways["sms"].attempts) == 1
    assert only_message(scripted, someone)["status"] == "sending"
