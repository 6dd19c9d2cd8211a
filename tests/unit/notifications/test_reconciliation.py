"""A worker that died between its gateway call and the settlement leaves the message
*sending*; the reconciler settles it from evidence, never by sending it blindly again."""

from __future__ import annotations

from dataclasses import replace

from services.notifications.usecases.dispatch import dispatch_due
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
